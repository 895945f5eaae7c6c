import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { inSubtree, thisMonth, trendMonths, type DashboardPeriod, type DashboardScope } from './scope.js';

/** Head counts of the subtree today. */
export interface MemberCounts {
  members: number;
  /** 流动党员 (status mobile; a member lost contact is counted under `lost`). */
  mobile: number;
  laidOff: number;
  lost: number;
  probationary: number;
}

/** One month of the reporting trend: monthly reports received, and the members on the roll at the month's end. */
export interface ReportingMonth {
  period: string;
  reported: number;
  members: number;
}

/** One month of 失联 and 找回: members who became lost contact, and members found again. */
export interface LostFoundMonth {
  period: string;
  lost: number;
  found: number;
}

export async function memberCounts(db: DbOrTx, scope: DashboardScope, _period: DashboardPeriod): Promise<MemberCounts> {
  const [row] = await query<MemberCounts>(db, sql`
    select count(*)::int as members,
           count(*) filter (where m.status = 'mobile')::int as mobile,
           count(*) filter (where m.status = 'laid_off')::int as "laidOff",
           count(*) filter (where m.status = 'lost_contact')::int as lost,
           count(*) filter (where m.probationary)::int as probationary
    from members m where ${inSubtree(scope)}`);
  return row ?? { members: 0, mobile: 0, laidOff: 0, lost: 0, probationary: 0 };
}

/**
 * 本月报到 and the eleven months before: reports received per month, and the members on the roll at each
 * month's end (a member counts from the month their record was made), so a rate is reported / members.
 */
export async function reportingTrend(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<ReportingMonth[]> {
  const months = trendMonths(period);
  const first = months[0]!;
  const reported = await query<{ period: string; n: number }>(db, sql`
    select r.period, count(*)::int as n from reports r join members m on m.person_id = r.member_id
    where ${inSubtree(scope)} and r.kind = 'monthly' and r.period >= ${first} and r.period <= ${months.at(-1)!}
    group by 1`);
  const joined = await query<{ period: string; n: number }>(db, sql`
    select case when m.created_at < (${first} || '-01')::timestamp at time zone ${period.timezone} then ''
                else to_char(m.created_at at time zone ${period.timezone}, 'YYYY-MM') end as period,
           count(*)::int as n
    from members m where ${inSubtree(scope)} group by 1`);
  const reportedBy = new Map(reported.map((r) => [r.period, r.n]));
  let onRoll = joined.find((j) => j.period === '')?.n ?? 0;
  return months.map((p) => {
    onRoll += joined.find((j) => j.period === p)?.n ?? 0;
    return { period: p, reported: reportedBy.get(p) ?? 0, members: onRoll };
  });
}

/** 失联 and 找回 per month over the trend's months, from the status changes on the tracking cards. */
export async function lostAndFound(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<LostFoundMonth[]> {
  const months = trendMonths(period);
  const rows = await query<LostFoundMonth>(db, sql`
    select to_char(t.at at time zone ${period.timezone}, 'YYYY-MM') as period,
           count(*) filter (where t.details->>'to' = 'lost_contact')::int as lost,
           count(*) filter (where t.details->>'found' = 'true')::int as found
    from tracking_entries t join members m on m.person_id = t.member_id
    where ${inSubtree(scope)} and t.kind = 'status_change'
      and t.at >= (${months[0]!} || '-01')::timestamp at time zone ${period.timezone}
    group by 1`);
  const by = new Map(rows.map((r) => [r.period, r]));
  return months.map((p) => ({ period: p, lost: by.get(p)?.lost ?? 0, found: by.get(p)?.found ?? 0 }));
}

/** Members not yet reported this month: how many in all, and the liaisons with the most of them. */
export interface OverdueByLiaison {
  total: number;
  /** Largest first; `liaisonId` null: members with no liaison yet. */
  liaisons: { liaisonId: number | null; name: string | null; count: number }[];
}

/** Members not yet reported this month (lost contact ones aside), in all and by their liaison (the `limit` largest). */
export async function overdueByLiaison(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, limit = 15): Promise<OverdueByLiaison> {
  // Counted by liaison first, then the few largest named: a county has thousands of liaisons.
  const rows = await query<OverdueByLiaison['liaisons'][number] & { total: number }>(db, sql`
    with per_liaison as (
      select la.liaison_id, count(*)::int as count
      from members m left join liaison_assignments la on la.member_id = m.person_id
      where ${inSubtree(scope)} and m.status <> 'lost_contact'
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${thisMonth(period)})
      group by 1),
    top as (select liaison_id, count, sum(count) over ()::int as total from per_liaison order by count desc, liaison_id nulls first limit ${Math.max(1, limit)})
    select t.liaison_id as "liaisonId", lp.name, t.count, t.total
    from top t left join persons lp on lp.id = t.liaison_id
    order by t.count desc, t.liaison_id nulls first`);
  return { total: rows[0]?.total ?? 0, liaisons: rows.map(({ total: _t, ...r }) => r) };
}

/** How long an open help request has waited, in whole days (0–2, 3–7, 8–30, 31 and more), as the rollup counts them. */
export const HELP_AGES = ['days2', 'week', 'month', 'older'] as const;
export type HelpAge = (typeof HELP_AGES)[number];

/** Help requests not yet confirmed solved by the member, by category and by how long they have been open. */
export async function openHelpByAge(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<{ category: string; age: HelpAge; count: number }[]> {
  const now = period.now.toISOString();
  return query(db, sql`
    select h.category,
           case when h.created_at > ${now}::timestamptz - interval '3 days' then 'days2'
                when h.created_at > ${now}::timestamptz - interval '8 days' then 'week'
                when h.created_at > ${now}::timestamptz - interval '31 days' then 'month'
                else 'older' end as age,
           count(*)::int as count
    from help_requests h join members m on m.person_id = h.member_id
    where ${inSubtree(scope)} and h.status <> 'confirmed'
    group by 1, 2 order by 1, 2`);
}

/** 预备党员 whose probation ends within `days` (or has ended without the record changing), soonest first. */
export async function probationaryDue(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, days = 90, limit = 10): Promise<{ total: number; first: { memberId: number; name: string; endsOn: string }[] }> {
  const dueBy = new Date(period.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await query<{ memberId: number; name: string; endsOn: string; total: number }>(db, sql`
    select m.person_id as "memberId", p.name, m.probation_ends_on::text as "endsOn", count(*) over ()::int as total
    from members m join persons p on p.id = m.person_id
    where ${inSubtree(scope)} and m.probationary and m.probation_ends_on is not null and m.probation_ends_on <= ${dueBy}::date
    order by m.probation_ends_on, m.person_id limit ${limit}`);
  return { total: rows[0]?.total ?? 0, first: rows.map(({ total: _t, ...r }) => r) };
}
