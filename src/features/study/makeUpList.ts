import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
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
  const homes = homesWithItems(org.path, studyYearOf(springFestival), today);
  // A county's members are walked a branch at a time in path order, so the page's first rows come without
  // deciding every member; the planner's estimates for these probes are far too high, and JIT would cost seconds.
  const { rows, total } = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const rows = await query<MakeUpRow>(tx, sql`
      with ${homes}
      select home.id as "branchId", home.name as branch, x.*
      from (select * from homes order by path) home
      cross join lateral (
        select m.person_id as "memberId", p.name, m.status, mi.missed, ha.coming_home as "comingHome", ha.arrive_on::text as "arriveOn"
        from members m join persons p on p.id = m.person_id
        cross join lateral (select array_agg(si.title order by si.publish_on, si.id) as missed from study_items si
                            where si.id = any(home.item_ids) and ${missedBy(sql`si`, sql`m`)}) mi
        left join holiday_answers ha on ha.member_id = m.person_id and ha.holiday_on = ${springFestival}::date
        where m.home_org_id = home.id and mi.missed is not null
        order by p.name, m.person_id
      ) x
      order by home.path, x.name, x."memberId"
      ${opts.limit === undefined ? sql`` : sql`limit ${opts.limit}`}`);
    if (opts.limit === undefined || rows.length < opts.limit) return { rows, total: rows.length };
    const [count] = await query<{ n: number }>(tx, sql`
      with ${homes}
      select count(*)::int as n from homes home join members m on m.home_org_id = home.id
      where exists (select 1 from study_items si where si.id = any(home.item_ids) and ${missedBy(sql`si`, sql`m`)})`);
    return { rows, total: count?.n ?? 0 };
  });
  const branches = new Map<number, MakeUpBranch>();
  for (const r of rows) {
    const b = branches.get(r.branchId) ?? { branchId: r.branchId, branch: r.branch, members: [] };
    b.members.push({ memberId: r.memberId, name: r.name, status: r.status, missed: r.missed, homecoming: r.comingHome === null ? null : { comingHome: r.comingHome, arriveOn: r.arriveOn } });
    branches.set(r.branchId, b);
  }
  return { branches: [...branches.values()], total };
}

type MakeUpRow = { branchId: number; branch: string; memberId: number; name: string; status: string; missed: string[]; comingHome: boolean | null; arriveOn: string | null };

/**
 * The organisations of `path`'s subtree, each with the ids of the items of the study year due by `today` that
 * reach its members: its own and its ancestors' (a path is the ids of the organisations above and itself).
 */
function homesWithItems(path: string, year: number, today: string): SQL {
  return sql`items as materialized (
      select si.id, si.org_id, si.publish_on from study_items si join organisations so on so.id = si.org_id
      where si.retired_at is null and si.publish_on >= ${`${year}-01-01`}::date and si.publish_on <= least(${today}::date, ${`${year}-12-31`}::date)
        and (${path} like so.path || '%' or so.path like ${`${path}%`})
    ),
    homes as materialized (
      select h.id, h.name, h.path, array_agg(i.id) as item_ids
      from organisations h cross join unnest(string_to_array(trim(both '/' from h.path), '/')::int[]) a(org_id)
      join items i on i.org_id = a.org_id
      where h.path like ${`${path}%`}
      group by h.id
    )`;
}

/** The item is meant for the member, who neither marked it read nor attended a make-up session on or after its day. */
function missedBy(si: SQL, m: SQL): SQL {
  return sql`(cardinality(${si}.target_occupations) = 0 or ${m}.occupation = any(${si}.target_occupations))
    and not exists (select 1 from study_reads sr where sr.item_id = ${si}.id and sr.member_id = ${m}.person_id)
    and not exists (select 1 from make_up_attendance a join make_up_sessions s on s.id = a.session_id
                    where a.member_id = ${m}.person_id and s.held_on >= ${si}.publish_on)`;
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
