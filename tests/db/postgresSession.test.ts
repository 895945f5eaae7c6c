import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { prepared, query } from '../../src/db/query.js';
import { openDatabase } from '../../src/db/client.js';
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

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: statements marked prepared', () => {
  it('prepares a marked statement once per connection, and no other', async () => {
    const migrated = await openTestDatabase();
    // One connection, so that what it holds is what every statement went through.
    const database = await openDatabase({ url: migrated.url!, dataDir: '', maxConnections: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        await query(database.db, prepared(sql`select ${i}::integer + 1 as marked`));
        await query(database.db, sql`select ${i}::integer + 2 as unmarked`);
      }
      const held = await query<{ statement: string }>(database.db, sql`select statement from pg_prepared_statements`);
      expect(held.filter((s) => s.statement.includes('as marked'))).toHaveLength(1);
      expect(held.filter((s) => s.statement.includes('as unmarked'))).toHaveLength(0);
      // The answer is the same either way.
      const [answer] = await query<{ marked: number }>(database.db, prepared(sql`select ${41}::integer + 1 as marked`));
      expect(answer!.marked).toBe(42);
    } finally {
      await database.close();
      await migrated.close();
    }
  });
});
