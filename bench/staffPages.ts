import { sql } from 'drizzle-orm';
import { query } from '../src/db/query.js';
import { scopes, seedLostAndFound } from './consoleDashboard.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withConsole } from './consoleMembersPage.js';
import { onScratchPostgres } from './harness.js';
import { printTable } from './table.js';

/**
 * Every page of the console as a county admin, a township secretary and a branch secretary see it, at a county of
 * `BENCH_COUNTY_MEMBERS` (default 1,000,000) on PostgreSQL: the fastest of `BENCH_RUNS` (2) and the page's size. A
 * sweep for pages that grow with the county (a list drawn whole, a scope built as a set): the dashboard is read live
 * here (the rollup job is not run; `console` measures it with the rollup). `BENCH_PAGES` (comma-separated parts of
 * the address) narrows it.
 */
export async function staffPagesBench(): Promise<void> {
  const members = Number(process.env.BENCH_COUNTY_MEMBERS ?? 1_000_000);
  const runs = Number(process.env.BENCH_RUNS ?? 2);
  const only = process.env.BENCH_PAGES?.split(',').filter(Boolean);
  await onScratchPostgres('bench_staff_pages', async (d) => {
    const now = new Date();
    const t0 = performance.now();
    await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
    await seedLostAndFound(d, now);
    const levels = await scopes(d);
    // As autovacuum leaves a server's tables (the visibility map set, so index-only scans stay index-only).
    await d.db.execute(sql`vacuum analyze`);
    const seeded = ((performance.now() - t0) / 1000).toFixed(0);
    // A member of the branch, for the pages about one member.
    const [member] = await query<{ id: number }>(d.db, sql`select person_id as id from members where home_org_id = ${levels[2]!.org.orgId} order by person_id limit 1`);
    const pages = (org: number) => [
      '/console/', `/console/dashboard?org=${org}`, '/console/members', '/console/help', '/console/thoughts', '/console/study', '/console/broadcasts',
      '/console/broadcasts/new', '/console/exports', `/console/exports?q=${encodeURIComponent('王')}`, '/console/orgs', `/console/orgs/${org}`, '/console/people',
      '/console/roster', '/console/settings', `/console/year/activities?org=${org}`, `/console/year/dues?org=${org}`, `/console/year/evaluation?org=${org}`,
      `/console/year/holidays?org=${org}`, `/console/year/homecoming?org=${org}`, `/console/year/jobs?org=${org}`, `/console/year/recognition?org=${org}`,
      `/console/members/${member!.id}`, `/console/study/member/${member!.id}`,
    ].filter((url) => !only || only.some((part) => url.includes(part)));
    const rows: (string | number)[][] = [];
    await withConsole(d, async (signIn) => {
      const browsers = await Promise.all(levels.map((l) => signIn(l.staffId)));
      for (const url of pages(levels[0]!.org.orgId)) {
        const cells: (string | number)[] = [url.replace(/org=\d+/, 'org=‹own›')];
        for (const [i, level] of levels.entries()) {
          let best = Infinity;
          let size = 0;
          let status = 0;
          for (let r = 0; r < runs; r++) {
            const started = performance.now();
            const res = await browsers[i]!.inject(url.replace(/org=\d+/, `org=${level.org.orgId}`).replace(/\/orgs\/\d+/, `/orgs/${level.org.orgId}`));
            best = Math.min(best, performance.now() - started);
            size = res.body.length;
            status = res.statusCode;
          }
          cells.push(status === 200 ? `${best.toFixed(0)} ms · ${Math.round(size / 1024)} KB` : `${status}`);
        }
        rows.push(cells);
      }
    });
    printTable(`Console pages at a county of ${members.toLocaleString('en')} members on PostgreSQL (seeded in ${seeded} s), fastest of ${runs}`, ['page', 'county admin', 'township secretary', 'branch secretary'], rows);
  });
}
