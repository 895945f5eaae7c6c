import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { dashboardFigures, dashboardView } from '../../src/features/dashboard/index.js';
import { rolledFigures, rolledTrend } from '../../src/features/dashboard/rolled.js';
import { reportingTrend } from '../../src/features/dashboard/figures.js';
import { orgMonths, refreshRollups } from '../../src/features/rollups/index.js';
import { TREND_MONTHS } from '../../src/features/dashboard/scope.js';
import { openTestDatabase } from '../support/db.js';
import { seedCountyWithZones, type SeededCounty } from '../support/county.js';

const TZ = 'Asia/Shanghai';
const EDGE = new Date('2026-11-30T16:00:00Z');
// Mid-December in Shanghai: December is computed, and the eleven months before filled in by the same first run.
const NOW = new Date('2026-12-12T03:00:00Z');

let database: Database;
let county: SeededCounty;
beforeAll(async () => {
  database = await openTestDatabase();
  county = await seedCountyWithZones(database.db, 300, EDGE);
  // The help requests asked 0 to 49 days before now (the seed dates them from the edge): every age bucket has some.
  await database.db.execute(sql`update help_requests set created_at = created_at + (${NOW.toISOString()}::timestamptz - ${EDGE.toISOString()}::timestamptz)`);
  // Some lost contact this month (the seed's status changes are found again): both kinds in the month computed.
  await database.db.execute(sql`insert into tracking_entries (member_id, at, kind, details)
    select person_id, ${NOW.toISOString()}::timestamptz - interval '2 days', 'status_change', '{"to":"lost_contact"}'::jsonb from members where person_id % 23 = 0`);
  // Members added over the year (a few each month, the rest before it), and reports in months before the seed's: the
  // trend's filled-in months have members on the roll and reports of their own to agree on.
  await database.db.execute(sql`update members set created_at = case when person_id % 3 = 0 then '2025-12-20T00:00:00Z'::timestamptz
    else make_timestamptz(2026, (person_id % 12) + 1, 15, 0, 0, 0, 'UTC') end`);
  await database.db.execute(sql`insert into reports (member_id, kind, period, submitted_at)
    select person_id, 'monthly', '2026-0' || (person_id % 9 + 1), '2026-09-30T00:00:00Z' from members where person_id % 4 = 1
    on conflict do nothing`);
  await refreshRollups(database.db, NOW, { timezone: TZ, reportDueDay: 5 });
});
afterAll(async () => database?.close());

const rolledMonths = (orgId: number) => orgMonths(database.db, orgId, '2026-01', '2026-12');

const byCategoryAge = (x: { category: string; age: string }, y: { category: string; age: string }) => `${x.category}:${x.age}`.localeCompare(`${y.category}:${y.age}`);

describe('the dashboard of a seeded county from the rollup', () => {
  it('shows the same figures as the live reads for every organisation: tiles, trend, overdue by liaison, help by age, map, drill-down', async () => {
    const orgs = await query<{ id: number; path: string }>(database.db, sql`select id, path from organisations order by id`);
    const period = { now: NOW, timezone: TZ };
    let withFigures = 0;
    for (const org of orgs) {
      const scope = { orgId: Number(org.id), path: org.path };
      const rolled = await rolledFigures(database.db, scope, period, TZ);
      expect(rolled, `org ${org.id}`).toBeDefined();
      const { asOf, ...figures } = rolled!;
      expect(asOf).toEqual(NOW);
      const live = await dashboardFigures(database.db, scope, period);
      // The trend's months all from the rollup: the live reads' figures are what they are compared with.
      expect(await rolledMonths(scope.orgId)).toHaveLength(TREND_MONTHS);
      expect({ id: org.id, ...figures, help: [...figures.help].sort(byCategoryAge) }).toEqual({ id: org.id, ...live, help: [...live.help].sort(byCategoryAge) });
      if (live.counts.members > 0) withFigures++;
    }
    // Not a comparison of zeros: the county, its townships and branches have members, help, liaisons and places.
    expect(withFigures).toBeGreaterThanOrEqual(13);
    const countyScope = orgs.find((o) => Number(o.id) === county.countyId)!;
    const f = await dashboardView(database.db, { orgId: county.countyId, path: countyScope.path }, period, TZ);
    expect(f.asOf).toEqual(NOW);
    expect(f.counts.members).toBe(300);
    expect(f.overdue.liaisons.length).toBeGreaterThan(1);
    expect(f.overdue.liaisons.some((l) => l.liaisonId === null)).toBe(true);
    expect(new Set(f.help.map((h) => h.age)).size).toBe(4);
    expect(f.provinces.length).toBeGreaterThan(1);
    expect(f.lostFound.at(-1)!.lost).toBeGreaterThan(0);
    // Not a trend of zeros before December: the roll grows through the year, and earlier months have reports.
    expect(new Set(f.reporting.map((m) => m.members)).size).toBeGreaterThanOrEqual(8);
    expect(f.reporting.slice(0, 9).every((m) => m.reported > 0)).toBe(true);
    expect(f.children.map((c) => c.id).sort((a, b) => a - b)).toEqual([...county.townshipIds].sort((a, b) => a - b));
  });

  it('a report arriving after the run shows on the next run, not before (the page says when it was computed)', async () => {
    const [member] = await query<{ id: number }>(database.db, sql`
      select m.person_id as id from members m where m.status <> 'lost_contact'
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = '2026-12') order by 1 limit 1`);
    const [c] = await query<{ path: string }>(database.db, sql`select path from organisations where id = ${county.countyId}`);
    const scope = { orgId: county.countyId, path: c!.path };
    const period = { now: NOW, timezone: TZ };
    const before = (await rolledFigures(database.db, scope, period, TZ))!;
    await database.db.execute(sql`insert into reports (member_id, kind, period, submitted_at) values (${member!.id}, 'monthly', '2026-12', ${NOW.toISOString()}::timestamptz)`);
    expect((await rolledFigures(database.db, scope, period, TZ))!.overdue.total).toBe(before.overdue.total);
    const later = new Date(NOW.getTime() + 15 * 60_000);
    await refreshRollups(database.db, later, { timezone: TZ, reportDueDay: 5 });
    const after = (await rolledFigures(database.db, scope, { now: later, timezone: TZ }, TZ))!;
    expect(after.asOf).toEqual(later);
    expect(after.overdue.total).toBe(before.overdue.total - 1);
    expect(after.reporting.at(-1)!.reported).toBe(before.reporting.at(-1)!.reported + 1);
  });

  it('gives /stats its trend from the rollup: what a run counted, until the next; live when the month is not the rollup\'s', async () => {
    const [c] = await query<{ path: string }>(database.db, sql`select path from organisations where id = ${county.countyId}`);
    const scope = { orgId: county.countyId, path: c!.path };
    const period = { now: NOW, timezone: TZ };
    const rolled = (await rolledTrend(database.db, scope, period, TZ))!;
    expect(rolled.map((m) => m.period)).toEqual((await reportingTrend(database.db, scope, period)).map((m) => m.period));
    // A late report for March, after the run: the live trend has it, the rollup's not yet.
    const [member] = await query<{ id: number }>(database.db, sql`
      select person_id as id from members where not exists (select 1 from reports r where r.member_id = person_id and r.period = '2026-03') order by 1 limit 1`);
    await database.db.execute(sql`insert into reports (member_id, kind, period, submitted_at) values (${member!.id}, 'monthly', '2026-03', ${NOW.toISOString()}::timestamptz)`);
    const march = (t: { period: string; reported: number }[]) => t.find((m) => m.period === '2026-03')!.reported;
    expect(march((await rolledTrend(database.db, scope, period, TZ))!)).toBe(march(rolled));
    expect(march(await reportingTrend(database.db, scope, period))).toBe(march(rolled) + 1);
    // An asker whose month is not the rollup's, or a month not computed: counted live by the caller.
    expect(await rolledTrend(database.db, scope, { now: new Date('2026-11-30T17:00:00Z'), timezone: 'America/Los_Angeles' }, TZ)).toBeUndefined();
    expect(await rolledTrend(database.db, scope, { now: new Date('2027-02-10T03:00:00Z'), timezone: TZ }, TZ)).toBeUndefined();
  });
});
