import { sql } from 'drizzle-orm';
import { t } from '../src/bot/i18n/index.js';
import type { Database } from '../src/db/client.js';
import { query } from '../src/db/query.js';
import { dashboardFigures, statsPicture, type DashboardOrg } from '../src/features/dashboard/index.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withConsole } from './consoleMembersPage.js';
import { medianMs, onBothDatabases } from './harness.js';
import { printTable } from './table.js';

/**
 * The dashboard (issue 15) at county scale, live queries (no rollups yet): for the county (everyone), a township
 * (5%) and a branch (0.1%), the reads alone (dashboardFigures), the whole page through Fastify (sign-in check,
 * reads, six charts and the map drawn as SVG, rendering: first view, then again with the same figures, whose
 * charts are remembered) and the /stats picture (reads, SVG, PNG).
 * `BENCH_MEMBERS` sets the size (default 100,000).
 */

const median = (run: () => Promise<unknown>, first?: (ms: number) => void): Promise<[number, number]> => medianMs(run, first);

/** A year of lost and found on the tracking cards: 3% lost at some month, a third of them found again later. */
export async function seedLostAndFound(d: Database, now: Date): Promise<void> {
  await d.db.execute(sql`
    insert into tracking_entries (member_id, at, kind, details)
    select person_id, ${now.toISOString()}::timestamptz - ((person_id % 11) + 1) * interval '30 days', 'status_change', '{"to":"lost_contact"}'::jsonb
    from members where person_id % 33 = 0`);
  await d.db.execute(sql`
    insert into tracking_entries (member_id, at, kind, details)
    select person_id, ${now.toISOString()}::timestamptz - (person_id % 5) * interval '20 days', 'status_change', '{"to":"mobile","found":true}'::jsonb
    from members where person_id % 99 = 0`);
  await d.db.execute(sql`analyze tracking_entries`);
}

/** One organisation of each level, and a person who runs it. */
export async function scopes(d: Database): Promise<{ who: string; org: DashboardOrg; staffId: number }[]> {
  const out = [];
  for (const kind of ['county', 'township', 'branch'] as const) {
    const [org] = await query<DashboardOrg>(d.db, sql`select id as "orgId", name, path, parent_id as "parentId" from organisations where kind = ${kind} order by id limit 1`);
    const [p] = await query<{ id: number }>(d.db, sql`insert into persons (name) values (${`${kind}书记`}) returning id`);
    await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${p!.id}, ${kind === 'county' ? 'org_admin' : 'secretary'}, ${org!.orgId})`);
    out.push({ who: kind, org: org!, staffId: p!.id });
  }
  return out;
}

async function runOn(label: string, d: Database, members: number): Promise<void> {
  const now = new Date();
  const t0 = performance.now();
  await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
  await seedLostAndFound(d, now);
  const seeded = (performance.now() - t0) / 1000;
  const period = { now, timezone: 'Asia/Shanghai' };
  const tr = (key: string, args?: Record<string, string | number>) => t('zh-CN', key, args);
  const rows: (string | number)[][] = [];
  await withConsole(d, async (signIn) => {
    for (const s of await scopes(d)) {
      const [count] = await query<{ n: number }>(d.db, sql`select count(*)::int as n from members m join organisations o on o.id = m.home_org_id where o.path like ${`${s.org.path}%`}`);
      const browser = await signIn(s.staffId);
      const [q50, qMax] = await median(() => dashboardFigures(d.db, s.org, period));
      let bytes = 0;
      let cold = 0;
      const [p50, pMax] = await median(async () => {
        const res = await browser.inject(`/console/dashboard?org=${s.org.orgId}`);
        if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode}`);
        bytes = res.body.length;
      }, (ms) => (cold = ms));
      const [i50, iMax] = await median(() => statsPicture(d.db, s.org, period, tr));
      rows.push([s.who, count!.n, q50.toFixed(0), qMax.toFixed(0), cold.toFixed(0), p50.toFixed(0), pMax.toFixed(0), Math.round(bytes / 1024), i50.toFixed(0), iMax.toFixed(0)]);
    }
  });
  printTable(`Dashboard on ${label}, ${members.toLocaleString('en')} members, live queries (seeded in ${seeded.toFixed(1)} s)`,
    ['scope', 'members', 'reads median ms', 'reads max ms', 'page first ms', 'page again median ms', 'page again max ms', 'page kB', '/stats picture median ms', 'picture max ms'], rows);
}

export async function consoleDashboardBench(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
  await onBothDatabases('bench_console_dashboard', (label, d) => runOn(label, d, members));
}
