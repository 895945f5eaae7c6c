import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { identities, outboxMessages } from '../db/schema/index.js';
import type { ChatKind, OutgoingMessage, Platform } from '../bot/types.js';

export interface OutboxItem {
  /** The same key can never be queued twice: job + period + recipient, or platform + update id + index. */
  idempotencyKey: string;
  platform: Platform;
  chatId: string;
  chatKind?: ChatKind;
  identityId?: number;
  personId?: number;
  /** 'reply' answers a person; anything else was started by the bot (a prompt, a nudge, a broadcast). */
  purpose: string;
  broadcastId?: number;
  message: OutgoingMessage;
  /** Not before this time (an off-peak window, say). */
  notBefore: Date;
}

/** Queues messages; a key already queued is skipped. Returns how many rows were new. */
export async function enqueue(db: DbOrTx, items: OutboxItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const inserted = await db
    .insert(outboxMessages)
    .values(items.map((i) => ({ ...outboxRow(i), createdAt: now })))
    .onConflictDoNothing({ target: outboxMessages.idempotencyKey })
    .returning({ id: outboxMessages.id });
  return inserted.length;
}

/** The row an item becomes (without its creation time); bot_turn_finish takes these as JSON, by the same keys. */
export function outboxRow(i: OutboxItem) {
  return {
    idempotencyKey: i.idempotencyKey,
    platform: i.platform,
    chatId: i.chatId,
    chatKind: i.chatKind ?? 'private',
    identityId: i.identityId ?? null,
    personId: i.personId ?? null,
    purpose: i.purpose,
    broadcastId: i.broadcastId ?? null,
    payload: i.message,
    nextAttemptAt: i.notBefore,
  };
}

/** The account a bot-initiated message should go to: the reachable one the person used last. */
export async function preferredIdentity(db: DbOrTx, personId: number) {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.personId, personId), isNull(identities.unreachableSince), isNotNull(identities.linkedAt)))
    .orderBy(desc(identities.lastSeenAt), desc(identities.id))
    .limit(1);
  return row;
}
