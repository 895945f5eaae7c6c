import { randomBytes } from 'node:crypto';
import { openDatabase, migrateDatabase, type Database } from '../../src/db/client.js';

/**
 * One database per test file: PGlite in memory with the real migrations, or, when TEST_DATABASE_URL is
 * set (CI), a fresh database on that PostgreSQL server so that files can run in parallel. PGlite runs on the
 * thread asked for, else on the one TEST_PGLITE_THREAD names (`main`: the whole suite on the test's own thread), else
 * on a worker thread of its own, as the bot runs it by default.
 */
export async function openTestDatabase(opts: { pgliteThread?: 'main' | 'worker' } = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pgliteThread = opts.pgliteThread ?? (process.env.TEST_PGLITE_THREAD === 'main' ? 'main' : 'worker');
    const database = await openDatabase({ dataDir: 'memory://', pgliteThread });
    await migrateDatabase(database);
    return database;
  }
  const name = `bot_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl, dataDir: '', maxConnections: 1 });
  const { sql } = await import('drizzle-orm');
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', maxConnections: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const again = await openDatabase({ url: serverUrl, dataDir: '', maxConnections: 1 });
      await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await again.close();
    },
  };
}
