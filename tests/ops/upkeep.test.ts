import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { CHURNED_TABLES, embeddedDatabaseJobs, upkeepJob } from '../../src/ops/upkeep.js';
import { openTestDatabase } from '../support/db.js';

let database: Database;
const config = { DATA_DIR: '/nonexistent', BACKUP_KEEP: 7, BACKUP_HOUR_UTC: 19 };
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const reltuples = async (table: string) => Number((await query<{ n: number }>(database.db, sql`select reltuples as n from pg_class where relname = ${table}`))[0]?.n);
const vacuums = async (table: string) => Number((await query<{ n: number }>(database.db, sql`select vacuum_count as n from pg_stat_user_tables where relname = ${table}`))[0]?.n ?? 0);

it('runs hourly on the embedded database only: PostgreSQL has autovacuum', async () => {
  const names = embeddedDatabaseJobs(database, config).map((j) => j.name);
  if (database.kind === 'pglite') expect(names).toContain('database-upkeep');
  else expect(names).toEqual([]);
  expect(upkeepJob().every).toBe('hour');
});

it('gives the planner the tables as they are, and takes back the rows updates left dead', async () => {
  await database.db.execute(sql`analyze processed_updates`);
  await database.db.execute(sql`insert into processed_updates (platform, update_id, processed_at) select 'telegram', g::text, now() from generate_series(1, 2000) g`);
  await database.db.execute(sql`update processed_updates set processed_at = processed_at + interval '1 second' where update_id::int <= 500`);
  // (PostgreSQL's autovacuum may have analyzed the table meanwhile: only PGlite is sure to be behind.)
  if (database.kind === 'pglite') expect(await reltuples('processed_updates')).toBeLessThan(1);
  const vacuumedBefore = await vacuums('processed_updates');
  const outcome = await upkeepJob().run(database.db, new Date());
  expect(outcome.tables).toBe(CHURNED_TABLES.length);
  expect(await reltuples('processed_updates')).toBe(2000);
  // Vacuumed, not only analyzed: the dead rows' space is free again.
  expect(await vacuums('processed_updates')).toBeGreaterThan(vacuumedBefore);
});

it('names only tables that exist', async () => {
  const found = await query<{ relname: string }>(database.db, sql`select relname from pg_class where relkind = 'r' and relname in ${CHURNED_TABLES}`);
  expect(found.map((r) => r.relname).sort()).toEqual([...CHURNED_TABLES].sort());
});

