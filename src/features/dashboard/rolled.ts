import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { monthPeriod } from '../../bot/period.js';
import { PROBATION_DUE_DAYS, destinationsAnyStatus, lostAndFoundMonths, orgMonth, orgMonths, rollupRuns, unreportedByLiaison, type HelpAgeBucket, type OrgMonth } from '../rollups/index.js';
import { lostAndFound, reportingTrend, type HelpAge, type LostFoundMonth, type MemberCounts, type ReportingMonth } from './figures.js';
import type { ChildOrg } from './places.js';
import { thisMonth, trendMonths, type DashboardPeriod, type DashboardScope } from './scope.js';

/** The rollup's ages of an open help request (whole days) as the dashboard's buckets. */
const AGES: Record<HelpAgeBucket, HelpAge> = { '0-2d': 'days2', '3-7d': 'week', '8-30d': 'month', '31d+': 'older' };

/** How many liaisons the overdue chart names. */
const TOP_LIAISONS = 15;

function counts(m: OrgMonth): MemberCounts {
  const c = m.subtree.counts;
  return { members: c.members, mobile: c.mobile, laidOff: c.laid_off, lost: c.lost_contact, probationary: c.probationary };
}

/** The twelve months from the rollup; months not computed (before the job ran) counted live, once for all of them. */
async function trend(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<ReportingMonth[]> {
  const months = trendMonths(period);
  const stored = new Map((await orgMonths(db, scope.orgId, months[0]!, months.at(-1)!)).map((m) => [m.period, m]));
  const live = months.every((p) => stored.has(p)) ? undefined : new Map((await reportingTrend(db, scope, period)).map((m) => [m.period, m]));
  return months.map((p) => {
    const m = stored.get(p);
    return m ? { period: p, reported: m.subtree.counts.reported, members: m.subtree.counts.members } : live!.get(p)!;
  });
}

/**
 * The reporting trend from the rollup (the chat's /stats picture), or undefined when this month has not been computed
 * or the asker's month is not the rollup's: the caller counts live then.
 */
export async function rolledTrend(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, rollupTimezone: string): Promise<ReportingMonth[] | undefined> {
  const month = thisMonth(period);
  if (monthPeriod(period.now, rollupTimezone) !== month || (await rollupRuns(db, [month])).length === 0) return undefined;
  return trend(db, scope, period);
}

/** 失联 and 找回 of the twelve months from the rollup; months not computed counted live (once for all of them). */
async function lostFoundTrend(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<LostFoundMonth[]> {
  const months = trendMonths(period);
  const computed = new Set((await rollupRuns(db, months)).map((r) => r.period));
  const stored = await lostAndFoundMonths(db, scope.orgId, months);
  const live = months.every((p) => computed.has(p)) ? undefined : new Map((await lostAndFound(db, scope, period)).map((m) => [m.period, m]));
  return months.map((p) => (computed.has(p) ? { period: p, lost: stored.get(p)?.lost ?? 0, found: stored.get(p)?.found ?? 0 } : live!.get(p)!));
}

/**
 * The first `limit` 预备党员 of the subtree whose probation ends within `days`, soonest first: the few soonest of
 * each branch (an index by branch and end date), then the soonest of those. The total is the rollup's.
 */
async function probationFirst(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, days = PROBATION_DUE_DAYS, limit = 10) {
  const dueBy = new Date(period.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return query<{ memberId: number; name: string; endsOn: string }>(db, sql`
    select f.person_id as "memberId", p.name, f.probation_ends_on::text as "endsOn"
    from organisations o
      cross join lateral (select m.person_id, m.probation_ends_on from members m
        where m.home_org_id = o.id and m.probationary and m.probation_ends_on <= ${dueBy}::date
        order by m.probation_ends_on, m.person_id limit ${limit}) f
      join persons p on p.id = f.person_id
    where o.path like ${`${scope.path}%`}
    order by f.probation_ends_on, f.person_id limit ${limit}`);
}

/** The open organisations directly below, in tree order, with their subtree's members and reports of the month. */
async function children(db: DbOrTx, scope: DashboardScope, period: string): Promise<ChildOrg[]> {
  const rows = await query<{ id: number; name: string }>(db, sql`
    select id, name from organisations where parent_id = ${scope.orgId} and archived_at is null order by path`);
  const months = await orgMonth(db, rows.map((r) => Number(r.id)), period);
  return rows.map((r) => {
    const m = months.get(Number(r.id))?.subtree.counts;
    return { id: Number(r.id), name: r.name, members: m?.members ?? 0, reported: m?.reported ?? 0 };
  });
}

/**
 * The dashboard's figures from the rollup (`rollups` job, every 15 minutes) when this month has been computed:
 * a county of a million members is read, not counted. Live: the first names of probation due
 * (a branch at a time by index; the total is the rollup's). Undefined when the month has not been computed yet,
 * or the asker's month is not the rollup's (its months follow `rollupTimezone`): the caller counts live then.
 * The caller has checked the person may see the organisation (the rollup checks nothing).
 */
export async function rolledFigures(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod, rollupTimezone: string) {
  const month = thisMonth(period);
  if (monthPeriod(period.now, rollupTimezone) !== month) return undefined;
  const current = (await orgMonth(db, [scope.orgId], month)).get(scope.orgId);
  if (!current) return undefined;
  const [reporting, lostFound, overdue, firstDue, provinces, below] = await Promise.all([
    trend(db, scope, period), lostFoundTrend(db, scope, period), unreportedByLiaison(db, scope.orgId, month, TOP_LIAISONS),
    probationFirst(db, scope, period), destinationsAnyStatus(db, scope.orgId, month), children(db, scope, month),
  ]);
  const help = current.subtree.openHelp.map((h) => ({ category: h.category, age: AGES[h.age], count: h.count }));
  const probation = { total: current.subtree.counts.probation_due, first: firstDue.map((r) => ({ ...r, memberId: Number(r.memberId) })) };
  return { counts: counts(current), reporting, lostFound, overdue, help, probation, provinces, children: below, asOf: current.computedAt };
}
