import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { query } from '../../src/db/query.js';
import { openTestDatabase } from '../support/db.js';

/** How the bot's connections to PostgreSQL are set up (PGlite has no JIT to turn off). */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL sessions', () => {
  it('never JIT-compiles, on every connection of the pool', async () => {
    const database = await openTestDatabase();
    try {
      // Side by side, so that the pool opens several connections.
      const answers = await Promise.all(Array.from({ length: 5 }, () => query<{ jit: string; pid: number }>(database.db, sql`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`)));
      expect(new Set(answers.map(([a]) => a!.pid)).size).toBeGreaterThan(1);
      expect(answers.map(([a]) => a!.jit)).toEqual(['off', 'off', 'off', 'off', 'off']);
    } finally {
      await database.close();
    }
  });
});
