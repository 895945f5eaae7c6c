import { SQL, StringChunk } from 'drizzle-orm';
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

/** What a statement's text starts with when it is to be prepared (client.ts reads it; PGlite ignores the comment). */
export const PREPARED_MARK = '/* prepared */';

/**
 * A statement run many times a second with the same text and a plan that cannot depend on its parameters (a call
 * of one of the turn's or the sender's functions). On PostgreSQL it is prepared once per connection and then sent
 * in one round trip: postgres.js sends any other statement with parameters in two (it asks the server for the
 * parameters' types first), which cost a turn's batch an extra wait on the event loop: a batch of ten took 127-132 µs
 * of the thread and 157-198 µs, prepared 81-84 and 85-112 (`npm run bench -- calls`; bench/README, "Prepared turn
 * statements"). Only for fixed texts: each connection keeps every statement it prepared, for good.
 */
export function prepared(statement: SQL): SQL {
  // The mark as the statement's first chunk, not the statement nested in another: its chunks stay as they were.
  return new SQL([new StringChunk(`${PREPARED_MARK} `), ...statement.queryChunks]);
}
