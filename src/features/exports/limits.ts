import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

/**
 * Members one file may list, asked before it is built: the roster is ~4.7 MB a 50,000 members, so past this the file
 * would be refused for its size anyway, after a county's million rows had been read and written (several GB).
 */
export const MAX_MEMBERS_PER_FILE = 100_000;

/**
 * Whether a file of the subtree's members (home branch there; with `attached`, attached to an inflow organisation
 * there too) would pass `max`: counted up to one past it, so a county is not counted whole to be told no.
 */
export async function tooManyForOneFile(db: DbOrTx, orgPath: string, max: number, attached = false): Promise<boolean> {
  const under = sql`(select id from organisations where path like ${`${orgPath}%`})`;
  const [row] = await query<{ n: number }>(db, sql`
    select count(*)::int as n from (select 1 from members m
      where m.home_org_id in ${under}${attached ? sql` or m.inflow_org_id in ${under}` : sql``} limit ${max + 1}) listed`);
  return Number(row?.n ?? 0) > max;
}
