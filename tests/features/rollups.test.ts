import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { createLogger } from '../../src/logger.js';
import { orgMonth, orgMonths, childrenMonth, refreshRollups, rollupRuns, rollupSummaries, type RollupFigures } from '../../src/features/rollups/index.js';
import { orgSummaries } from '../../src/bot/views/orgSummaries.js';
import { JobCoordinator } from '../../src/schedules/coordinator.js';
import { scheduledJobs } from '../../src/schedules/index.js';
import { loadConfig } from '../../src/config.js';
import { openTestDatabase } from '../support/db.js';
import { seedCountyWithZones, type SeededCounty } from '../support/county.js';
import { liveFigures } from './rollupsLive.js';

const SETTINGS = { timezone: 'Asia/Shanghai', reportDueDay: 2 };
const EDGE = new Date('2026-11-30T16:00:00Z');
// 3 December in Shanghai, still 2 December in Los Angeles: December is the month, November is still recomputed.
const NOW = new Date('2026-12-03T02:00:00Z');

let database: Database;
let county: SeededCounty;
let orgIds: number[];
beforeAll(async () => {
  database = await openTestDatabase();
  county = await seedCountyWithZones(database.db, 300, EDGE);
  orgIds = (await query<{ id: number }>(database.db, sql`select id from organisations order by id`)).map((r) => r.id);
});
afterAll(async () => database?.close());

function normalised(f: RollupFigures): RollupFigures {
  return {
    counts: f.counts,
    openHelp: [...f.openHelp].sort((a, b) => `${a.category}:${a.age}`.localeCompare(`${b.category}:${b.age}`)),
    destinations: [...f.destinations].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode)),
  };
}

async function expectEqualToLive(period: string, now: Date): Promise<void> {
  const stored = await orgMonth(database.db, orgIds, period);
  const live = await liveFigures(database.db, orgIds, period, now, SETTINGS.reportDueDay);
  expect(stored.size).toBe(orgIds.length);
  for (const id of orgIds) {
    const s = stored.get(id)!;
    const l = live.get(id)!;
    for (const part of ['own', 'subtree', 'attached'] as const) {
      expect({ id, part, ...normalised(s[part]) }).toEqual({ id, part, ...normalised(l[part]) });
    }
  }
}

describe('the rollup', () => {
  it('equals a live count for every organisation after the job runs, this month and the one before', async () => {
    const outcome = await refreshRollups(database.db, NOW, SETTINGS);
    expect(outcome.periods).toEqual(['2026-12', '2026-11']);
    // The trend's other months, never computed before: filled in once, newest first, and not again.
    expect(outcome.filledIn).toEqual(['2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01']);
    expect((await refreshRollups(database.db, NOW, SETTINGS)).filledIn).toEqual([]);
    await expectEqualToLive('2026-12', NOW);
    await expectEqualToLive('2026-11', NOW);
    const county12 = (await orgMonth(database.db, [county.countyId], '2026-12')).get(county.countyId)!;
    // Not trivially zero: the seeded county has members of every kind in it.
    for (const m of ['members', 'mobile', 'reported', 'overdue', 'not_contacted', 'found_again', 'probation_due', 'lost_contact'] as const) {
      expect(county12.subtree.counts[m], m).toBeGreaterThan(0);
    }
    expect(county12.subtree.openHelp.length).toBeGreaterThan(3);
    expect(county12.attached.counts.members).toBe(0);
    const outside = (await orgMonth(database.db, [county.outsideInflowId], '2026-12')).get(county.outsideInflowId)!;
    expect(outside.attached.counts.members).toBeGreaterThan(0);
    expect(outside.subtree.counts.members).toBe(0);
  });

  it('stays as it was when things change, and equals the live count again after the next run', async () => {
    const db = database.db;
    const [a, b, c, d] = county.memberIds.filter((id) => id % 7 === 5);
    await db.execute(sql`insert into reports (member_id, kind, period, submitted_at, late) values (${a!}, 'monthly', '2026-12', ${NOW.toISOString()}::timestamptz, true)`);
    await db.execute(sql`insert into tracking_entries (member_id, at, kind) values (${b!}, ${NOW.toISOString()}::timestamptz, 'visit')`);
    await db.execute(sql`update members set home_org_id = ${county.branchIds[8]!}, inflow_org_id = ${county.insideInflowId}, status = 'mobile', destination_region_code = '110101' where person_id = ${c!}`);
    await db.execute(sql`insert into help_requests (member_id, category, description, status, created_at, updated_at) values (${d!}, 'schooling', 'x', 'open', ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz)`);
    await db.execute(sql`update members set status = 'lost_contact' where person_id = ${a!}`);
    const before = (await orgMonth(db, [county.countyId], '2026-12')).get(county.countyId)!;
    const liveNow = (await liveFigures(db, [county.countyId], '2026-12', NOW, SETTINGS.reportDueDay)).get(county.countyId)!;
    expect(before.subtree.counts.reported).toBe(liveNow.subtree.counts.reported - 1);

    const later = new Date(NOW.getTime() + 15 * 60_000);
    await refreshRollups(db, later, SETTINGS);
    await expectEqualToLive('2026-12', later);
    const after = (await orgMonth(db, [county.countyId], '2026-12')).get(county.countyId)!;
    expect(after.computedAt.toISOString()).toBe(later.toISOString());
    expect(after.subtree.destinations.find((x) => x.provinceCode === '110000')?.count).toBe(1);
  });

  it('recomputes the previous month hourly in its first days, not with every quarter-hourly run, and keeps it whole meanwhile', async () => {
    const db = database.db;
    const measuresOf = async (period: string) =>
      (await query<{ measure: string }>(db, sql`select distinct measure from org_rollups where period = ${period} order by 1`)).map((r) => r.measure);
    const novemberRun = async () => (await rollupRuns(db, ['2026-11']))[0]!.computedAt.toISOString();
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    await refreshRollups(db, at(60), SETTINGS);
    expect(await novemberRun()).toBe(at(60).toISOString());
    for (const minutes of [75, 90, 105]) {
      expect((await refreshRollups(db, at(minutes), SETTINGS)).periods).toEqual(['2026-12']);
      expect(await novemberRun()).toBe(at(60).toISOString());
      expect(await measuresOf('2026-11')).toContain('unreported_by_liaison');
    }
    expect((await refreshRollups(db, at(120), SETTINGS)).periods).toEqual(['2026-12', '2026-11']);
    expect(await novemberRun()).toBe(at(120).toISOString());
    await expectEqualToLive('2026-11', at(120));
  });

  it('gives the App Home the same summary as counting live, with the time it was computed', async () => {
    const db = database.db;
    const [admin] = await query<{ id: number }>(db, sql`insert into persons (name) values ('县管理员') returning id`);
    await db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${admin!.id}, 'org_admin', ${county.countyId}),
      (${admin!.id}, 'secretary', ${county.branchIds[0]!}), (${admin!.id}, 'secretary', ${county.outsideInflowId})`);
    // Mid-December everywhere, so each member's month is the summary's month.
    const mid = new Date('2026-12-15T06:00:00Z');
    await refreshRollups(db, mid, SETTINGS);
    const fromRollup = (await rollupSummaries(db, admin!.id, mid, SETTINGS.timezone))!;
    const live = await orgSummaries(db, admin!.id, mid, { reportDueDay: SETTINGS.reportDueDay });
    expect(fromRollup.map(({ asOf: _a, ...s }) => s)).toEqual(live);
    expect(fromRollup.every((s) => s.asOf?.toISOString() === mid.toISOString())).toBe(true);
    // A month not computed yet: no precomputed figures, the App Home counts live.
    expect(await rollupSummaries(db, admin!.id, new Date('2027-01-10T06:00:00Z'), SETTINGS.timezone)).toBeUndefined();
  });

  it('reads a trend and a drill-down for the dashboard', async () => {
    const months = await orgMonths(database.db, county.countyId, '2026-01', '2026-12');
    expect(months.map((m) => m.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const children = await childrenMonth(database.db, county.countyId, '2026-12');
    expect(children.map((c) => c.orgId)).toEqual(county.townshipIds);
    const county12 = (await orgMonth(database.db, [county.countyId], '2026-12')).get(county.countyId)!;
    expect(children.reduce((a, c) => a + c.month!.subtree.counts.members, 0)).toBe(county12.subtree.counts.members);
    expect((await rollupRuns(database.db)).map((r) => r.period).slice(0, 3)).toEqual(['2026-12', '2026-11', '2026-10']);
  });

  it('runs as a job every 15 minutes, once across instances', async () => {
    const config = loadConfig({});
    const job = scheduledJobs(config, { expireConversations: async () => 0, forgetOldUpdates: async () => {} }).find((j) => j.name === 'rollups')!;
    expect(job.every).toEqual({ minutes: 15 });
    const at = new Date('2026-12-20T03:07:00Z');
    const clock = { now: () => at, sleep: async () => {} };
    const coordinators = [1, 2].map(() => new JobCoordinator({ database, clock, logger: createLogger('silent'), jobs: [job] }));
    const ran = await Promise.all(coordinators.map((c) => c.fire(job)));
    expect(ran.filter(Boolean)).toHaveLength(1);
    const [run] = await rollupRuns(database.db, ['2026-12']);
    expect(run!.computedAt.toISOString()).toBe(at.toISOString());
    const [fire] = await query<{ fireAt: Date | string }>(database.db, sql`select fire_at as "fireAt" from job_runs where job = 'rollups'`);
    expect(new Date(fire!.fireAt).toISOString()).toBe('2026-12-20T03:00:00.000Z');
  });

  it('keeps of a month no longer recomputed only what the trend reads, and nothing older than the trend', async () => {
    const db = database.db;
    const measuresOf = async (period: string) =>
      (await query<{ measure: string }>(db, sql`select distinct measure from org_rollups where period = ${period} order by 1`)).map((r) => r.measure);
    // 3 December: November is still recomputed whole (late reports come in).
    await refreshRollups(db, NOW, SETTINGS);
    expect(await measuresOf('2026-11')).toContain('unreported_by_liaison');
    const trendBefore = await orgMonths(db, county.countyId, '2026-01', '2026-12');
    // 20 December: November is past its late reports, and keeps its members, reports, 失联 and 找回 only.
    const december = await refreshRollups(db, new Date('2026-12-20T03:00:00Z'), SETTINGS);
    expect(december.pruned).toBeGreaterThan(100);
    const november = await measuresOf('2026-11');
    expect(november).toEqual(expect.arrayContaining(['members', 'reported']));
    expect(november.every((m) => ['members', 'reported', 'lost_entries', 'found_entries'].includes(m))).toBe(true);
    expect(await measuresOf('2026-12')).toContain('unreported_by_liaison');
    const trendAfter = await orgMonths(db, county.countyId, '2026-01', '2026-12');
    const trendOf = (ms: typeof trendAfter) => ms.map((m) => ({ period: m.period, members: m.subtree.counts.members, reported: m.subtree.counts.reported }));
    expect(trendOf(trendAfter)).toEqual(trendOf(trendBefore));
    // A year on: 2026's months are older than the trend and go, from the runs too; the year between is filled in.
    const later = await refreshRollups(db, new Date('2027-12-15T03:00:00Z'), SETTINGS);
    expect(later.filledIn).toHaveLength(11);
    expect((await rollupRuns(db)).map((r) => r.period).at(-1)).toBe('2027-01');
    const [left] = await query<{ n: number }>(db, sql`select count(*)::int as n from org_rollups where period < '2027-01'`);
    expect(left!.n).toBe(0);
  });
});
