import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { anyMissing, type YearFrom } from './openList.js';
import { yearColumns, type YearRecord } from './yearRecord.js';

/** Members on one page of the year's list: a county's million on one page would take the server down. */
export const YEAR_PAGE_SIZE = 50;

export interface YearPageAt {
  /** The last member of the page before (its id); the list goes on after them in the list's order. */
  after?: number;
  /** Only members still missing a part. */
  openOnly: boolean;
  limit?: number;
}

export interface YearPage {
  rows: YearRecord[];
  /** The member to go on after, when there is more. */
  nextAfter?: number;
}

/** How many members the list holds, and how many of them are still missing a part: counted, not read. */
export async function yearTotals(db: DbOrTx, from: YearFrom): Promise<{ total: number; open: number }> {
  const [row] = await query<{ total: number; open: number }>(db, sql`
    select count(*)::int as total, (count(*) filter (where ${anyMissing}))::int as open ${from(sql``)}`);
  return row ?? { total: 0, open: 0 };
}

/**
 * One page of year records in yearRecords' order (branch, name, id), by keyset: the page after a member is found from
 * that member's place in the order, so page 20,000 costs what page 1 does and a member added meanwhile is not skipped
 * or shown twice. The per-member counts are computed for the page's rows only (after the sort and limit).
 */
export async function yearPage(db: DbOrTx, year: number, from: YearFrom, at: YearPageAt): Promise<YearPage> {
  const limit = at.limit ?? YEAR_PAGE_SIZE;
  const after = at.after === undefined ? sql`` : sql` and (home.path, p.name, m.person_id) > (
    select ah.path, ap.name, am.person_id from members am join persons ap on ap.id = am.person_id
    join organisations ah on ah.id = am.home_org_id where am.person_id = ${at.after})`;
  const rows = await query<YearRecord>(db, sql`
    select ${yearColumns(year)} ${from(sql`join persons p on p.id = m.person_id`)}${at.openOnly ? sql` and (${anyMissing})` : sql``}${after}
    order by home.path, p.name, m.person_id
    limit ${limit + 1}`);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { rows: shown, ...(more ? { nextAfter: shown.at(-1)!.memberId } : {}) };
}
