import { sql } from 'drizzle-orm';
import { migrateDatabase, type Database } from '../src/db/client.js';
import { query } from '../src/db/query.js';
import { dashboardFigures, dashboardView } from '../src/features/dashboard/index.js';
import { refreshRollups } from '../src/features/rollups/index.js';
import { exportStatistics } from '../src/features/statistics/export.js';
import { orgStatistics } from '../src/features/statistics/statistics.js';
import { scopes, seedLostAndFound } from './consoleDashboard.js';
import { medianMs as median } from './harness.js';
import { consoleHelpdeskOnPostgres } from './consoleHelpdesk.js';
import { consoleMembersOnPostgres } from './consoleMembers.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withConsole, type SignedIn } from './consoleMembersPage.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';

/**
 * Issue 15's console goals in one run: the dashboard of a county of 1,000,000 members on PostgreSQL read from
 * the rollups (the job run once; first view and again), and the members list and the help desk at 100,000
 * members (the consoleMembers and consoleHelpdesk benches on PostgreSQL). `BENCH_COUNTY_MEMBERS` sets the
 * county's size (default 1,000,000), `BENCH_MEMBERS` the list's and the desk's (default 100,000);
 * `BENCH_CONSOLE_ONLY=dashboard` runs the county's dashboard alone.
 */
export async function consoleBench(): Promise<void> {
  const county = Number(process.env.BENCH_COUNTY_MEMBERS ?? 1_000_000);
  const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
  await withScratchPostgres('bench_console_county', async (pg) => {
    await migrateDatabase(pg);
    await dashboardOn(pg, county);
  });
  if (process.env.BENCH_CONSOLE_ONLY === 'dashboard') return;
  await consoleMembersOnPostgres(members);
  await consoleHelpdeskOnPostgres(members);
}

const ROLLUP = { timezone: 'Asia/Shanghai', reportDueDay: 20 };

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

async function page(browser: SignedIn, orgId: number): Promise<number> {
  const res = await browser.inject(`/console/dashboard?org=${orgId}`);
  if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode}`);
  if (!res.body.includes('dash-as-of')) throw new Error('dashboard: no freshness line');
  return res.body.length;
}

/**
 * The months before this one as a year of the job would have left them: this month's rows copied to the eleven
 * before (the reads cost what the rows are, not their values). The rows by liaison are not copied: only this
 * month's are read.
 */
async function fillYear(d: Database, now: Date): Promise<void> {
  const [run] = await query<{ period: string }>(d.db, sql`select max(period) as period from rollup_runs`);
  await d.db.execute(sql`
    insert into org_rollups (period, org_id, measure, key, own, subtree, attached)
    select to_char((r.period || '-01')::date - g * interval '1 month', 'YYYY-MM'), r.org_id, r.measure, r.key, r.own, r.subtree, r.attached
    from org_rollups r, generate_series(1, 11) g where r.period = ${run!.period} and r.measure <> 'unreported_by_liaison'
    on conflict do nothing`);
  await d.db.execute(sql`
    insert into rollup_runs (period, computed_at, took_ms, members)
    select to_char((r.period || '-01')::date - g * interval '1 month', 'YYYY-MM'), ${now.toISOString()}::timestamptz - g * interval '1 month', r.took_ms, r.members
    from rollup_runs r, generate_series(1, 11) g where r.period = ${run!.period} on conflict do nothing`);
  await d.db.execute(sql`analyze org_rollups`);
}

async function dashboardOn(d: Database, members: number): Promise<void> {
  const now = new Date();
  const t0 = performance.now();
  await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
  await seedLostAndFound(d, now);
  // 预备党员 with the day their probation ends, over the coming year (a quarter of them due within 90 days).
  await d.db.execute(sql`update members set probation_ends_on = current_date + (person_id % 365) where probationary`);
  await d.db.execute(sql`analyze members`);
  const seeded = (performance.now() - t0) / 1000;
  let filledIn = 0;
  const job = await timed(async () => (filledIn = (await refreshRollups(d.db, now, ROLLUP)).filledIn.length));
  const [rows] = await query<{ n: number }>(d.db, sql`select count(*)::int as n from org_rollups`);
  // The run every quarter hour after it: this month (and last, until its late reports are in) recomputed, and what
  // is no longer read pruned (nothing yet on the first day; the cost is the look).
  let pruned = 0;
  const next = await timed(async () => (pruned = (await refreshRollups(d.db, new Date(now.getTime() + 15 * 60_000), ROLLUP)).pruned));
  const period = { now, timezone: ROLLUP.timezone };
  const out: (string | number)[][] = [];
  await withConsole(d, async (signIn) => {
    const levels = await scopes(d);
    const browsers = await Promise.all(levels.map((s) => signIn(s.staffId)));
    // The job's first day: this month from the rollup, and the eleven before as its first run filled them in (a
    // seed of this month's members has few rows there; a year of the job's own runs follows).
    for (const [i, s] of levels.entries()) {
      const first = await timed(() => page(browsers[i]!, s.org.orgId));
      const again = await timed(() => page(browsers[i]!, s.org.orgId));
      out.push([s.who, 'first run (11 months filled in)', '-', first.toFixed(0), again.toFixed(0), '-', '-']);
    }
    await fillYear(d, now);
    for (const [i, s] of levels.entries()) {
      const [r50] = await median(() => dashboardView(d.db, s.org, period, ROLLUP.timezone));
      let bytes = 0;
      let first = 0;
      const [p50, pMax] = await median(async () => (bytes = await page(browsers[i]!, s.org.orgId)), (ms) => (first = ms));
      out.push([s.who, 'a year of rollups', r50.toFixed(0), first.toFixed(0), p50.toFixed(0), pMax.toFixed(0), Math.round(bytes / 1024)]);
    }
    // For comparison, once: the county's reads counted live (no rollup).
    const live = await timed(() => dashboardFigures(d.db, levels[0]!.org, period));
    out.push([levels[0]!.who, 'live reads, no rollup (once)', live.toFixed(0), '-', '-', '-', '-']);
    // /stats's figures as text, counted live in the chat turn (its picture is the rollup's).
    for (const s of levels) {
      const [p50, pMax] = await median(() => orgStatistics(d.db, s.org.orgId, now, ROLLUP.timezone));
      out.push([s.who, '/stats text, live', `${p50.toFixed(0)} (max ${pMax.toFixed(0)})`, '-', '-', '-', '-']);
      const sheet = await timed(() => exportStatistics(d.db, s.org.orgId, now));
      out.push([s.who, '统计表 .xlsx, a row per branch (once)', sheet.toFixed(0), '-', '-', '-', '-']);
    }
  });
  // A month on, past the due day: next month computed, and this one pruned to what the trend reads (with it, the
  // copies fillYear made of its present-day rows).
  const monthOn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, ROLLUP.reportDueDay + 1, 3));
  let prunedMonthOn = 0;
  const monthOnMs = await timed(async () => (prunedMonthOn = (await refreshRollups(d.db, monthOn, ROLLUP)).pruned));
  console.log(`rollups a month on (${monthOn.toISOString().slice(0, 10)}): ${(monthOnMs / 1000).toFixed(1)} s, ${prunedMonthOn.toLocaleString('en')} rows pruned`);
  printTable(`Dashboard on PostgreSQL, ${members.toLocaleString('en')} members (seeded in ${seeded.toFixed(1)} s; rollups job's first run ${(job / 1000).toFixed(1)} s with ${filledIn} months filled in, ${rows!.n.toLocaleString('en')} rows; the next ${(next / 1000).toFixed(1)} s, ${pruned} rows pruned)`,
    ['scope', 'figures', 'reads median ms', 'page first ms', 'page again median ms', 'page again max ms', 'page kB'], out);
}
