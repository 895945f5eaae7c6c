import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.js';

/** A throwaway database on the PostgreSQL server (BENCH_DATABASE_URL, default the local one), dropped after. */
export async function withScratchPostgres<T>(prefix: string, use: (database: Database, url: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = await openDatabase({ url: serverUrl, dataDir: '', maxConnections: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '' });
  try {
    return await use(database, url.toString());
  } finally {
    await database.close();
    await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
}
