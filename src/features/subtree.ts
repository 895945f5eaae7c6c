import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';

/**
 * The LIKE pattern of an organisation's subtree ('/1/2/%'), read first so the query gets it as a value: the planner
 * then estimates how many branches (and members) the subtree holds and hashes a county's million members in one scan,
 * where a pattern computed inside the query left it guessing a handful and fetching each member's row on its own
 * (/stats for a county of 1,000,000: 8.0 s against 1.5 s). Paths are digits and slashes, nothing LIKE reads as a
 * pattern. An organisation that does not exist matches nothing.
 */
export async function subtreePattern(db: DbOrTx, orgId: number): Promise<string> {
  const [org] = await query<{ path: string }>(db, sql`select path from organisations where id = ${orgId}`);
  return org ? `${org.path}%` : '/nothing/';
}
