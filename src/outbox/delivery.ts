import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { broadcasts } from '../db/schema/index.js';
import { query } from '../db/query.js';

/** Counts by delivery state. 'pending' includes what is being sent right now. */
export interface DeliveryCounts {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  cancelled: number;
}

interface CountRow {
  status: string;
  n: number;
}

function fold(rows: CountRow[]): DeliveryCounts {
  const c: DeliveryCounts = { total: 0, sent: 0, failed: 0, pending: 0, cancelled: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    c.total += n;
    if (r.status === 'sent') c.sent += n;
    else if (r.status === 'failed') c.failed += n;
    else if (r.status === 'cancelled') c.cancelled += n;
    else c.pending += n;
  }
  return c;
}

/** The same for messages keyed alike: one study item's members ('study:12:'), one reminder round. */
export async function deliveryByKeyPrefix(db: DbOrTx, prefix: string): Promise<DeliveryCounts> {
  return fold(await query<CountRow>(db, sql`
    select status, count(*)::int as n from outbox_messages where idempotency_key like ${`${prefix}%`} group by status`));
}

/** Sent / failed / pending of one broadcast (a study item's members and group chats). */
export async function broadcastDelivery(db: DbOrTx, broadcastId: number): Promise<DeliveryCounts> {
  return fold(await query<CountRow>(db, sql`
    select status, count(*)::int as n from outbox_messages where broadcast_id = ${broadcastId} group by status`));
}

/** Every broadcast of an organisation's subtree since a time that has started sending, newest first, with its counts. */
export async function broadcastsOf(db: DbOrTx, orgId: number, since: Date): Promise<({ broadcastId: number; kind: string; studyItemId: number | null; createdAt: Date } & DeliveryCounts)[]> {
  const rows = await query<{ broadcastId: number; kind: string; studyItemId: number | null; createdAt: Date | string; status: string | null; n: number }>(db, sql`
    select b.id as "broadcastId", b.kind, b.study_item_id as "studyItemId", b.created_at as "createdAt", o.status, count(o.id)::int as n
    from broadcasts b
    join organisations bo on bo.id = b.org_id
    join organisations root on root.id = ${orgId} and bo.path like root.path || '%'
    left join outbox_messages o on o.broadcast_id = b.id
    where b.created_at >= ${since.toISOString()}::timestamptz
      -- A notice set for later, or called off, has sent nothing yet: not a delivery to show.
      and (b.kind = 'study' or (b.queued_at is not null and b.cancelled_at is null))
    group by b.id, o.status
    order by b.created_at desc, b.id desc`);
  const byId = new Map<number, { broadcastId: number; kind: string; studyItemId: number | null; createdAt: Date; rows: CountRow[] }>();
  for (const r of rows) {
    const entry = byId.get(r.broadcastId) ?? { broadcastId: r.broadcastId, kind: r.kind, studyItemId: r.studyItemId, createdAt: new Date(r.createdAt), rows: [] };
    if (r.status) entry.rows.push({ status: r.status, n: r.n });
    byId.set(r.broadcastId, entry);
  }
  return [...byId.values()].map(({ rows: counts, ...b }) => ({ ...b, ...fold(counts) }));
}

/** What the bot started towards one person since a time, by purpose: did the reminders reach them? */
export async function memberDelivery(db: DbOrTx, personId: number, since: Date): Promise<Record<string, DeliveryCounts>> {
  const rows = await query<CountRow & { purpose: string }>(db, sql`
    select purpose, status, count(*)::int as n from outbox_messages
    where person_id = ${personId} and purpose <> 'reply' and created_at >= ${since.toISOString()}::timestamptz
    group by purpose, status`);
  const out: Record<string, DeliveryCounts> = {};
  for (const purpose of new Set(rows.map((r) => r.purpose))) out[purpose] = fold(rows.filter((r) => r.purpose === purpose));
  return out;
}

/** The broadcast that delivers a study item, made on first use (one per item, whoever asks first). */
export async function broadcastForStudyItem(db: DbOrTx, studyItemId: number, orgId: number, now: Date): Promise<number> {
  await db.insert(broadcasts).values({ orgId, kind: 'study', studyItemId, createdAt: now }).onConflictDoNothing({ target: broadcasts.studyItemId });
  const [row] = await query<{ id: number }>(db, sql`select id from broadcasts where study_item_id = ${studyItemId}`);
  return row!.id;
}
