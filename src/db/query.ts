import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * Runs raw SQL and returns its rows, whichever driver is underneath: postgres.js answers with an array,
 * PGlite with an object holding `rows`. The rest of the code never sees the difference.
 */
export async function query<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return rowsOfResult<T>(await db.execute(statement));
}

/** The rows of a result already in hand (an UPDATE … RETURNING run by the caller). */
export function rowsOfResult<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
