import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { databaseErrorCode, isDatabaseOutage } from '../../src/db/errors.js';
import { query } from '../../src/db/query.js';

/** PGlite on its own thread (PGLITE_THREAD=worker) keeps the semantics the bot relies on from PGlite in-thread. */
describe('PGlite on a worker thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://', pgliteThread: 'worker' });
    await migrateDatabase(database);
    await database.db.execute(sql`create table t (k int primary key, v text)`);
  }, 60_000);
  afterAll(() => database?.close());

  it('answers with values as the in-thread driver does (timestamps as written, json parsed, rows mapped)', async () => {
    const [row] = await query<{ at: string; j: { a: number }; n: number }>(database.db, sql`select '2026-11-30 12:00:00+00'::timestamptz as at, '{"a":1}'::jsonb as j, 2::int as n`);
    expect(row).toEqual({ at: '2026-11-30 12:00:00+00', j: { a: 1 }, n: 2 });
  });

  it("gives the server's SQLSTATE with the error", async () => {
    await database.db.execute(sql`insert into t values (1, 'a')`);
    const err = await database.db.execute(sql`insert into t values (1, 'b')`).catch((e: unknown) => e);
    expect(databaseErrorCode(err)).toBe('23505');
    expect(isDatabaseOutage(err)).toBe(false);
  });

  it('rolls a transaction back when its work throws, and keeps a savepoint that failed inside one', async () => {
    await expect(database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (2, 'x')`);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t values (3, 'kept')`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into t values (1, 'duplicate')`);
      }).catch(() => {});
      await tx.execute(sql`insert into t values (4, 'kept too')`);
    });
    const rows = await query<{ k: number }>(database.db, sql`select k from t order by k`);
    expect(rows.map((r) => r.k)).toEqual([1, 3, 4]);
  });

  it('runs a statement outside a transaction after it, never inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = database.db.transaction(async (t) => {
      await t.execute(sql`insert into t values (10, 'in the transaction')`);
      order.push('inside');
      await held;
      throw new Error('undone');
    }).catch(() => order.push('rolled back'));
    // Issued while the transaction is open: it must neither see nor join it.
    await new Promise((r) => setTimeout(r, 20));
    const outside = database.db.execute(sql`insert into t values (11, 'outside')`).then(() => order.push('outside'));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([tx, outside]);
    expect(order).toEqual(['inside', 'rolled back', 'outside']);
    const rows = await query<{ k: number }>(database.db, sql`select k from t where k >= 10 order by k`);
    expect(rows.map((r) => r.k)).toEqual([11]);
  });

  it('keeps the order of statements sent without waiting for each other', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => database.db.execute(sql`insert into t values (${100 + i}, ${String(i)})`)));
    const [row] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from t where k >= 100`);
    expect(row!.n).toBe(50);
  });
});

describe('PGlite on a worker thread, in a folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-thread-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a close and a reopen, dumps its folder, and says it is closed once closed', async () => {
    const first = await openDatabase({ dataDir: dir, pgliteThread: 'worker' });
    await first.db.execute(sql`create table kept (v text)`);
    await first.db.execute(sql`insert into kept values ('still here')`);
    const dump = await first.dumpDataDir!();
    expect(dump.size).toBeGreaterThan(1000);
    await first.close();
    const err = await first.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(isDatabaseOutage(err)).toBe(true);

    const again = await openDatabase({ dataDir: dir, pgliteThread: 'worker' });
    try {
      expect(await query<{ v: string }>(again.db, sql`select v from kept`)).toEqual([{ v: 'still here' }]);
    } finally {
      await again.close();
    }
  }, 60_000);
});

describe('PGlite in memory, started from a dump', () => {
  it('holds what the dumped database held, on either thread, and each copy is its own', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pglite-source-'));
    const source = await openDatabase({ dataDir: folder, pgliteThread: 'main' });
    await source.db.execute(sql`create table copied (v text)`);
    await source.db.execute(sql`insert into copied values ('from the dump')`);
    const tar = new Uint8Array(gunzipSync(Buffer.from(await (await source.dumpDataDir!()).arrayBuffer())));
    await source.close();
    rmSync(folder, { recursive: true, force: true });
    const shared = new Uint8Array(new SharedArrayBuffer(tar.byteLength));
    shared.set(tar);
    for (const pgliteThread of ['worker', 'main'] as const) {
      const copy = await openDatabase({ dataDir: 'memory://', pgliteThread, startFrom: shared });
      try {
        expect(await query<{ v: string }>(copy.db, sql`select v from copied`)).toEqual([{ v: 'from the dump' }]);
        await copy.db.execute(sql`insert into copied values (${pgliteThread})`);
        expect(await query<{ n: number }>(copy.db, sql`select count(*)::int as n from copied`)).toEqual([{ n: 2 }]);
      } finally {
        await copy.close();
      }
    }
  }, 60_000);
});
