import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { visibleMembers } from '../src/features/access/scope.js';
import { query } from '../src/db/query.js';
import { myMembers } from '../src/features/caseload/myMembers.js';
import { seedCounty } from './seed.js';
import { dueChaseLooks, storeNextLooks, afterLooksStored } from '../src/schedules/overdue.js';
import { lookAtDueMembers, nextLook } from '../src/schedules/reportCycle.js';
import { cycleResolver } from '../src/schedules/settings.js';
import { loadConfig } from '../src/config.js';
import { homeFor } from '../src/bot/views/home.js';
import { refreshRollups, rollupSummaries } from '../src/features/rollups/index.js';
import { printTable } from './table.js';
import { withScratchPostgres } from './scratchDatabase.js';

/** The scans the bot runs on a schedule or on a staff member's request, named for what they answer. */
export interface Scan {
  name: string;
  run(database: Database, ids: ScanIds, now: Date): Promise<unknown>;
  /** The statement to EXPLAIN, to see that it uses indexes. */
  explain?: (ids: ScanIds) => ReturnType<typeof sql>;
  /** Timed runs after the warm-up (default 5): fewer for the slow ones kept for comparison. */
  runs?: number;
  /** Puts the database in the state the scan is measured in, before each run (not timed). */
  prepare?: (database: Database, now: Date) => Promise<unknown>;
}

export interface ScanIds {
  liaisonId: number;
  secretaryId: number;
  countyAdminId: number;
}

const ROLLUP = { timezone: 'Asia/Shanghai', reportDueDay: 20 };
const homeOptions = { reportDueDay: 20, precomputedSummaries: (db: Database['db'], staffId: number, now: Date) => rollupSummaries(db, staffId, now, ROLLUP.timezone) };

/** The naive anti-join the hourly scan is measured against, and the scan beside it. */
export const NAIVE = 'naive anti-join: members not reported this month (count)';
export const BETWEEN_STAGES = 'hourly chase, a run between stages: looks that have come (0.1% of members changed)';
export const STAGE_HOUR = "hourly chase, a stage's first hour: every overdue member's look has come";
const FIRST_LOOK = 'hourly chase, first run after deploy: every member looked at, next looks stored (no sending)';

const cycleConfig = loadConfig({});

/** The chase job's reading and writing of looks, without the sending: what its first run after a deploy costs. */
async function firstLook(d: Database, now: Date): Promise<void> {
  const cycleOf = await cycleResolver(d.db, cycleConfig);
  // The job reads the looks page by page and stores those not overdue; the overdue's looks are stored after sending.
  const { overdue } = await lookAtDueMembers(d.db, now, cycleOf);
  await afterLooksStored(d.db, await storeNextLooks(d.db, overdue.map((m) => nextLook(m, cycleOf(m.orgPath), false, now))));
}

export const scans: Scan[] = [
  { name: "liaison's caseload with who has not reported (/members)", run: (d, ids, now) => myMembers(d.db, ids.liaisonId, now, 'zh-CN') },
  { name: "branch secretary's members in scope", run: (d, ids) => visibleMembers(d.db, ids.secretaryId) },
  { name: NAIVE, run: (d, _ids, now) => d.db.execute(overdueCount(now)), explain: () => overdueCount(new Date()) },
  { name: FIRST_LOOK, run: (d, _ids, now) => firstLook(d, now), prepare: (d) => d.db.execute(sql`update report_chases set next_look_at = '-infinity'`), runs: 1 },
  // Between stages the looks that come are those of members something happened to (a status, a branch, a time
  // zone, an account, new on the roll): here one in a thousand.
  { name: BETWEEN_STAGES, run: (d, _ids, now) => dueChaseLooks(d.db, now), prepare: (d) => d.db.execute(sql`update report_chases set next_look_at = '-infinity' where member_id % 1000 = 7`) },
  {
    name: STAGE_HOUR,
    run: (d, _ids, now) => dueChaseLooks(d.db, now),
    prepare: (d, now) => d.db.execute(sql`
      update report_chases c set next_look_at = ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz
      where c.next_look_at > ${now.toISOString()}::timestamptz
        and not exists (select 1 from reports r where r.member_id = c.member_id and r.kind = 'monthly' and r.period = ${now.toISOString().slice(0, 7)})`),
  },
  { name: "liaison's App Home (caseload, overdue, open requests)", run: (d, ids, now) => homeFor(d.db, ids.liaisonId, now, homeOptions) },
  { name: 'rollups job: every organisation, this month', run: (d, _ids, now) => refreshRollups(d.db, now, ROLLUP), runs: 2 },
  { name: "county admin's App Home (summary from the rollup)", run: (d, ids, now) => homeFor(d.db, ids.countyAdminId, now, homeOptions) },
  { name: "county admin's App Home counted live (before the rollup)", run: (d, ids, now) => homeFor(d.db, ids.countyAdminId, now, { reportDueDay: 20 }), runs: 1 },
];

function overdueCount(now: Date) {
  const period = now.toISOString().slice(0, 7);
  return sql`select count(*) from members m where not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period})`;
}

async function pickIds(d: Database): Promise<ScanIds> {
  const [liaison] = await query<{ id: number }>(d.db, sql`select liaison_id as id from liaison_assignments limit 1`);
  const [branch] = await query<{ id: number }>(d.db, sql`select id from organisations where kind = 'branch' limit 1`);
  const [county] = await query<{ id: number }>(d.db, sql`select id from organisations where kind = 'county' limit 1`);
  const [secretary] = await query<{ id: number }>(d.db, sql`insert into persons (name) values ('bench-secretary') returning id`);
  const [admin] = await query<{ id: number }>(d.db, sql`insert into persons (name) values ('bench-admin') returning id`);
  await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${secretary!.id}, 'secretary', ${branch!.id}), (${admin!.id}, 'org_admin', ${county!.id})`);
  return { liaisonId: liaison!.id, secretaryId: secretary!.id, countyAdminId: admin!.id };
}

async function timeScan(scan: Scan, d: Database, ids: ScanIds, now: Date, runs: number): Promise<number[]> {
  await scan.prepare?.(d, now);
  await scan.run(d, ids, now); // warm the cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await scan.prepare?.(d, now);
    const t0 = performance.now();
    await scan.run(d, ids, now);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function planUsesIndexes(d: Database, statement: ReturnType<typeof sql>): Promise<string> {
  const plan = (await query<Record<string, string>>(d.db, sql`explain ${statement}`)).map((r) => Object.values(r)[0]).join('\n');
  const seq = /Seq Scan on (\w+)/g;
  const seqTables = [...plan.matchAll(seq)].map((m) => m[1]);
  const indexed = /Index (Only )?Scan/.test(plan);
  return `${indexed ? 'index' : 'no index'}${seqTables.length ? `; seq scan on ${[...new Set(seqTables)].join(', ')}` : ''}`;
}

async function runOn(label: string, database: Database, members: number) {
  const now = new Date();
  const t0 = performance.now();
  await seedCounty(database.db, members, now.toISOString().slice(0, 7));
  const seedS = ((performance.now() - t0) / 1000).toFixed(1);
  const ids = await pickIds(database);
  const rows: (string | number)[][] = [];
  for (const scan of scans) {
    const times = await timeScan(scan, database, ids, now, scan.runs ?? 5);
    rows.push([scan.name, times[Math.floor(times.length / 2)]!.toFixed(1), times.at(-1)!.toFixed(1), scan.explain ? await planUsesIndexes(database, scan.explain(ids)) : '-']);
  }
  printTable(`Scans on ${label}, ${members.toLocaleString('en')} members (seeded in ${seedS} s)`, ['scan', 'median ms', 'max ms', 'plan'], rows);
  const median = (name: string) => Number(rows.find((r) => r[0] === name)![1]);
  process.stdout.write(`hourly chase between stages / naive anti-join: ${(median(BETWEEN_STAGES) / median(NAIVE)).toFixed(2)}x\n`);
  process.stdout.write(`hourly chase in a stage's first hour / naive anti-join: ${(median(STAGE_HOUR) / median(NAIVE)).toFixed(2)}x\n`);
}

export async function scansBench(): Promise<void> {
  await withScratchPostgres('bench_scale', async (pg) => {
    await migrateDatabase(pg);
    await runOn('PostgreSQL', pg, Number(process.env.BENCH_PG_MEMBERS ?? 1_000_000));
  });
  const lite = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(lite);
    await runOn('PGlite (in memory)', lite, Number(process.env.BENCH_PGLITE_MEMBERS ?? 100_000));
  } finally {
    await lite.close();
  }
}
