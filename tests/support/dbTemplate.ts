import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../../src/db/client.js';

/**
 * The database every test file's database starts from: made once per run by the real migrations, then copied.
 * Each file used to start an empty PGlite (initdb: ~2.5 of its ~3 s) and migrate it (~0.5 s), or create and
 * migrate a PostgreSQL database: the PGlite suite took 20 minutes here with that, 14.5 without.
 */
export type DatabaseTemplate = { kind: 'pglite'; tar: string } | { kind: 'postgres'; name: string };

export async function makeDatabaseTemplate(serverUrl: string | undefined): Promise<{ template: DatabaseTemplate; drop(): Promise<void> }> {
  if (!serverUrl) {
    // In memory, on this thread: a folder on disk took 6 s to start here, against 3.
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = new PGlite();
    let dump: Blob;
    try {
      await migrateDatabase({ db: drizzle({ client }) as unknown as Db, kind: 'pglite', close: () => client.close() });
      await client.exec('CHECKPOINT');
      dump = await client.dumpDataDir('none');
    } finally {
      await client.close();
    }
    const folder = mkdtempSync(join(tmpdir(), 'bot-test-template-'));
    const tar = join(folder, 'pglite.tar');
    writeFileSync(tar, Buffer.from(await dump.arrayBuffer()));
    return { template: { kind: 'pglite', tar }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `bot_test_template_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A template may have no one connected while it is copied: the connection is closed before any file starts.
  // Two connections: migrating holds one for its advisory lock and runs its statements on the other.
  const database = await openDatabase({ url: url.toString(), dataDir: '', maxConnections: 2 });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  return { template: { kind: 'postgres', name }, drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

/** One statement on the PostgreSQL server's own database (creating or dropping a test database), on a connection of its own. */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = await openDatabase({ url: serverUrl, dataDir: '', maxConnections: 1 });
  try {
    await admin.db.execute(sql.raw(statement));
  } finally {
    await admin.close();
  }
}
