import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { t } from '../../bot/i18n/index.js';
import { addTableSheet, toBuffer } from '../../roster/sheet.js';
import { isAllowed } from '../access/authorize.js';

export interface MakeUpMember {
  memberId: number;
  name: string;
  status: string;
  /** The titles of the items not read, oldest first. */
  missed: string[];
  /** The member's answer to the Spring Festival question, where they gave one. */
  homecoming: { comingHome: boolean; arriveOn: string | null } | null;
}

export interface MakeUpBranch {
  branchId: number;
  branch: string;
  members: MakeUpMember[];
}

/** The study year a Spring Festival's make-up lessons (补课) catch up on: the calendar year before it. */
export const studyYearOf = (springFestival: string): number => Number(springFestival.slice(0, 4)) - 1;

/**
 * 补课 before the Spring Festival: the members of an organisation's subtree (one the viewer runs) with items of
 * the study year due by `today` that they neither marked read nor caught up on at a make-up session held after the
 * item's day, grouped by home branch, with whether they said they come home for the festival and when.
 */
export async function makeUpList(db: DbOrTx, staffId: number, org: { id: number; path: string }, springFestival: string, today: string, opts: { limit?: number } = {}): Promise<{ branches: MakeUpBranch[]; total: number }> {
  // Running the organisation (study.manage) is owning every member below it: the `owner` standing of access/scope.ts.
  if (!(await isAllowed(db, staffId, 'study.manage', { kind: 'org', id: org.id }))) return { branches: [], total: 0 };
  const year = studyYearOf(springFestival);
  const rows = await query<{ branchId: number; branch: string; memberId: number; name: string; status: string; missed: string[]; comingHome: boolean | null; arriveOn: string | null; total: number }>(db, sql`
    select count(*) over ()::int as total, home.id as "branchId", home.name as branch, m.person_id as "memberId", p.name, m.status,
           array_agg(si.title order by si.publish_on, si.id) as missed,
           ha.coming_home as "comingHome", ha.arrive_on::text as "arriveOn"
    from members m
    join organisations home on home.id = m.home_org_id
    join persons p on p.id = m.person_id
    join study_items si on si.retired_at is null and si.publish_on >= ${`${year}-01-01`}::date and si.publish_on <= least(${today}::date, ${`${year}-12-31`}::date)
    join organisations so on so.id = si.org_id and home.path like so.path || '%'
    left join holiday_answers ha on ha.member_id = m.person_id and ha.holiday_on = ${springFestival}::date
    where home.path like ${`${org.path}%`}
      and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
      and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id)
      and not exists (select 1 from make_up_attendance a join make_up_sessions s on s.id = a.session_id
                      where a.member_id = m.person_id and s.held_on >= si.publish_on)
    group by home.id, home.name, home.path, m.person_id, p.name, m.status, ha.coming_home, ha.arrive_on
    order by home.path, p.name, m.person_id
    ${opts.limit === undefined ? sql`` : sql`limit ${opts.limit}`}`);
  const branches = new Map<number, MakeUpBranch>();
  for (const r of rows) {
    const b = branches.get(r.branchId) ?? { branchId: r.branchId, branch: r.branch, members: [] };
    b.members.push({ memberId: r.memberId, name: r.name, status: r.status, missed: r.missed, homecoming: r.comingHome === null ? null : { comingHome: r.comingHome, arriveOn: r.arriveOn } });
    branches.set(r.branchId, b);
  }
  return { branches: [...branches.values()], total: rows[0]?.total ?? 0 };
}

/** The list as a sheet to print and hand to whoever holds the session: one row a member, by branch. */
export async function makeUpSheet(list: MakeUpBranch[], org: string, springFestival: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const tr = (key: string, args?: Record<string, string | number>) => t('zh-CN', key, args);
  const header = tr('study-makeup-sheet-columns').split('|');
  const rows = list.flatMap((b) => b.members.map((m) => [
    b.branch, m.name, tr('study-member-status', { status: m.status }), m.missed.length, m.missed.join('；'), homecomingText(tr, m.homecoming),
  ]));
  const sheet = addTableSheet(workbook, tr('study-makeup-sheet-name'), header, rows);
  sheet.insertRow(1, [tr('study-makeup-sheet-title', { org, date: springFestival })]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, header.length);
  return toBuffer(workbook);
}

export function homecomingText(tr: (key: string, args?: Record<string, string | number>) => string, h: MakeUpMember['homecoming']): string {
  if (!h) return tr('study-homecoming-unknown');
  return h.comingHome ? tr('study-homecoming-home', { date: h.arriveOn ?? '' }) : tr('study-homecoming-away');
}
