import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { employmentOutcomes, jobOffers, jobSignups, members, recognitions, reports, trackingEntries } from '../../src/db/schema/index.js';
import { branchRows, orgStatistics } from '../../src/features/statistics/statistics.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * The year's figures of the statistics at the edges of the year in the figures' zone (Asia/Shanghai, 8 hours ahead
 * of UTC) and with members counted once however many rows they have: found again, 先进, signed up, in training,
 * trained, working again, and the month's report. The counts read each member once with the year as a range
 * (counts.ts): a range in UTC, or a join that repeats a member, gives other numbers here.
 */

const now = new Date('2026-11-20T04:00:00Z');
/** Instants either side of the zone's new year: 2026-01-01 00:00 in Shanghai is 2025-12-31 16:00 UTC. */
const LAST_SECOND_2025 = new Date('2025-12-31T15:59:59Z');
const FIRST_HOUR_2026 = new Date('2025-12-31T16:30:00Z');
const LAST_HOUR_2026 = new Date('2026-12-31T15:30:00Z');
const FIRST_HOUR_2027 = new Date('2026-12-31T16:00:00Z');

let database: Database;
let county: number;
let branchA: number;
let branchB: number;

/** What each branch should count: the test adds to these as it writes the rows. */
const want = {
  a: { found: 0, recognised: 0, signedUp: 0, inTraining: 0, trained: 0, reemployed: 0, reported: 0, reportedOnTime: 0 },
  b: { found: 0, recognised: 0, signedUp: 0, inTraining: 0, trained: 0, reemployed: 0, reported: 0, reportedOnTime: 0 },
};

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  county = (await addOrg(db, '年县', 'county', null)).id;
  branchA = (await addOrg(db, '年甲支部', 'branch', county)).id;
  branchB = (await addOrg(db, '年乙支部', 'branch', county)).id;
  const member = async (name: string, home: number) => {
    const id = await addPerson(db, name);
    await db.insert(members).values({ personId: id, homeOrgId: home, status: 'laid_off' });
    return id;
  };
  const [running, ended, job] = await db.insert(jobOffers).values([
    { orgId: county, kind: 'training', title: '正在办的培训', place: '县城', startsOn: '2026-11-01', endsOn: '2026-11-30', createdAt: now },
    { orgId: county, kind: 'training', title: '办完的培训', place: '县城', startsOn: '2026-03-01', endsOn: '2026-03-10', createdAt: now },
    { orgId: branchA, kind: 'job', title: '岗位', place: '县城', startsOn: '2025-12-01', createdAt: now },
  ]).returning({ id: jobOffers.id });
  const found = (memberId: number, at: Date, isFound = true) =>
    db.insert(trackingEntries).values({ memberId, at, kind: 'status_change', details: { to: 'mobile', found: isFound } });
  const signUp = (memberId: number, offerId: number, signedAt: Date) => db.insert(jobSignups).values({ memberId, offerId, signedAt });

  // 甲: found in the zone's first half hour of the year (UTC's last of the one before), and found twice this year.
  const a1 = await member('甲一', branchA);
  await found(a1, FIRST_HOUR_2026);
  want.a.found++;
  const a2 = await member('甲二', branchA);
  await found(a2, new Date('2026-03-01T00:00:00Z'));
  await found(a2, LAST_HOUR_2026);
  want.a.found++;
  // Found in the zone's last second of 2025, in its first hour of 2027 (乙's, so that a year in UTC, which takes
  // 甲一 out and this one in, does not come to the same totals), and a status change that is no finding.
  await found(await member('甲三', branchA), LAST_SECOND_2025);
  await found(await member('乙零', branchB), FIRST_HOUR_2027);
  await found(await member('甲五', branchA), new Date('2026-06-01T00:00:00Z'), false);

  // 先进 twice this year is one member; one of 2025 and one revoked are none.
  const a6 = await member('甲六', branchA);
  const example = { reason: '-', proposedByOrgId: branchA, recordedAt: now };
  await db.insert(recognitions).values([{ memberId: a6, year: 2026, ...example }, { memberId: a6, year: 2026, ...example }]);
  want.a.recognised++;
  await db.insert(recognitions).values({ memberId: await member('甲七', branchA), year: 2025, ...example });
  await db.insert(recognitions).values({ memberId: await member('甲八', branchA), year: 2026, ...example, revokedAt: now, revokeReason: '-' });

  // Signed up: in the zone's first half hour of 2026; in its last second of 2025 for the course running today (in
  // training, not signed up this year); this year for the running and the finished course (one member, both counts).
  const b1 = await member('乙一', branchB);
  await signUp(b1, job!.id, FIRST_HOUR_2026);
  want.b.signedUp++;
  const b2 = await member('乙二', branchB);
  await signUp(b2, running!.id, LAST_SECOND_2025);
  want.b.inTraining++;
  const b3 = await member('乙三', branchB);
  await signUp(b3, running!.id, new Date('2026-10-01T00:00:00Z'));
  await signUp(b3, ended!.id, new Date('2026-02-01T00:00:00Z'));
  want.b.signedUp++;
  want.b.inTraining++;

  // Outcomes by day: the year's first day counts, the last day before does not; twice trained is one member.
  const b4 = await member('乙四', branchB);
  await db.insert(employmentOutcomes).values([
    { memberId: b4, outcome: 'trained', on: '2026-03-01', recordedAt: now },
    { memberId: b4, outcome: 'trained', on: '2026-05-01', recordedAt: now },
    { memberId: b4, outcome: 'reemployed', on: '2026-01-01', recordedAt: now },
  ]);
  want.b.trained++;
  want.b.reemployed++;
  await db.insert(employmentOutcomes).values({ memberId: await member('乙五', branchB), outcome: 'reemployed', on: '2025-12-31', recordedAt: now });

  // The month's report, once each, beside a thought report of the quarter and last month's report.
  const b6 = await member('乙六', branchB);
  await db.insert(reports).values([
    { memberId: b6, kind: 'monthly', period: '2026-11', submittedAt: now, late: true },
    { memberId: b6, kind: 'monthly', period: '2026-10', submittedAt: now },
    { memberId: b6, kind: 'thought', period: '2026-Q4', submittedAt: now },
  ]);
  want.b.reported++;
  for (const name of ['乙七', '乙八']) {
    await db.insert(reports).values({ memberId: await member(name, branchB), kind: 'monthly', period: '2026-11', submittedAt: now });
    want.b.reported++;
    want.b.reportedOnTime++;
  }
});
afterAll(() => database.close());

type Year = { recognised: number; signedUp: number; inTraining: number; trained: number; reemployed: number };
/** The figures this file is about, as orgStatistics and the 统计表's rows both carry them (a row has no month's total). */
const figures = (s: { foundAgainThisYear: number; reportedOnTimeThisMonth: number; reportedThisMonth?: number; year: Year }) => ({
  found: s.foundAgainThisYear, recognised: s.year.recognised, signedUp: s.year.signedUp, inTraining: s.year.inTraining,
  trained: s.year.trained, reemployed: s.year.reemployed, reportedOnTime: s.reportedOnTimeThisMonth,
  ...(s.reportedThisMonth === undefined ? {} : { reported: s.reportedThisMonth }),
});
const withoutMonthTotal = ({ reported: _, ...rest }: typeof want.a) => rest;

describe("the statistics' year in the figures' zone, each member once", () => {
  it("counts each branch's year at the zone's edges", async () => {
    expect(figures(await orgStatistics(database.db, branchA, now))).toEqual(want.a);
    expect(figures(await orgStatistics(database.db, branchB, now))).toEqual(want.b);
  });

  it('adds the branches up for the county, and the 统计表 rows say the same', async () => {
    const sum = Object.fromEntries(Object.entries(want.a).map(([k, n]) => [k, n + want.b[k as keyof typeof want.b]]));
    expect(figures(await orgStatistics(database.db, county, now))).toEqual(sum);
    const rows = new Map((await branchRows(database.db, county, now)).map((r) => [r.row.orgId, r.row]));
    expect(rows.size).toBe(2);
    expect(figures(rows.get(branchA)!)).toEqual(withoutMonthTotal(want.a));
    expect(figures(rows.get(branchB)!)).toEqual(withoutMonthTotal(want.b));
  });
});
