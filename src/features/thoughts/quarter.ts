import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { visibleMemberIds } from '../access/scope.js';
import { inScope } from '../access/scopeFilter.js';
import { listPlan } from '../members/pageIds.js';
import type { AuditVia } from './reports.js';

/** '2026-Q4', the shape reports keep. */
export const isQuarter = (period: string) => /^\d{4}-Q[1-4]$/.test(period);

/** The quarter and the `count` before it, newest first: the quarters a reader can pick. */
export function recentQuarters(current: string, count: number): string[] {
  const [y, q] = current.split('-Q').map(Number) as [number, number];
  return Array.from({ length: count + 1 }, (_, i) => {
    const n = y * 4 + (q - 1) - i;
    return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
  });
}

export interface QuarterReport {
  id: number;
  memberId: number;
  name: string;
  branch: string;
  submittedAt: Date;
  late: boolean;
  body: string | null;
  photoIds: number[];
  /** Answers already sent to the member, oldest first. */
  replies: { at: Date; who: string; text: string }[];
}

export interface QuarterView {
  /** One page of them (REPORTS_PAGE_SIZE), newest first. */
  reports: QuarterReport[];
  reportsTotal: number;
  /** Members in scope (not lost contact: they are searched for, not asked) with no report for the quarter. */
  missing: { memberId: number; name: string; branch: string; liaison: string | null }[];
  missingTotal: number;
}

/** A quarter's missing list is shown this long; the count says how many more. */
const MISSING_SHOWN = 200;
export const REPORTS_PAGE_SIZE = 50;

/** The scope rule on a row with `home` and `inflow` joined: from the set for a small scope, as a row condition for a large one. */
const scopeFor = (staffId: number, memberId: SQL, small: boolean) => (small
  ? sql`${memberId} in (${visibleMemberIds(staffId)})`
  : inScope(staffId, { memberId, homePath: sql`home.path`, inflowPath: sql`inflow.path` }));

/**
 * A quarter's thought reports of the members the person may see (the chat's rule, as "📖 阅读" checks it), 50 to a
 * page with the answers already given, and who has not sent one. Reading them is audited by member id, as the card is.
 */
export async function thoughtQuarter(db: DbOrTx, staffId: number, period: string, now: Date, via: AuditVia = {}, pageNo = 1): Promise<QuarterView> {
  // A small scope (a liaison's, a branch's) is read from the set; a county's with the rule as a row condition (as the members list decides).
  const small = (await listPlan(db, staffId)) === 'scope-first';
  const { rows: page, total: reportsTotal } = await reportsPage(db, staffId, period, Math.max(1, pageNo), small);
  const ids = page.map((r) => r.id);
  const memberIds = page.map((r) => r.memberId);
  const [photos, replies, missing] = await Promise.all([
    ids.length === 0 ? [] : query<{ reportId: number; id: number }>(db, sql`
      select report_id as "reportId", id from report_attachments where report_id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) order by id`),
    ids.length === 0 ? [] : query<{ reportId: number; at: Date; who: string; text: string }>(db, sql`
      select (te.details->>'thoughtReply')::int as "reportId", te.at, coalesce(w.name, '') as who, coalesce(te.note, '') as text
      from tracking_entries te left join persons w on w.id = te.actor_id
      where te.kind = 'message' and te.member_id in (${sql.join(memberIds.map((m) => sql`${m}`), sql`, `)})
        and te.details->>'thoughtReply' is not null
      order by te.at, te.id`),
    missingMembers(db, staffId, period, small),
  ]);
  if (memberIds.length > 0) {
    await db.insert(auditLog).values({ actorId: staffId, action: 'member.view', targetKind: 'caseload', targetId: String(staffId), at: now, details: { ...via, thoughtReports: period, memberIds } });
  }
  return {
    reports: page.map((r) => ({
      ...r, submittedAt: new Date(r.submittedAt),
      photoIds: photos.filter((x) => Number(x.reportId) === r.id).map((x) => Number(x.id)),
      replies: replies.filter((x) => Number(x.reportId) === r.id).map((x) => ({ at: new Date(x.at), who: x.who, text: x.text })),
    })),
    reportsTotal,
    missing: missing.rows,
    missingTotal: missing.total,
  };
}

/** The quarter's reports in scope: from `rep` with `home` and `inflow` joined. */
const reportsFrom = (staffId: number, period: string, small: boolean) => sql`reports rep
      join members mm on mm.person_id = rep.member_id
      join organisations home on home.id = mm.home_org_id
      left join organisations inflow on inflow.id = mm.inflow_org_id
      where rep.kind = 'thought' and rep.period = ${period} and ${scopeFor(staffId, sql`rep.member_id`, small)}`;

/**
 * One page of the quarter's reports in scope, newest first, and how many there are in all. The count is a query
 * of its own: a window over all of them would make the database sort a county's 60,000 rows for 50.
 */
async function reportsPage(db: DbOrTx, staffId: number, period: string, pageNo: number, small: boolean) {
  const [rows, [count]] = await Promise.all([
    query<Omit<QuarterReport, 'photoIds' | 'replies'>>(db, sql`
      with r as (
        select rep.id, rep.member_id, home.name as branch, rep.submitted_at, rep.late
        from ${reportsFrom(staffId, period, small)}
        order by rep.submitted_at desc, rep.id desc
        limit ${REPORTS_PAGE_SIZE} offset ${(pageNo - 1) * REPORTS_PAGE_SIZE}
      )
      select r.id, r.member_id as "memberId", p.name, r.branch, r.submitted_at as "submittedAt", r.late, rep.body
      from r join reports rep on rep.id = r.id join persons p on p.id = r.member_id
      order by r.submitted_at desc, r.id desc`),
    query<{ n: number }>(db, sql`select count(*)::int as n from ${reportsFrom(staffId, period, small)}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Members in scope with no report for the quarter, lost contact aside (they are searched for, not asked). */
async function missingMembers(db: DbOrTx, staffId: number, period: string, small: boolean) {
  const from = (names: SQL = sql``) => sql`members mm${names}
      join organisations home on home.id = mm.home_org_id
      left join organisations inflow on inflow.id = mm.inflow_org_id
      where mm.status <> 'lost_contact' and ${scopeFor(staffId, sql`mm.person_id`, small)}
        and not exists (select 1 from reports r2 where r2.member_id = mm.person_id and r2.kind = 'thought' and r2.period = ${period})`;
  const [rows, [count]] = await Promise.all([
    query<QuarterView['missing'][number]>(db, sql`
      with shown as (
        select mm.person_id, p.name, home.name as branch, home.path
        from ${from(sql` join persons p on p.id = mm.person_id`)}
        -- Branch by branch, names by code point: a county's tens of thousands sorted by the locale's rules cost a second.
        order by home.path collate "C", p.name collate "C", mm.person_id
        limit ${MISSING_SHOWN}
      )
      select s.person_id as "memberId", s.name, s.branch, lp.name as liaison
      from shown s left join liaison_assignments la2 on la2.member_id = s.person_id left join persons lp on lp.id = la2.liaison_id
      order by s.path collate "C", s.name collate "C", s.person_id`),
    query<{ n: number }>(db, sql`select count(*)::int as n from ${from()}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}
