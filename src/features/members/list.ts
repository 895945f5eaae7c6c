import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { MemberStatus } from '../../db/schema/index.js';
import { fillNameInitials } from '../../db/nameInitials.js';
import { monthOf, type MemberListFilter } from './filter.js';
import { listPlan, pageIds, type CursorKey } from './pageIds.js';

export type { MemberListFilter } from './filter.js';

export const PAGE_SIZE = 50;

/** One line of the list: what a secretary reads at a glance; ids only for links. */
export interface MemberListRow {
  memberId: number;
  name: string;
  branch: string;
  /** The inflow organisation the member is attached to (双向管理), if any. */
  inflowOrg: string | null;
  status: MemberStatus;
  /** The category kept while the member is lost (status 'lost_contact'). */
  categoryWhileLost: MemberStatus | null;
  probationary: boolean;
  /** 外出地点 as a region code, or as the roster wrote it when it named no region. */
  destinationCode: string | null;
  destinationText: string | null;
  liaisonName: string | null;
  /** The latest month reported ('2026-11'), or null. */
  lastReport: string | null;
  /** Has no monthly report for the current month of their own time zone. */
  overdue: boolean;
  /** Help requests not yet confirmed solved by the member, as the chat counts them. */
  openHelp: number;
}

/** Keyset paging: the page after or before a member (by id, so no name travels in a link). */
export interface PageCursor {
  after?: number;
  before?: number;
}

export interface MemberListPage {
  rows: MemberListRow[];
  /** Cursors of the neighbouring pages, when there are any. */
  nextAfter?: number;
  prevBefore?: number;
}

/** The members a staff person may see (the one visibility rule, scope.ts), filtered, one page at a time. */
export async function listMembers(db: DbOrTx, staffId: number, filter: MemberListFilter, cursor: PageCursor, now: Date, pageSize = PAGE_SIZE): Promise<MemberListPage> {
  await fillNameInitials(db);
  const backwards = cursor.before !== undefined && cursor.after === undefined;
  const [from, plan] = await Promise.all([cursorKey(db, backwards ? cursor.before : cursor.after), listPlan(db, staffId)]);
  const ids = await pageIds(db, staffId, filter, now, { from, backwards, limit: pageSize + 1 }, plan);
  const more = ids.length > pageSize;
  const shown = ids.slice(0, pageSize);
  if (backwards) shown.reverse();
  const rows = await describeMembers(db, shown, now);
  const page: MemberListPage = { rows };
  if (rows.length === 0) return page;
  // Going forwards, a cursor means there was a page before; going backwards, one after.
  if (backwards ? more : Boolean(from)) page.prevBefore = rows[0]!.memberId;
  if (backwards ? Boolean(from) : more) page.nextAfter = rows.at(-1)!.memberId;
  return page;
}

/** A cursor's place in the order, looked up by id (out of scope or not: it only says where to start). */
export async function cursorKey(db: DbOrTx, id: number | undefined): Promise<CursorKey | undefined> {
  if (id === undefined) return undefined;
  const [row] = await query<CursorKey>(db, sql`select id, name, name_initials as initials from persons where id = ${id}`);
  return row;
}

/** The columns of the page's members, in the order given: one statement whatever the page size. */
async function describeMembers(db: DbOrTx, ids: number[], now: Date): Promise<MemberListRow[]> {
  if (ids.length === 0) return [];
  const rows = await query<MemberListRow & { ord: number }>(db, sql`
    select m.person_id as "memberId", p.name, home.name as branch, inflow.name as "inflowOrg", m.status,
      m.category_while_lost as "categoryWhileLost", m.probationary, m.destination_region_code as "destinationCode",
      mp.destination as "destinationText", lp.name as "liaisonName",
      (select max(r.period) from reports r where r.member_id = m.person_id and r.kind = 'monthly') as "lastReport",
      not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly'
        and r.period = ${monthOf(now)}) as overdue,
      (select count(*) from help_requests h where h.member_id = m.person_id and h.status <> 'confirmed')::int as "openHelp",
      ids.ord
    from unnest(${`{${ids.join(',')}}`}::int[]) with ordinality as ids (id, ord)
    join members m on m.person_id = ids.id
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    left join member_profiles mp on mp.member_id = m.person_id
    left join liaison_assignments la on la.member_id = m.person_id
    left join persons lp on lp.id = la.liaison_id
    order by ids.ord`);
  return rows.map(({ ord: _ord, ...row }) => row);
}
