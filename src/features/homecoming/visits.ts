import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { homeVisitTasks, persons, trackingEntries } from '../../db/schema/index.js';
import type { HomecomingSource } from '../../db/schema/membership.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { liaisonOf, notifyPerson } from '../../bot/notify.js';
import { makeUpItems } from './makeUp.js';

/** A task is open until a home visit is on the tracking card on or after the day the member is home. */
export const OPEN_TASK = sql`not exists (select 1 from tracking_entries te where te.member_id = t.member_id and te.kind = 'visit'
  and te.at >= (t.home_on::timestamp at time zone p.timezone))`;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A member comes home (their answer to the holiday question, their own 我回来了, or a return staff registered): the
 * liaison gets a home-visit task with a due date (talk, hear the difficulties, check the 活动证, update the two cards)
 * and the member's make-up list with it. A member with a task still open gets no second one.
 */
export async function openHomeVisitTask(db: DbOrTx, memberId: number, homeOn: string, source: HomecomingSource, now: Date, dueDays: number): Promise<boolean> {
  const [open] = await query<{ id: number }>(db, sql`
    select t.id from home_visit_tasks t join persons p on p.id = t.member_id where t.member_id = ${memberId} and ${OPEN_TASK} limit 1`);
  if (open) return false;
  const liaisonId = await liaisonOf(db, memberId);
  const dueOn = addDays(homeOn, dueDays);
  const [task] = await db.insert(homeVisitTasks).values({ memberId, liaisonId: liaisonId ?? null, source, homeOn, dueOn, openedAt: now })
    .onConflictDoNothing().returning({ id: homeVisitTasks.id });
  if (!task) return false;
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'note', details: { homeVisitTask: task.id, source } });
  if (liaisonId !== undefined) await tellLiaison(db, liaisonId, memberId, task.id, homeOn, dueOn, now);
  return true;
}

async function tellLiaison(db: DbOrTx, liaisonId: number, memberId: number, taskId: number, homeOn: string, dueOn: string, now: Date) {
  const [member] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
  const name = member?.name ?? '';
  const items = await makeUpItems(db, memberId, homeOn);
  const message: Reply = reply('homevisit-task', {
    args: { name, home: homeOn, due: dueOn, count: items.length, makeUp: items.map((i) => `• ${i.title}`).join('\n') || '—' },
    buttons: [[button('homevisit-button-visited', `contact:visit:${memberId}`, { name })]],
  });
  await notifyPerson(db, liaisonId, message, { key: `homevisit:${taskId}:${liaisonId}`, purpose: 'notify', now });
}

export interface OpenVisit {
  memberId: number;
  name: string;
  liaison: string | null;
  homeOn: string;
  dueOn: string;
  orgPath: string;
}

/** Lines a list of people shows in a chat message or on a page: past it, how many more. */
export const HOME_LISTED = 100;

/**
 * Open home-visit tasks of members whose home branch lies in a subtree, oldest due first: the first `limit`, with how
 * many there are and how many are overdue (a county's Spring Festival is tens of thousands of tasks: one message).
 */
export async function openVisits(db: DbOrTx, orgPath: string, today: string, limit = HOME_LISTED): Promise<{ rows: OpenVisit[]; total: number; overdue: number }> {
  const rows = await query<OpenVisit & { total: number; overdue: number }>(db, sql`
    select t.member_id as "memberId", p.name, lp.name as liaison, t.home_on::text as "homeOn", t.due_on::text as "dueOn", home.path as "orgPath",
      (count(*) over ())::int as total, (count(*) filter (where t.due_on < ${today}::date) over ())::int as overdue
    from home_visit_tasks t
    join persons p on p.id = t.member_id
    join members m on m.person_id = t.member_id
    join organisations home on home.id = m.home_org_id
    left join persons lp on lp.id = t.liaison_id
    where home.path like ${`${orgPath}%`} and ${OPEN_TASK}
    order by t.due_on, p.name, t.member_id
    limit ${limit}`);
  return { rows: rows.map(({ total: _t, overdue: _o, ...v }) => v), total: rows[0]?.total ?? 0, overdue: rows[0]?.overdue ?? 0 };
}
