import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { holidayAnswers, orgHolidays, organisations } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { localDay } from '../../bot/period.js';
import { t } from '../../bot/i18n/index.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { makeUpItems } from './makeUp.js';
import { HOME_LISTED, openHomeVisitTask, openVisits } from './visits.js';

/** An answer to a holiday question more than this many days after the holiday is a stale button. */
const LATE_ANSWER_DAYS = 7;

/** The member's tap under the holiday question: home around a day, or not coming this time. */
export async function answerHoliday(db: DbOrTx, facts: PersonFacts, holidayOn: string, arrive: string, now: Date, dueDays: number): Promise<Reply[]> {
  const today = localDay(now, facts.timezone);
  if (Date.parse(holidayOn) + LATE_ANSWER_DAYS * 86_400_000 < Date.parse(today)) return [reply('common-stale-button')];
  const comingHome = arrive !== 'away';
  const values = { comingHome, arriveOn: comingHome ? arrive : null, answeredAt: now };
  await db.insert(holidayAnswers).values({ memberId: facts.personId, holidayOn, ...values })
    .onConflictDoUpdate({ target: [holidayAnswers.memberId, holidayAnswers.holidayOn], set: values });
  if (!comingHome) return [reply('holiday-answer-away')];
  await openHomeVisitTask(db, facts.personId, arrive, 'answer', now, dueDays);
  return [reply('holiday-answer-home', { args: { date: arrive } })];
}

async function orgInScope(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, now: Date, details: Record<string, unknown>) {
  const id = orgId ?? (await managedOrgs(db, facts.personId))[0]?.id;
  if (id === undefined || !(await authorize(db, facts.personId, 'membership.manage', { kind: 'org', id }, now, details))) return undefined;
  const [org] = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  return org;
}

/** The secretary's open home-visit tasks, overdue ones marked. */
export async function visitList(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, now: Date): Promise<Reply[]> {
  const org = await orgInScope(db, facts, orgId, now, { list: 'home-visits' });
  if (!org) return [reply('staff-org-out-of-scope')];
  const today = localDay(now, facts.timezone);
  const open = await openVisits(db, org.path, today);
  if (open.total === 0) return [reply('homevisit-list-none', { args: { org: org.name } })];
  const lines = open.rows.map((v) => `• ${v.name}（${v.liaison ?? '—'}）${v.homeOn} → ${v.dueOn}${v.dueOn < today ? ' ⚠' : ''}`);
  if (open.total > open.rows.length) lines.push(t(facts.language, 'staff-list-more', { count: open.total - open.rows.length }));
  return [reply('homevisit-list', { args: { org: org.name, count: open.total, overdue: open.overdue, lines: lines.join('\n') } })];
}

export interface HomecomingRow { memberId: number; name: string; homeOn: string; makeUp: number }

/**
 * Who is home when, to plan a concentrated session (集中培训和补课): the members who said they come home for a
 * holiday still ahead (or just past), and the members whose home-visit task started lately, with their make-up count.
 */
export async function homecomingRows(db: DbOrTx, orgPath: string, today: string, limit = HOME_LISTED): Promise<{ rows: HomecomingRow[]; total: number }> {
  const rows = await query<{ memberId: number; name: string; homeOn: string; total: number }>(db, sql`
    select m.person_id as "memberId", p.name, min(d.home_on)::text as "homeOn", (count(*) over ())::int as total
    from (select member_id, arrive_on as home_on from holiday_answers where coming_home and holiday_on >= ${today}::date - 30
          union all select member_id, home_on from home_visit_tasks where home_on >= ${today}::date - 30) d
    join members m on m.person_id = d.member_id
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    where home.path like ${`${orgPath}%`}
    group by m.person_id, p.name
    order by "homeOn", p.name, m.person_id
    limit ${limit}`);
  // The make-up count is a query a member: for the listed ones only (a county's homecoming was one query per member).
  const out: HomecomingRow[] = [];
  for (const { total: _total, ...r } of rows) out.push({ ...r, makeUp: (await makeUpItems(db, r.memberId, today)).length });
  return { rows: out, total: rows[0]?.total ?? 0 };
}

/** The organisation of a secretary's list, decided and audited as `membership.manage`. */
export const homecomingOrg = orgInScope;

export async function homecomingList(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, now: Date): Promise<Reply[]> {
  const org = await orgInScope(db, facts, orgId, now, { list: 'homecoming' });
  if (!org) return [reply('staff-org-out-of-scope')];
  const home = await homecomingRows(db, org.path, localDay(now, facts.timezone));
  if (home.total === 0) return [reply('homecoming-list-none', { args: { org: org.name } })];
  const lines = home.rows.map((r) => `• ${r.homeOn} ${r.name}（${r.makeUp}）`);
  if (home.total > home.rows.length) lines.push(t(facts.language, 'staff-list-more', { count: home.total - home.rows.length }));
  return [reply('homecoming-list', { args: { org: org.name, count: home.total, lines: lines.join('\n') } })];
}

/** `/holiday 2027-10-01 国庆节`: a holiday of the organisation's own, before which members away are asked too. */
export async function addHoliday(db: DbOrTx, facts: PersonFacts, on: string, name: string, orgId: number | undefined, now: Date): Promise<Reply[]> {
  const org = await orgInScope(db, facts, orgId, now, { holiday: on });
  if (!org) return [reply('staff-org-out-of-scope')];
  await db.insert(orgHolidays).values({ orgId: org.id, name, on, createdBy: facts.personId, createdAt: now })
    .onConflictDoUpdate({ target: [orgHolidays.orgId, orgHolidays.on], set: { name } });
  return [reply('holiday-added', { args: { org: org.name, name, date: on } })];
}
