import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { enqueue, outboxRow, preferredIdentity, type OutboxItem } from '../../outbox/enqueue.js';
import { ConcurrentUpdateError, storedState, type PendingSave } from '../conversation.js';
import type { Reply } from '../flow.js';
import type { DeferredEffect } from '../registry.js';
import type { Language } from '../i18n/index.js';
import { renderReply } from '../render.js';
import type { Incoming, OutgoingMessage } from '../types.js';
import type { Identity } from './arrival.js';

/**
 * The answers to one update, rendered once in the person's language. The key (platform, update id, index) makes
 * a redelivered update queue nothing new.
 */
export function answerItems(incoming: Incoming, identity: Identity, messages: OutgoingMessage[], now: Date): OutboxItem[] {
  return messages.map((message, i) => ({
    idempotencyKey: `reply:${incoming.platform}:${incoming.updateId}:${i}`,
    platform: incoming.platform,
    chatId: incoming.chatId,
    chatKind: incoming.chatKind,
    // A group's failure (the bot removed from it) must not mark the member who asked unreachable.
    ...(incoming.chatKind === 'private' ? { identityId: identity.id } : {}),
    ...(identity.personId !== null ? { personId: identity.personId } : {}),
    purpose: 'reply',
    message,
    notBefore: now,
  }));
}

/** How the last statement of a turn went: written, applied before by another delivery, or raced by another update. */
export type TurnWrite = 'saved' | 'duplicate' | 'conflict';

/**
 * The last statement of a turn (bot_turn_finish, migrations 0022 and 0025): the conversation written with its
 * version check and the answers queued, in one call; with `update` (a turn outside a transaction), the update id
 * recorded first in the same statement. Another delivery for the same person got there first: throws
 * ConcurrentUpdateError, so the transaction rolls back (nothing queued; the function took back an update id it
 * recorded) and the update runs again on its state. 'duplicate': another delivery of this update was recorded
 * first; nothing was written.
 */
export async function writeTurn(tx: DbOrTx, save: PendingSave | undefined, items: OutboxItem[], now: Date, update?: { platform: string; updateId: string }): Promise<TurnWrite> {
  const f = finishItem(save, items, now, update);
  if (f.mode === 'none' && items.length === 0 && !update) return 'saved';
  const [row] = await query<{ written: TurnWrite }>(tx, sql`select bot_turn_finish(${f.person}::integer, ${f.mode}::text,
    ${f.previousVersion}::integer, ${f.flow}::text, ${f.state === null ? null : JSON.stringify(f.state)}::jsonb,
    ${f.timeout}::timestamptz, ${f.now}::timestamptz, ${JSON.stringify(f.outbox)}::jsonb, ${f.platform}::text, ${f.updateId}::text) as written`);
  return checkedWrite(row?.written);
}

/** A finish's answer: a conflict is thrown (the update runs again), anything unknown is a bug. */
export function checkedWrite(written: TurnWrite | undefined): TurnWrite {
  if (written === 'conflict') throw new ConcurrentUpdateError();
  if (written !== 'saved' && written !== 'duplicate') throw new Error(`bot_turn_finish answered ${String(written)}`);
  return written;
}

/** One turn's part of bot_turn_finish (alone, or with others in bot_turn_finish_many): its parameters by name. */
export function finishItem(save: PendingSave | undefined, items: OutboxItem[], now: Date, update?: { platform: string; updateId: string }, effects: DeferredEffect[] = []) {
  const mode = !save || (!save.previous && !save.next) ? 'none' : !save.next ? 'delete' : !save.previous ? 'insert' : 'update';
  return {
    person: save?.personId ?? null, mode, previousVersion: save?.previous?.version ?? null, flow: save?.next?.flow ?? null,
    state: save?.next ? storedState(save.next) : null, timeout: save ? save.timeoutAt.toISOString() : null, now: now.toISOString(),
    outbox: items.map(outboxRow), platform: update?.platform ?? null, updateId: update?.updateId ?? null,
    ...(effects.length ? { effects } : {}),
  };
}

export type FinishItem = ReturnType<typeof finishItem>;

/** What a conversation says when it times out goes to the account the person used last. */
export async function queueTimeoutReplies(tx: DbOrTx, personId: number, version: number, language: Language, replies: Reply[], now: Date): Promise<void> {
  const identity = replies.length ? await preferredIdentity(tx, personId) : undefined;
  if (!identity) return;
  await enqueue(tx, replies.map((r, i) => ({
    idempotencyKey: `timeout:${personId}:${version}:${i}`,
    platform: identity.platform, chatId: identity.chatId, identityId: identity.id, personId, purpose: 'reply',
    message: renderReply(language, r), notBefore: now,
  })), now);
}
