import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

/** The counted figures of the statistics, each a count of members except `help` (requests). */
export interface StatisticsCounts {
  members: number;
  mobile: number;
  lostContact: number;
  laidOff: number;
  /** 预备党员 whose probation ends by `dueBy` (or has ended without the record changed). */
  probationaryDue: number;
  reported: number;
  reportedOnTime: number;
  foundAgainThisYear: number;
  /** Help requests ever made. */
  help: number;
  /** 先进 of the year, whichever organisation proposed it. */
  recognised: number;
  /** Signed up this year for a course or an opening. */
  signedUp: number;
  /** Signed up for a course that runs today. */
  inTraining: number;
  trained: number;
  reemployed: number;
}

const FIELDS = [
  'members', 'mobile', 'lostContact', 'laidOff', 'probationaryDue', 'reported', 'reportedOnTime', 'foundAgainThisYear',
  'help', 'recognised', 'signedUp', 'inTraining', 'trained', 'reemployed',
] as const satisfies readonly (keyof StatisticsCounts)[];

const noCounts = (): StatisticsCounts => Object.fromEntries(FIELDS.map((f) => [f, 0])) as unknown as StatisticsCounts;

function addInto(total: StatisticsCounts, counts: StatisticsCounts): void {
  for (const f of FIELDS) total[f] += Number(counts[f]);
}

/** The counts of several organisations together (each member counted under one home). */
export function sumCounts(all: Iterable<StatisticsCounts>): StatisticsCounts {
  const total = noCounts();
  for (const counts of all) addInto(total, counts);
  return total;
}

export interface CountsAt {
  /** 'YYYY-MM': the month whose monthly reports count. */
  period: string;
  year: number;
  /** 'YYYY-MM-DD' in the figures' zone: which courses run today. */
  today: string;
  /** Probation ending on or before this day counts as due. */
  dueBy: string;
  timezone: string;
}

/**
 * The figures of every organisation in a subtree (`pattern`, from subtreePattern) for its own members (home branch
 * there), in one statement: each count grouped by the member's home organisation. A member has one home, so an
 * organisation's subtree figures are the sum of its organisations' own (`subtreeSums`), distinct counts included:
 * the 统计表's row per branch without asking once per branch (a county of 1,000 branches: 123 s → 3 s).
 *
 * The members are read once: each member's row carries their report of the month (one at most) and whether they
 * are among the year's found, recognised, signed-up and trained (each of those a set of members, read once and
 * hashed). Each count was a join of its own to the members, and the found-again one was planned from the county's
 * entries (a jsonb test the planner guesses at 1 row in 200) fetched member by member: a branch of 1,000 members
 * waited ~50 ms on the county's 10,000 found this year. Help requests, which are counted not per member, keep a
 * join of their own (a branch's are found by its members, a county's hashed). Years are ranges on the column in
 * the figures' zone, as `extract(year …)` was.
 */
export async function ownCounts(db: DbOrTx, pattern: string, at: CountsAt): Promise<Map<number, StatisticsCounts>> {
  const yearFrom = sql`(${`${at.year}-01-01`}::timestamp at time zone ${at.timezone})`;
  const yearTo = sql`(${`${at.year + 1}-01-01`}::timestamp at time zone ${at.timezone})`;
  const trainingToday = sql`jo.kind = 'training' and jo.starts_on <= ${at.today}::date and coalesce(jo.ends_on, jo.starts_on) >= ${at.today}::date`;
  const rows = await query<{ org: number } & StatisticsCounts>(db, sql`
    with scope as not materialized (
      select m.person_id, m.home_org_id as org, m.status, m.probationary, m.probation_ends_on
      from members m where m.home_org_id in (select id from organisations where path like ${pattern})),
    found as (
      select distinct t.member_id from tracking_entries t
      where t.kind = 'status_change' and t.details->>'found' = 'true' and t.at >= ${yearFrom} and t.at < ${yearTo}),
    recognised as (select distinct rc.member_id from recognitions rc where rc.year = ${at.year} and rc.revoked_at is null),
    signed as (
      select js.member_id, bool_or(js.signed_at >= ${yearFrom} and js.signed_at < ${yearTo}) as "signedUp", bool_or(${trainingToday}) as "inTraining"
      from job_signups js join job_offers jo on jo.id = js.offer_id
      where (js.signed_at >= ${yearFrom} and js.signed_at < ${yearTo}) or (${trainingToday})
      group by js.member_id),
    outcomes as (
      select eo.member_id, bool_or(eo.outcome = 'trained') as trained, bool_or(eo.outcome = 'reemployed') as reemployed
      from employment_outcomes eo where eo.on >= ${`${at.year}-01-01`}::date and eo.on < ${`${at.year + 1}-01-01`}::date
      group by eo.member_id),
    counted as (
      select s.org, count(*)::int as members,
             count(*) filter (where s.status = 'mobile')::int as mobile,
             count(*) filter (where s.status = 'lost_contact')::int as "lostContact",
             count(*) filter (where s.status = 'laid_off')::int as "laidOff",
             count(*) filter (where s.probationary and s.probation_ends_on is not null and s.probation_ends_on <= ${at.dueBy}::date)::int as "probationaryDue",
             count(r.member_id)::int as reported, count(r.member_id) filter (where not r.late)::int as "reportedOnTime",
             count(f.member_id)::int as "foundAgainThisYear", count(rc.member_id)::int as recognised,
             count(*) filter (where sg."signedUp")::int as "signedUp", count(*) filter (where sg."inTraining")::int as "inTraining",
             count(*) filter (where o.trained)::int as trained, count(*) filter (where o.reemployed)::int as reemployed
      from scope s
        left join reports r on r.member_id = s.person_id and r.kind = 'monthly' and r.period = ${at.period}
        left join found f on f.member_id = s.person_id
        left join recognised rc on rc.member_id = s.person_id
        left join signed sg on sg.member_id = s.person_id
        left join outcomes o on o.member_id = s.person_id
      group by s.org),
    help as (select s.org, count(*)::int as n from help_requests h join scope s on s.person_id = h.member_id group by s.org)
    select c.*, coalesce(h.n, 0) as help from counted c left join help h using (org)`);
  return new Map(rows.map((r) => [Number(r.org), r]));
}

/**
 * Each organisation's subtree figures from the own figures of the organisations under it: a path ('/1/2/22/') names
 * every organisation above, so each own figure is added to those of its path that were asked for.
 */
export function subtreeSums(own: Map<number, StatisticsCounts>, paths: Map<number, string>, wanted: readonly number[]): Map<number, StatisticsCounts> {
  const sums = new Map(wanted.map((id) => [id, noCounts()]));
  for (const [org, counts] of own) {
    for (const step of (paths.get(org) ?? '').split('/')) {
      const total = step ? sums.get(Number(step)) : undefined;
      if (total) addInto(total, counts);
    }
  }
  return sums;
}
