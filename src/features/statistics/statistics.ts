import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { localDate, localDay, monthPeriod } from '../../bot/period.js';
import { describeRegion } from '../../bot/regions/index.js';
import { regionOfPlace } from '../../roster/validate.js';
import { subtreePattern } from '../subtree.js';
import { offersOpenTo, type YearFigures } from './yearFigures.js';
import { ownCounts, subtreeSums, sumCounts, type CountsAt, type StatisticsCounts } from './counts.js';

export interface HelpCategoryStats {
  category: string;
  total: number;
  resolved: number;
  /** Mean hours from request to resolution, over resolved ones; null when none. */
  meanHoursToResolve: number | null;
}

/** The numbers a branch files upward (统计), for one organisation subtree. */
export interface OrgStatistics {
  orgId: number;
  members: number;
  /** 流动党员: status mobile (members lost contact are counted under lostContact, not here). */
  mobile: number;
  /** mobile / members, 0..1 */
  mobileShare: number;
  byDestination: { destination: string; count: number }[];
  byOccupation: { occupation: string; count: number }[];
  reportedThisMonth: number;
  reportedOnTimeThisMonth: number;
  lostContact: number;
  foundAgainThisYear: number;
  help: HelpCategoryStats[];
  /** 预备党员 whose probation ends within the next 90 days (or already ended without the record changed). */
  probationaryDue: number;
  /** 先进 of the year and the laid-off members' training and re-employment. */
  year: YearFigures;
  period: string;
}

const UNKNOWN = '未填';
const DUE_WINDOW_DAYS = 90;

export async function orgStatistics(db: DbOrTx, orgId: number, now: Date, timezone = 'Asia/Shanghai', language = 'zh-CN'): Promise<OrgStatistics> {
  const at = countsAt(now, timezone);
  const pattern = await subtreePattern(db, orgId);
  return statisticsFrom(db, orgId, pattern, await ownCounts(db, pattern, at), at, language);
}

/**
 * The statistics of the subtree and the 统计表's row of each branch in it (exportStatistics), from one reading of
 * the counts: they are the same figures summed two ways, and a county's counts take most of a second to read.
 */
export async function statisticsAndRows(db: DbOrTx, orgId: number, now: Date, timezone = 'Asia/Shanghai', language = 'zh-CN'): Promise<{ total: OrgStatistics; rows: { name: string; row: OrgSummaryRow }[] }> {
  const at = countsAt(now, timezone);
  const pattern = await subtreePattern(db, orgId);
  const own = await ownCounts(db, pattern, at);
  return { total: await statisticsFrom(db, orgId, pattern, own, at, language), rows: await rowsFrom(db, pattern, own, at) };
}

async function statisticsFrom(db: DbOrTx, orgId: number, pattern: string, own: Map<number, StatisticsCounts>, at: CountsAt, language: string): Promise<OrgStatistics> {
  const inTree = sql`m.home_org_id in (select id from organisations where path like ${pattern})`;
  const c = sumCounts(own.values());
  const byDestination = placesByRegion(await query<{ code: string | null; text: string | null; count: number }>(db, sql`
    select m.destination_region_code as code, nullif(mp.destination, '') as text, count(*)::int as count
    from members m left join member_profiles mp on mp.member_id = m.person_id
    where ${inTree} and m.status = 'mobile' group by 1, 2`), language);
  const byOccupation = await query<{ occupation: string; count: number }>(db, sql`
    select coalesce(nullif(m.occupation, ''), ${UNKNOWN}) as occupation, count(*)::int as count
    from members m where ${inTree} group by 1 order by 2 desc, 1`);
  const help = await query<{ category: string; total: number; resolved: number; hours: number | string | null }>(db, sql`
    select h.category, count(*)::int as total, count(h.resolved_at)::int as resolved,
           avg(extract(epoch from (h.resolved_at - h.created_at)) / 3600) as hours
    from help_requests h join members m on m.person_id = h.member_id
    where ${inTree} group by 1 order by 1`);
  const openOffers = await offersOpenTo(db, orgId, at.today, language);
  return {
    ...summaryOf(orgId, c, at.period),
    byDestination,
    byOccupation,
    reportedThisMonth: c.reported,
    help: help.map((h) => ({ category: h.category, total: h.total, resolved: h.resolved, meanHoursToResolve: h.hours === null ? null : Math.round(Number(h.hours) * 10) / 10 })),
    year: { ...yearOf(c), openOffers },
  };
}

/** The figures one row of the 统计表 holds: the counts, without the lists. */
export type OrgSummaryRow = Pick<OrgStatistics, 'orgId' | 'members' | 'mobile' | 'mobileShare' | 'reportedOnTimeThisMonth' | 'lostContact' | 'foundAgainThisYear' | 'probationaryDue' | 'period'> & {
  helpRequests: number;
  year: Omit<YearFigures, 'openOffers'>;
};

/**
 * The row of each organisation under `orgId` that has members of its own (the branches), each for its whole
 * subtree, from one grouped statement: a county's 1,000 branches are not asked one by one.
 */
export async function branchRows(db: DbOrTx, orgId: number, now: Date, timezone = 'Asia/Shanghai'): Promise<{ name: string; row: OrgSummaryRow }[]> {
  const at = countsAt(now, timezone);
  const pattern = await subtreePattern(db, orgId);
  return rowsFrom(db, pattern, await ownCounts(db, pattern, at), at);
}

async function rowsFrom(db: DbOrTx, pattern: string, own: Map<number, StatisticsCounts>, at: CountsAt): Promise<{ name: string; row: OrgSummaryRow }[]> {
  const orgs = await query<{ id: number; name: string; path: string }>(db, sql`select id, name, path from organisations where path like ${pattern} order by path`);
  const branches = orgs.filter((o) => own.has(Number(o.id)));
  const sums = subtreeSums(own, new Map(orgs.map((o) => [Number(o.id), o.path])), branches.map((b) => Number(b.id)));
  return branches.map((b) => {
    const c = sums.get(Number(b.id))!;
    return { name: b.name, row: { ...summaryOf(Number(b.id), c, at.period), helpRequests: c.help, year: yearOf(c) } };
  });
}

function countsAt(now: Date, timezone: string): CountsAt {
  const dueBy = new Date(now.getTime() + DUE_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { period: monthPeriod(now, timezone), year: localDate(now, timezone).year, today: localDay(now, timezone), dueBy, timezone };
}

function summaryOf(orgId: number, c: StatisticsCounts, period: string) {
  return {
    orgId,
    members: c.members,
    mobile: c.mobile,
    mobileShare: c.members === 0 ? 0 : c.mobile / c.members,
    reportedOnTimeThisMonth: c.reportedOnTime,
    lostContact: c.lostContact,
    foundAgainThisYear: c.foundAgainThisYear,
    probationaryDue: c.probationaryDue,
    period,
  };
}

const yearOf = (c: StatisticsCounts): Omit<YearFigures, 'openOffers'> => ({
  recognised: c.recognised, laidOff: c.laidOff, signedUp: c.signedUp, inTraining: c.inTraining, trained: c.trained, reemployed: c.reemployed,
});

/**
 * 按外出地点: grouped by region code, printed by name (广东省 东莞市), so a code on record and the same place
 * written out count as one place; a place that names no region stays as written.
 */
function placesByRegion(rows: { code: string | null; text: string | null; count: number }[], language: string): { destination: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const code = r.code ?? (r.text ? regionOfPlace(r.text) : undefined);
    const name = (code ? describeRegion(code, language) : '') || r.text || UNKNOWN;
    counts.set(name, (counts.get(name) ?? 0) + r.count);
  }
  return [...counts].map(([destination, count]) => ({ destination, count })).sort((a, b) => b.count - a.count || a.destination.localeCompare(b.destination));
}
