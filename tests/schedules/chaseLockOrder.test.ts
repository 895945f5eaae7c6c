import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { storeNextLooks } from '../../src/schedules/overdue.js';
import { openTestDatabase } from '../support/db.js';

/**
 * Statements that change several members' chase rows must not deadlock with a turn or with each other (migration
 * 0033): the hourly job skips a row someone holds, a cycle change locks its subtree's rows in member order, as a
 * turn's finish batch does. Each case holds one row in a transaction of its own, waits until the statement under
 * test is either done or waiting for a lock (read from pg_stat_activity, not timed), then takes the other row: a
 * deadlock there is PostgreSQL aborting one side with 40P01. Needs the server: PGlite has one connection.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('chase rows locked in one order', () => {
  let database: Database & { url?: string };
  const connections: Database[] = [];
  let branch = 0;
  let low = 0;
  let high = 0;

  const connect = async (): Promise<Database> => {
    const c = await openDatabase({ url: database.url!, dataDir: '', maxConnections: 1 });
    connections.push(c);
    return c;
  };
  const pidOf = async (c: Database) => (await query<{ pid: number }>(c.db, sql`select pg_backend_pid() as pid`))[0]!.pid;

  /** Resolves once `work` settled or its connection waits for a row lock, whichever comes first. */
  async function settledOrWaiting(pid: number, work: Promise<unknown>): Promise<'settled' | 'waiting'> {
    let settled = false;
    work.then(() => (settled = true), () => (settled = true));
    for (let i = 0; i < 3_000; i++) {
      if (settled) return 'settled';
      const [row] = await query<{ wait: string | null }>(database.db, sql`select wait_event_type as wait from pg_stat_activity where pid = ${pid}`);
      if (row?.wait === 'Lock') return 'waiting';
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('neither settled nor waiting for a lock');
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    const db = database.db;
    const [org] = await query<{ id: number }>(db, sql`insert into organisations (name, kind, path) values ('支部', 'branch', '/') returning id`);
    branch = org!.id;
    await db.execute(sql`update organisations set path = '/' || id || '/' where id = ${branch}`);
    const people = await query<{ id: number }>(db, sql`insert into persons (name) values ('甲'), ('乙') returning id`);
    [low, high] = people.map((p) => p.id).sort((a, b) => a - b) as [number, number];
    await db.execute(sql`insert into members (person_id, home_org_id, status) values (${low}, ${branch}, 'mobile'), (${high}, ${branch}, 'mobile')`);
    // The lower member's rows written again, so that a scan in table order meets the higher one first.
    await db.execute(sql`update members set status = status where person_id = ${low}`);
    await db.execute(sql`update report_chases set version = version where member_id = ${low}`);
  }, 60_000);

  afterAll(async () => {
    for (const c of connections) await c.close();
    await database?.close();
  });

  it("the hourly job's stores skip a row a turn holds, and store the rest", async () => {
    await database.db.execute(sql`update report_chases set next_look_at = '-infinity'`);
    const versions = new Map((await query<{ id: number; v: number }>(database.db, sql`select member_id as id, version as v from report_chases`)).map((r) => [r.id, r.v]));
    const holder = await connect();
    const job = await connect();
    const jobPid = await pidOf(job);
    const at = new Date('2027-01-01T00:00:00Z');

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    // What a cycle change or a member's update does: the higher row first, then the lower.
    const turn = holder.db.transaction(async (tx) => {
      await tx.execute(sql`update report_chases set version = version + 1 where member_id = ${high}`);
      held();
      await released;
      await tx.execute(sql`update report_chases set version = version + 1 where member_id = ${low}`);
    });
    await holding;
    const stored = storeNextLooks(job.db, [low, high].map((id) => ({ memberId: id, version: versions.get(id)!, at })));
    await settledOrWaiting(jobPid, stored);
    release();
    await expect(turn).resolves.toBeUndefined();
    await expect(stored).resolves.toBe(1);
    const rows = await query<{ id: number; at: string }>(database.db, sql`select member_id as id, next_look_at::text as at from report_chases order by member_id`);
    // The lower stored before the turn changed it; the higher, held, stays due for the next run.
    expect(rows.find((r) => r.id === high)!.at).toBe('-infinity');
    expect(rows.find((r) => r.id === low)!.at).not.toBe('-infinity');
  }, 60_000);

  it("a cycle change waits for a turn's rows in member order instead of deadlocking with it", async () => {
    await database.db.execute(sql`update report_chases set next_look_at = now()`);
    const turnConn = await connect();
    const secretary = await connect();
    const secretaryPid = await pidOf(secretary);

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    // A finish batch saving reports for both members: in member order.
    const turn = turnConn.db.transaction(async (tx) => {
      await tx.execute(sql`update report_chases set version = version + 1 where member_id = ${low}`);
      held();
      await released;
      await tx.execute(sql`update report_chases set version = version + 1 where member_id = ${high}`);
    });
    await holding;
    // Awaited once: drizzle runs a statement again each time its promise is awaited.
    const change = (async () => secretary.db.execute(sql`insert into report_cycle_settings (org_id, reminder_day) values (${branch}, 9)
      on conflict (org_id) do update set reminder_day = case when report_cycle_settings.reminder_day = 9 then 10 else 9 end`))();
    expect(await settledOrWaiting(secretaryPid, change)).toBe('waiting');
    release();
    await expect(turn).resolves.toBeUndefined();
    await expect(change).resolves.toBeDefined();
    const rows = await query<{ at: string }>(database.db, sql`select next_look_at::text as at from report_chases where member_id in (${low}, ${high})`);
    expect(rows.map((r) => r.at)).toEqual(['-infinity', '-infinity']);
  }, 60_000);
});
