import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';

interface NoticeState {
  id: number;
  createdBy: number;
  waiting: number;
  delivered: number;
  failed: number;
  groups: number;
  groupsDelivered: number;
}

/**
 * Notices whose sending has ended (nothing waits or is being sent) and whose sender has not been told yet.
 * Given ids, only those (the sender asks about the broadcasts it just worked on); else every notice of the
 * last `days` days (the hourly sweep that catches one whose last message went just before a crash).
 */
async function endedNotices(db: DbOrTx, ids: number[] | undefined, now: Date, days: number): Promise<NoticeState[]> {
  const which = ids ? sql`b.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql`b.created_at >= ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz`;
  const rows = await query<NoticeState>(db, sql`
    select b.id, b.created_by as "createdBy",
      count(*) filter (where o.status in ('pending', 'sending'))::int as waiting,
      count(*) filter (where o.status = 'sent' and o.person_id is not null)::int as delivered,
      count(*) filter (where o.status = 'failed' and o.person_id is not null)::int as failed,
      count(*) filter (where o.chat_kind = 'group')::int as groups,
      count(*) filter (where o.chat_kind = 'group' and o.status = 'sent')::int as "groupsDelivered"
    from broadcasts b join outbox_messages o on o.broadcast_id = b.id
    where b.kind = 'notice' and b.created_by is not null and ${which}
      and not exists (select 1 from outbox_messages r where r.idempotency_key = 'notice-report:' || b.id)
    group by b.id, b.created_by`);
  return rows.map((r) => ({ ...r, id: Number(r.id), createdBy: Number(r.createdBy) })).filter((r) => Number(r.waiting) === 0);
}

async function failedNames(db: DbOrTx, broadcastId: number): Promise<string[]> {
  const rows = await query<{ name: string }>(db, sql`
    select p.name from outbox_messages o join persons p on p.id = o.person_id
    where o.broadcast_id = ${broadcastId} and o.status = 'failed' order by p.name`);
  return rows.map((r) => r.name);
}

/**
 * Tells each sender how their notice went, once it has ended: delivered N, failed M, and who did not get it.
 * The message's key is per notice, so however many instances notice the end at once, it is queued once.
 * Returns how many reports were queued.
 */
export async function reportEndedNotices(db: DbOrTx, now: Date, ids?: number[], days = 30): Promise<number> {
  if (ids && ids.length === 0) return 0;
  let reported = 0;
  for (const n of await endedNotices(db, ids, now, days)) {
    const names = n.failed > 0 ? (await failedNames(db, n.id)).join('、') : '';
    const report = reply('broadcast-report', { args: { id: n.id, delivered: n.delivered, failed: n.failed, names, groups: n.groups, groupsDelivered: n.groupsDelivered } });
    if (await notifyPerson(db, n.createdBy, report, { key: `notice-report:${n.id}`, purpose: 'notify', now })) reported++;
  }
  return reported;
}
