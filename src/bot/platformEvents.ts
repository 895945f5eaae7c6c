import { and, eq, inArray, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import { identities, orgChats, outboxMessages, persons } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from './clock.js';
import type { Platform, PlatformEvent } from './types.js';
import { tellLiaisonUnreachable } from './unreachable.js';

/** Messages not yet on their way: what a chat or workspace that is gone should no longer try to send. */
const NOT_SENT = ['pending'] as const;

/**
 * A group's chat id, and the same group's topics (`<chat>:<topic>`, where a platform has topics): a group that
 * is gone or moved takes its topics with it.
 */
function sameGroup(column: typeof orgChats.chatId | typeof outboxMessages.chatId, chatId: string) {
  return or(eq(column, chatId), like(column, `${chatId}:%`));
}

/** The group a chat id names, without its topic. */
const groupOf = (chatId: string) => chatId.split(':')[0]!;

/** Keeps the records in step with what a platform said about a chat or an account. Logs ids only. */
export async function applyPlatformEvent(database: Database, clock: Clock, logger: Logger, event: PlatformEvent): Promise<void> {
  const now = clock.now();
  await database.db.transaction(async (tx) => {
    switch (event.kind) {
      case 'blocked':
        return accountBlocked(tx, event.platform, event.userId, now, logger);
      case 'unblocked':
        return accountUnblocked(tx, event.platform, event.userId, logger);
      case 'removed-from-group':
        return groupLeft(tx, event.platform, event.chatId, logger);
      case 'chat-moved':
        return chatMoved(tx, event.platform, event.from, event.to, logger);
      case 'workspace-gone':
        return workspaceGone(tx, event.platform, event.reason, logger);
    }
  });
}

/** As when a send is refused: the account is marked unreachable and the member's liaison is told. */
async function accountBlocked(tx: DbOrTx, platform: Platform, userId: string, now: Date, logger: Logger): Promise<void> {
  const marked = await tx
    .update(identities)
    .set({ unreachableSince: now })
    .where(and(eq(identities.platform, platform), eq(identities.externalUserId, userId), isNull(identities.unreachableSince)))
    .returning({ id: identities.id, personId: identities.personId });
  const account = marked[0];
  if (!account) return;
  logger.info({ platform, identityId: account.id }, 'account blocked the bot: marked unreachable');
  if (account.personId !== null) await tellLiaisonUnreachable(tx, { personId: account.personId, identityId: account.id, platform }, now);
}

async function accountUnblocked(tx: DbOrTx, platform: Platform, userId: string, logger: Logger): Promise<void> {
  const cleared = await tx
    .update(identities)
    .set({ unreachableSince: null })
    .where(and(eq(identities.platform, platform), eq(identities.externalUserId, userId), isNotNull(identities.unreachableSince)))
    .returning({ id: identities.id });
  if (cleared[0]) logger.info({ platform, identityId: cleared[0].id }, 'account unblocked the bot: reachable again');
}

/** The bot left or was removed: the group's binding ends, and what was still waiting for it is cancelled. */
async function groupLeft(tx: DbOrTx, platform: Platform, chatId: string, logger: Logger): Promise<void> {
  const unbound = await tx.delete(orgChats).where(and(eq(orgChats.platform, platform), sameGroup(orgChats.chatId, chatId))).returning({ orgId: orgChats.orgId });
  const cancelled = await cancelWaiting(tx, platform, sameGroup(outboxMessages.chatId, chatId));
  logger.info({ platform, chatId, orgIds: unbound.map((u) => u.orgId), cancelled }, 'bot removed from a group: binding closed');
}

/** A group upgraded to a supergroup: its binding and its waiting messages follow it to the new id (topics kept). */
async function chatMoved(tx: DbOrTx, platform: Platform, fromChat: string, toChat: string, logger: Logger): Promise<void> {
  const [from, to] = [groupOf(fromChat), groupOf(toChat)];
  if (from === to) return;
  const moved = await tx.execute(sql`
    update org_chats set chat_id = ${to} || substr(chat_id, ${from.length + 1})
    where platform = ${platform} and (chat_id = ${from} or chat_id like ${`${from}:%`})
      and not exists (select 1 from org_chats o where o.platform = ${platform} and o.chat_id = ${to} || substr(org_chats.chat_id, ${from.length + 1}))`);
  // Bound under both ids already (the new id's service message came first): the old rows go.
  await tx.delete(orgChats).where(and(eq(orgChats.platform, platform), sameGroup(orgChats.chatId, from)));
  await tx.execute(sql`
    update outbox_messages set chat_id = ${to} || substr(chat_id, ${from.length + 1})
    where platform = ${platform} and status in ('pending', 'sending') and (chat_id = ${from} or chat_id like ${`${from}:%`})`);
  logger.info({ platform, from, to, bindings: rowCount(moved) }, 'group moved to a new chat id');
}

/** Uninstalled or token revoked: nothing more can go to this workspace; waiting messages are cancelled, not retried. */
async function workspaceGone(tx: DbOrTx, platform: Platform, reason: string, logger: Logger): Promise<void> {
  const cancelled = await cancelWaiting(tx, platform);
  logger.warn({ platform, reason, cancelled }, 'app removed from the workspace: its waiting messages are cancelled');
}

async function cancelWaiting(tx: DbOrTx, platform: Platform, where?: ReturnType<typeof sameGroup>): Promise<number> {
  const rows = await tx
    .update(outboxMessages)
    .set({ status: 'cancelled', lastError: 'chat_gone' })
    .where(and(eq(outboxMessages.platform, platform), inArray(outboxMessages.status, [...NOT_SENT]), ...(where ? [where] : [])))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** The language of the person an account is linked to; undefined for an account not linked. */
export async function accountLanguage(db: DbOrTx, platform: Platform, userId: string): Promise<'zh-CN' | 'en' | undefined> {
  const [row] = await db
    .select({ language: persons.language })
    .from(identities)
    .innerJoin(persons, eq(persons.id, identities.personId))
    .where(and(eq(identities.platform, platform), eq(identities.externalUserId, userId)));
  return row?.language;
}

function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return r.count ?? r.affectedRows ?? r.rowCount ?? 0;
}
