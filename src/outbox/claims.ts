import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import type { ChatKind, OutgoingMessage, Platform } from '../bot/types.js';
import { rowsOfResult } from '../db/query.js';

/** An outbox row this process holds for a while (its lease) to send it. */
export interface ClaimedRow {
  id: number;
  platform: Platform;
  chat_id: string;
  chat_kind: ChatKind;
  identity_id: number | null;
  person_id: number | null;
  purpose: string;
  broadcast_id: number | null;
  payload: OutgoingMessage;
  attempts: number;
  /** Parts of a long message that already went, in an earlier attempt. */
  parts_sent: number;
}

// Raw SQL takes timestamps as text: postgres.js and PGlite serialise Date parameters differently.
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Claims up to `limit` rows due now, with FOR UPDATE SKIP LOCKED so that instances never claim the same row,
 * until `leaseEnd`. A row claimed by an instance that died is claimable again once its lease has passed.
 */
export async function claimRows(db: Db, platforms: Platform[], now: Date, leaseEnd: Date, limit: number): Promise<ClaimedRow[]> {
  const result = await db.execute(sql`
    update outbox_messages set status = 'sending', claimed_until = ${at(leaseEnd)}, attempts = attempts + 1
    where id in (
      select id from outbox_messages
      where platform in ${platforms} and next_attempt_at <= ${at(now)}
        and (status = 'pending' or (status = 'sending' and claimed_until < ${at(now)}))
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id, platform, chat_id, chat_kind, identity_id, person_id, purpose, broadcast_id, payload, attempts, parts_sent`);
  return rowsOfResult<ClaimedRow>(result)
    .map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts), parts_sent: Number(r.parts_sent), broadcast_id: r.broadcast_id === null ? null : Number(r.broadcast_id) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Extends the lease on rows still held under the lease `from` (the value this process set: nobody else has
 * taken them over), to `to`. Returns the ids still held.
 */
export async function renewLease(db: Db, ids: number[], from: Date, to: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    update outbox_messages set claimed_until = ${at(to)}
    where id in ${ids} and status = 'sending' and claimed_until = ${at(from)}
    returning id`);
  return rowsOfResult<{ id: number }>(result).map((r) => Number(r.id));
}

/** Records what happened to a row (and ends the claim). */
export async function finishRow(db: Db, id: number, set: Partial<typeof outboxMessages.$inferInsert>): Promise<void> {
  await db.update(outboxMessages).set({ claimedUntil: null, ...set }).where(eq(outboxMessages.id, id));
}

/** Records that one more part of a long message went; the row stays claimed. */
export async function recordPart(db: Db, id: number, partsSent: number): Promise<void> {
  await db.update(outboxMessages).set({ partsSent }).where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending')));
}

/** Gives rows back unsent, due again at `due`; a claim that sent nothing does not count as an attempt. */
export async function handBackRows(db: Db, ids: number[], due: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outboxMessages)
    .set({ status: 'pending', nextAttemptAt: due, claimedUntil: null, attempts: sql`greatest(${outboxMessages.attempts} - 1, 0)` })
    .where(inArray(outboxMessages.id, ids));
}
