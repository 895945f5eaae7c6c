import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { memberIdsBy, visibleMemberIds } from '../access/scope.js';
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
  reports: QuarterReport[];
  /** Members in scope (not lost contact: they are searched for, not asked) with no report for the quarter. */
  missing: { memberId: number; name: string; branch: string; liaison: string | null }[];
  missingTotal: number;
}

/** A quarter's missing list is shown this long; the count says how many more. */
const MISSING_SHOWN = 200;
const REPORTS_SHOWN = 200;

/**
 * A quarter's thought reports of the members the person may see (the chat's rule, as "📖 阅读" checks it), with
 * the answers already given, and who has not sent one. Reading them is audited by member id, as the card is.
 */
export async function thoughtQuarter(db: DbOrTx, staffId: number, period: string, now: Date, via: AuditVia = {}): Promise<QuarterView> {
  const reports = await query<Omit<QuarterReport, 'photoIds' | 'replies'> & { photoIds: number[] | null }>(db, sql`
    select rep.id, rep.member_id as "memberId", p.name, home.name as branch, rep.submitted_at as "submittedAt", rep.late, rep.body,
           (select array_agg(ra.id order by ra.id) from report_attachments ra where ra.report_id = rep.id) as "photoIds"
    from reports rep
    join persons p on p.id = rep.member_id
    join members mm on mm.person_id = rep.member_id
    join organisations home on home.id = mm.home_org_id
    where rep.kind = 'thought' and rep.period = ${period}
      and exists (${memberIdsBy(staffId, ['owner', 'inflow', 'caseload', 'helper'], sql`rep.member_id`)})
    order by rep.submitted_at desc, rep.id desc
    limit ${REPORTS_SHOWN}`);
  const replies = reports.length === 0 ? [] : await query<{ reportId: number; at: Date; who: string; text: string }>(db, sql`
    select (te.details->>'thoughtReply')::int as "reportId", te.at, coalesce(w.name, '') as who, coalesce(te.note, '') as text
    from tracking_entries te left join persons w on w.id = te.actor_id
    where te.kind = 'message' and te.member_id in (${sql.join(reports.map((r) => sql`${r.memberId}`), sql`, `)})
      and te.details->>'thoughtReply' is not null
    order by te.at, te.id`);
  const missing = await query<QuarterView['missing'][number] & { total: number }>(db, sql`
    select mm.person_id as "memberId", p.name, home.name as branch, lp.name as liaison, count(*) over ()::int as total
    from (${visibleMemberIds(staffId)}) ids (member_id)
    join members mm on mm.person_id = ids.member_id
    join persons p on p.id = mm.person_id
    join organisations home on home.id = mm.home_org_id
    left join liaison_assignments la2 on la2.member_id = mm.person_id
    left join persons lp on lp.id = la2.liaison_id
    where mm.status <> 'lost_contact'
      and not exists (select 1 from reports r2 where r2.member_id = mm.person_id and r2.kind = 'thought' and r2.period = ${period})
    order by home.name, p.name, mm.person_id
    limit ${MISSING_SHOWN}`);
  const memberIds = reports.map((r) => r.memberId);
  if (memberIds.length > 0) {
    await db.insert(auditLog).values({ actorId: staffId, action: 'member.view', targetKind: 'caseload', targetId: String(staffId), at: now, details: { ...via, thoughtReports: period, memberIds } });
  }
  return {
    reports: reports.map((r) => ({
      ...r, submittedAt: new Date(r.submittedAt), photoIds: r.photoIds ?? [],
      replies: replies.filter((x) => Number(x.reportId) === r.id).map((x) => ({ at: new Date(x.at), who: x.who, text: x.text })),
    })),
    missing: missing.map(({ total: _t, ...m }) => m),
    missingTotal: missing[0]?.total ?? 0,
  };
}
