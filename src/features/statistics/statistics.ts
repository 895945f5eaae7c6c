import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { localDate, localDay, monthPeriod } from '../../bot/period.js';
import { describeRegion } from '../../bot/regions/index.js';
import { regionOfPlace } from '../../roster/validate.js';
import { subtreePattern } from '../subtree.js';
import { yearFigures, type YearFigures } from './yearFigures.js';

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
  const period = monthPeriod(now, timezone);
  const year = localDate(now, timezone).year;
  const dueBy = new Date(now.getTime() + DUE_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const inTree = sql`m.home_org_id in (select id from organisations where path like ${await subtreePattern(db, orgId)})`;

  const [counts] = await query<{ members: number; mobile: number; lost: number; due: number }>(db, sql`
    select count(*)::int as members,
           count(*) filter (where m.status = 'mobile')::int as mobile,
           count(*) filter (where m.status = 'lost_contact')::int as lost,
           count(*) filter (where m.probationary and m.probation_ends_on is not null and m.probation_ends_on <= ${dueBy}::date)::int as due
    from members m where ${inTree}`);
  const byDestination = placesByRegion(await query<{ code: string | null; text: string | null; count: number }>(db, sql`
    select m.destination_region_code as code, nullif(mp.destination, '') as text, count(*)::int as count
    from members m left join member_profiles mp on mp.member_id = m.person_id
    where ${inTree} and m.status = 'mobile' group by 1, 2`), language);
  const byOccupation = await query<{ occupation: string; count: number }>(db, sql`
    select coalesce(nullif(m.occupation, ''), ${UNKNOWN}) as occupation, count(*)::int as count
    from members m where ${inTree} group by 1 order by 2 desc, 1`);
  const [reported] = await query<{ reported: number; onTime: number }>(db, sql`
    select count(*)::int as reported, count(*) filter (where not r.late)::int as "onTime"
    from reports r join members m on m.person_id = r.member_id
    where ${inTree} and r.kind = 'monthly' and r.period = ${period}`);
  const [found] = await query<{ n: number }>(db, sql`
    select count(distinct t.member_id)::int as n from tracking_entries t join members m on m.person_id = t.member_id
    where ${inTree} and t.kind = 'status_change' and t.details->>'found' = 'true'
      and extract(year from t.at at time zone ${timezone}) = ${year}`);
  const help = await query<{ category: string; total: number; resolved: number; hours: number | string | null }>(db, sql`
    select h.category, count(*)::int as total, count(h.resolved_at)::int as resolved,
           avg(extract(epoch from (h.resolved_at - h.created_at)) / 3600) as hours
    from help_requests h join members m on m.person_id = h.member_id
    where ${inTree} group by 1 order by 1`);

  const figures = await yearFigures(db, orgId, inTree, { year, today: localDay(now, timezone), timezone, language });
  const members = counts?.members ?? 0;
  const mobile = counts?.mobile ?? 0;
  return {
    orgId,
    members,
    mobile,
    mobileShare: members === 0 ? 0 : mobile / members,
    byDestination,
    byOccupation,
    reportedThisMonth: reported?.reported ?? 0,
    reportedOnTimeThisMonth: reported?.onTime ?? 0,
    lostContact: counts?.lost ?? 0,
    foundAgainThisYear: found?.n ?? 0,
    help: help.map((h) => ({ category: h.category, total: h.total, resolved: h.resolved, meanHoursToResolve: h.hours === null ? null : Math.round(Number(h.hours) * 10) / 10 })),
    probationaryDue: counts?.due ?? 0,
    year: figures,
    period,
  };
}

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

/** The branches directly or indirectly under an organisation, each with its own numbers (for 按支部 sheets). */
export async function branchesUnder(db: DbOrTx, orgId: number): Promise<{ id: number; name: string }[]> {
  return await query<{ id: number; name: string }>(db, sql`
    select o.id, o.name from organisations o
    where o.path like (select path from organisations where id = ${orgId}) || '%'
      and exists (select 1 from members m where m.home_org_id = o.id)
    order by o.path`);
}
