import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { EvaluationResult, SelfRating } from '../../db/schema/membership.js';

/**
 * A member's year as both organisations recorded it (三有三知 at a glance), beside the year's 民主评议.
 * One query serves the summary of one member, the secretary's list and the export, so they cannot disagree.
 */
export interface YearRecord {
  memberId: number;
  name: string;
  homeOrg: string;
  /** The inflow organisation the member is attached to, if any: its opinion is then wanted too. */
  inflowOrg: string | null;
  monthlyReports: number;
  onTime: number;
  thoughtReports: number;
  contacts: number;
  visits: number;
  helpAsked: number;
  helpResolved: number;
  studied: number;
  /** Activities the inflow organisation recorded on the 活动证 this year. */
  activities: number;
  selfRating: SelfRating | null;
  selfText: string | null;
  selfDone: boolean;
  homeOpinion: string | null;
  inflowOpinion: string | null;
  result: EvaluationResult | null;
  resultReason: string | null;
  /** 先进 of the year: each reason with the organisation that proposed it, '；'-joined; null when none. */
  recognition: string | null;
}

/** The year's bounds in the member's own time zone, as SQL over `p.timezone`. */
const yearStart = (year: number) => sql`(${`${year}-01-01`}::timestamp at time zone p.timezone)`;
const yearEnd = (year: number) => sql`(${`${year + 1}-01-01`}::timestamp at time zone p.timezone)`;
const inYear = (column: SQL, year: number) => sql`${column} >= ${yearStart(year)} and ${column} < ${yearEnd(year)}`;

/**
 * A year record's columns, as SQL over `m` (members), `p` (persons), `home`, `inflow` and `e` (the year's evaluation):
 * the whole list and a page of it select the same.
 */
export const yearColumns = (year: number): SQL => sql`m.person_id as "memberId", p.name, home.name as "homeOrg", inflow.name as "inflowOrg",
      (select count(*)::int from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period like ${`${year}-%`}) as "monthlyReports",
      (select count(*)::int from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period like ${`${year}-%`} and not r.late) as "onTime",
      (select count(*)::int from reports r where r.member_id = m.person_id and r.kind = 'thought' and r.period like ${`${year}-Q%`}) as "thoughtReports",
      (select count(*)::int from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message') and ${inYear(sql`te.at`, year)}) as contacts,
      (select count(*)::int from tracking_entries te where te.member_id = m.person_id and te.kind = 'visit' and ${inYear(sql`te.at`, year)}) as visits,
      (select count(*)::int from help_requests h where h.member_id = m.person_id and ${inYear(sql`h.created_at`, year)}) as "helpAsked",
      (select count(*)::int from help_requests h where h.member_id = m.person_id and ${inYear(sql`h.created_at`, year)}
         and h.status in ('resolved', 'confirmed')) as "helpResolved",
      (select count(*)::int from study_reads sr where sr.member_id = m.person_id and ${inYear(sql`sr.read_at`, year)}) as studied,
      (select count(*)::int from certificate_activities ca where ca.member_id = m.person_id and ca.held_on >= ${`${year}-01-01`}::date and ca.held_on < ${`${year + 1}-01-01`}::date) as activities,
      e.self_rating as "selfRating", e.self_text as "selfText", (e.self_at is not null) as "selfDone",
      e.home_opinion as "homeOpinion", e.inflow_opinion as "inflowOpinion", e.result, e.result_reason as "resultReason",
      (select string_agg(rc.reason || '（' || ro.name || '）', '；' order by rc.id) from recognitions rc join organisations ro on ro.id = rc.proposed_by_org_id
         where rc.member_id = m.person_id and rc.year = ${year} and rc.revoked_at is null) as recognition`;

/** The year records of the members `which` selects (a condition over `m`, `home`, `inflow`), by branch and name. */
export async function yearRecords(db: DbOrTx, year: number, which: SQL): Promise<YearRecord[]> {
  return query<YearRecord>(db, sql`
    select ${yearColumns(year)}
    from members m
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    left join evaluations e on e.member_id = m.person_id and e.year = ${year}
    where ${which}
    order by home.path, p.name, m.person_id`);
}

/** What is still missing of a member's evaluation, in the order it is done. */
export type MissingPart = 'self' | 'home' | 'inflow' | 'result';

/**
 * The same parts as `missingParts`, as SQL over yearRecords' aliases (`e` the year's evaluation, `inflow` the
 * attached organisation), for lists that count them in the database instead of reading every record.
 */
export const MISSING_SQL: Record<MissingPart, SQL> = {
  self: sql`e.self_at is null`,
  home: sql`e.home_opinion is null`,
  inflow: sql`(inflow.id is not null and e.inflow_opinion is null)`,
  result: sql`e.result is null`,
};

export function missingParts(r: YearRecord): MissingPart[] {
  const out: MissingPart[] = [];
  if (!r.selfDone) out.push('self');
  if (r.homeOpinion === null) out.push('home');
  if (r.inflowOrg !== null && r.inflowOpinion === null) out.push('inflow');
  if (r.result === null) out.push('result');
  return out;
}

/** Members of an organisation subtree: those whose home branch lies in it, and those attached to an inflow organisation in it. */
export const inSubtree = (orgPath: string): SQL => sql`(home.path like ${`${orgPath}%`} or inflow.path like ${`${orgPath}%`})`;
export const oneMember = (memberId: number): SQL => sql`m.person_id = ${memberId}`;
