import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

export type NoticeState = 'scheduled' | 'cancelled' | 'sending' | 'done';

/** A notice as the console lists it: who sent what to which organisation, when, and how far delivery has got. */
export interface NoticeProgress {
  id: number;
  orgId: number;
  orgName: string;
  sender: string;
  body: string;
  urgent: boolean;
  attachedItemId: number | null;
  createdAt: Date;
  sendAt: Date | null;
  state: NoticeState;
  /** Members' messages: delivered, failed, still waiting (their hours, their cap, or being sent now), read. */
  members: number;
  delivered: number;
  failed: number;
  waiting: number;
  read: number;
  groups: number;
  groupsDelivered: number;
}

interface Row extends Omit<NoticeProgress, 'state' | 'createdAt' | 'sendAt'> {
  createdAt: Date | string;
  sendAt: Date | string | null;
  queuedAt: Date | string | null;
  cancelledAt: Date | string | null;
  pendingAll: number;
}

function select(where: SQL, limit: number): SQL {
  return sql`
    select b.id, b.org_id as "orgId", o.name as "orgName", coalesce(p.name, '') as sender, coalesce(b.body, '') as body, b.urgent,
      b.attached_item_id as "attachedItemId", b.created_at as "createdAt", b.send_at as "sendAt", b.queued_at as "queuedAt", b.cancelled_at as "cancelledAt",
      c.members, c.delivered, c.failed, c.waiting, c."pendingAll", c.groups, c."groupsDelivered",
      (select count(distinct m.person_id)::int from outbox_messages m
        where m.broadcast_id = b.id and m.person_id is not null
          and (exists (select 1 from broadcast_reads r where r.broadcast_id = b.id and r.member_id = m.person_id)
            or exists (select 1 from study_reads sr where sr.item_id = b.attached_item_id and sr.member_id = m.person_id))) as read
    from broadcasts b
    join organisations o on o.id = b.org_id
    left join persons p on p.id = b.created_by
    cross join lateral (
      select count(*) filter (where m.person_id is not null)::int as members,
        count(*) filter (where m.person_id is not null and m.status = 'sent')::int as delivered,
        count(*) filter (where m.person_id is not null and m.status = 'failed')::int as failed,
        count(*) filter (where m.person_id is not null and m.status in ('pending', 'sending'))::int as waiting,
        count(*) filter (where m.status in ('pending', 'sending'))::int as "pendingAll",
        count(*) filter (where m.chat_kind = 'group')::int as groups,
        count(*) filter (where m.chat_kind = 'group' and m.status = 'sent')::int as "groupsDelivered"
      from outbox_messages m where m.broadcast_id = b.id) c
    where b.kind = 'notice' and ${where}
    order by b.id desc limit ${limit}`;
}

const when = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function fold(r: Row): NoticeProgress {
  const { queuedAt, cancelledAt, pendingAll, ...rest } = r;
  const state: NoticeState = cancelledAt ? 'cancelled' : !queuedAt ? 'scheduled' : pendingAll > 0 ? 'sending' : 'done';
  return { ...rest, id: Number(r.id), orgId: Number(r.orgId), createdAt: new Date(r.createdAt), sendAt: when(r.sendAt), state };
}

/** The notices of the organisations under any of these paths (the staff person's subtrees), newest first. */
export async function noticesUnder(db: DbOrTx, paths: string[], limit = 50): Promise<NoticeProgress[]> {
  if (paths.length === 0) return [];
  const under = sql.join(paths.map((p) => sql`o.path like ${`${p}%`}`), sql` or `);
  return (await query<Row>(db, select(sql`(${under})`, limit))).map(fold);
}

/** One notice, whatever organisation: the caller decides whether the person may see it. */
export async function noticeProgress(db: DbOrTx, broadcastId: number): Promise<NoticeProgress | undefined> {
  const [row] = await query<Row>(db, select(sql`b.id = ${broadcastId}`, 1));
  return row && fold(row);
}

/** The members a notice did not reach (their account blocked the bot, or the platform refused), by name. */
export async function failedRecipients(db: DbOrTx, broadcastId: number): Promise<string[]> {
  const rows = await query<{ name: string }>(db, sql`
    select p.name from outbox_messages o join persons p on p.id = o.person_id
    where o.broadcast_id = ${broadcastId} and o.status = 'failed' order by p.name_initials collate "C", p.name collate "C"`);
  return rows.map((r) => r.name);
}
