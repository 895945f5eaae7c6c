import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
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
  /** A send of this row was cut off before its outcome was recorded (under the claim named): it may have arrived. */
  interrupted: { by: string | null } | null;
}

// Raw SQL takes timestamps as text: postgres.js and PGlite serialise Date parameters differently.
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Claims up to `limit` rows due now for `claimer` (an instance's batch) until `leaseEnd`, with FOR UPDATE
 * SKIP LOCKED so that instances never claim the same row. A row claimed by an instance that died is
 * claimable again once its lease has passed. A chat some instance is sending to keeps its other rows until that is done: its messages stay in
 * order, and the next batch can be claimed while this one is still sending.
 *
 * A row taken over with a send still marked in flight (`send_started_at`) was cut off between send and
 * record: the platform may have it. Its `interrupted_sends` counts one more, and it comes back with
 * `interrupted` and who was sending it, so the sender can say so.
 */
export async function claimRows(db: Db, platforms: Platform[], now: Date, leaseEnd: Date, limit: number, claimer: string): Promise<ClaimedRow[]> {
  const result = await db.execute(claimStatement(platforms, now, leaseEnd, limit, claimer));
  return rowsOfResult<ClaimedRow & { was_claimed_by: string | null }>(result)
    .map(({ was_claimed_by, ...r }) => ({
      ...r,
      id: Number(r.id),
      attempts: Number(r.attempts),
      parts_sent: Number(r.parts_sent),
      broadcast_id: r.broadcast_id === null ? null : Number(r.broadcast_id),
      interrupted: r.interrupted ? { by: was_claimed_by } : null,
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * claimRows' statement. The chats being sent to are left out by a lookup in a hashed set (NOT IN), not by a
 * correlated NOT EXISTS: with statistics from when the table was small (PGlite has no autovacuum to renew them) the
 * planner ran that one as a nested loop over every row being sent for each row due, 2-4 s a claim at 30,000 due and
 * 200 in flight (6 s in the inbound bench's tail); now ~25 ms whatever the statistics say.
 */
export function claimStatement(platforms: Platform[], now: Date, leaseEnd: Date, limit: number, claimer: string): SQL {
  return sql`
    with picked as (
      select m.id, m.send_started_at is not null as interrupted, m.claimed_by as was_claimed_by from outbox_messages m
      where m.platform in ${platforms} and m.next_attempt_at <= ${at(now)}
        and (m.status = 'pending' or (m.status = 'sending' and m.claimed_until < ${at(now)}))
        and (m.platform, m.chat_id) not in (
          select o.platform, o.chat_id from outbox_messages o
          where o.platform in ${platforms} and o.status = 'sending' and o.claimed_until >= ${at(now)})
      order by m.next_attempt_at, m.id
      limit ${limit}
      for update of m skip locked)
    update outbox_messages o set status = 'sending', claimed_until = ${at(leaseEnd)}, claimed_by = ${claimer}, attempts = o.attempts + 1,
      send_started_at = null, interrupted_sends = o.interrupted_sends + (case when picked.interrupted then 1 else 0 end)
    from picked where o.id = picked.id
    returning o.id, o.platform, o.chat_id, o.chat_kind, o.identity_id, o.person_id, o.purpose, o.broadcast_id, o.payload, o.attempts, o.parts_sent,
      picked.interrupted, picked.was_claimed_by`;
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

/** Records what happened to a row (and ends the claim); `also`, a statement run with it (a late start's move). */
export async function finishRow(db: Db, id: number, set: Partial<typeof outboxMessages.$inferInsert>, also?: SQL): Promise<void> {
  await withStatement(db, db.update(outboxMessages).set({ claimedUntil: null, sendStartedAt: null, ...set }).where(eq(outboxMessages.id, id)).getSQL(), also);
}

/** Records that one more part of a long message went (that send is no longer in flight); the row stays claimed. */
export async function recordPart(db: Db, id: number, partsSent: number, also?: SQL): Promise<void> {
  await withStatement(db, db.update(outboxMessages).set({ partsSent, sendStartedAt: null }).where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending'))).getSQL(), also);
}

/** One statement, one round trip: `also` as a data-modifying WITH before `main`. */
async function withStatement(db: Db, main: SQL, also: SQL | undefined): Promise<void> {
  await db.execute(also ? sql`with also as (${also}) ${main}` : main);
}

/** Gives rows back unsent, due again at `due`; a claim that sent nothing does not count as an attempt. */
export async function handBackRows(db: Db, ids: number[], due: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outboxMessages)
    .set({ status: 'pending', nextAttemptAt: due, claimedUntil: null, sendStartedAt: null, attempts: sql`greatest(${outboxMessages.attempts} - 1, 0)` })
    .where(inArray(outboxMessages.id, ids));
}
