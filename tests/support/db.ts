import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, migrateDatabase, type Database } from '../../src/db/client.js';
import { onServer, type DatabaseTemplate } from './dbTemplate.js';

/** The run's migrated database (globalSetup), when this runs under vitest with it. */
function template(): DatabaseTemplate | undefined {
  try {
    return inject('databaseTemplate');
  } catch {
    return undefined;
  }
}

let pgliteTemplate: Uint8Array | undefined;
/** Read once per test process into shared memory: each PGlite thread started from it sees the same bytes, not a copy. */
function pgliteTemplateBytes(tar: string): Uint8Array {
  if (!pgliteTemplate) {
    const bytes = readFileSync(tar);
    pgliteTemplate = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    pgliteTemplate.set(bytes);
  }
  return pgliteTemplate;
}

/**
 * One database per test file: PGlite in memory with the real migrations, or, when TEST_DATABASE_URL is
 * set (CI), a fresh database on that PostgreSQL server so that files can run in parallel. Each starts as a copy
 * of the run's template, which the migrations made once (dbTemplate.ts); migrating the copy finds nothing to do
 * (and would apply what the template lacked). PGlite runs on the thread asked for, else on the one
 * TEST_PGLITE_THREAD names (`main`: the whole suite on the test's own thread), else on a worker thread of its own,
 * as the bot runs it by default.
 */
export async function openTestDatabase(opts: { pgliteThread?: 'main' | 'worker' } = {}): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pgliteThread = opts.pgliteThread ?? (process.env.TEST_PGLITE_THREAD === 'main' ? 'main' : 'worker');
    const made = template();
    const database = await openDatabase({ dataDir: 'memory://', pgliteThread, ...(made?.kind === 'pglite' ? { startFrom: pgliteTemplateBytes(made.tar) } : {}) });
    await migrateDatabase(database);
    return database;
  }
  const name = `bot_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const made = template();
  await onServer(serverUrl, `create database ${name}${made?.kind === 'postgres' ? ` template ${made.name}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', maxConnections: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
