import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobStatistics } from '../../src/features/reemployment/offers.js';
import type { PersonFacts } from '../../src/bot/flow.js';
import type { Database } from '../../src/db/client.js';
import { employmentOutcomes, jobOffers, jobSignups, members, organisations, persons, staffRoles } from '../../src/db/schema/index.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * /jobstats counts each figure from its own rows with the subtree's path. Held to the figures made the plain way for a
 * county, a township and each branch: every member and organisation read, the year's sign-ups and outcomes matched
 * in JS. A member counts once however many sign-ups or outcomes; other years and other counties do not count; the
 * sign-ups and outcomes count whatever the member's status is now.
 */
let d: Database;
const now = new Date('2026-11-30T04:00:00Z');
let admin = 0;
const orgs: Record<string, number> = {};

beforeAll(async () => {
  d = await openTestDatabase();
  const db = d.db;
  const county = await addOrg(db, '大县委组织部', 'county', null);
  const township = await addOrg(db, '大镇党委', 'township', county.id);
  const a = await addOrg(db, '甲村党支部', 'branch', township.id);
  const b = await addOrg(db, '乙村党支部', 'branch', township.id);
  const c = await addOrg(db, '丙村党支部', 'branch', county.id);
  const elsewhere = await addOrg(db, '别县委组织部', 'county', null);
  Object.assign(orgs, { county: county.id, township: township.id, a: a.id, b: b.id, c: c.id });
  admin = await addPerson(db, '县管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: county.id });
  const homes = [a.id, b.id, c.id, elsewhere.id];
  const statuses = ['laid_off', 'laid_off', 'mobile', 'resident', 'laid_off', 'lost_contact'] as const;
  const people = await db.insert(persons).values(Array.from({ length: 48 }, (_, i) => ({ name: `党员${i}` }))).returning({ id: persons.id });
  const ids = people.map((p) => p.id);
  await db.insert(members).values(ids.map((id, i) => ({ personId: id, homeOrgId: homes[i % 4]!, status: statuses[i % 6]!, createdAt: now })));
  const offers = await db.insert(jobOffers).values([1, 2, 3].map((n) => ({ orgId: county.id, kind: 'job' as const, title: `岗位${n}`, place: '县城', startsOn: '2026-12-01', createdAt: now }))).returning({ id: jobOffers.id });
  // Sign-ups: this year (some members twice), last year; outcomes: trained and reemployed this year (some twice), last year.
  await db.insert(jobSignups).values([
    ...ids.filter((_, i) => i % 3 === 0).map((memberId) => ({ offerId: offers[0]!.id, memberId, signedAt: new Date('2026-03-01T04:00:00Z') })),
    ...ids.filter((_, i) => i % 6 === 0).map((memberId) => ({ offerId: offers[1]!.id, memberId, signedAt: new Date('2026-06-01T04:00:00Z') })),
    ...ids.filter((_, i) => i % 5 === 1).map((memberId) => ({ offerId: offers[2]!.id, memberId, signedAt: new Date('2025-06-01T04:00:00Z') })),
  ]);
  await db.insert(employmentOutcomes).values([
    ...ids.filter((_, i) => i % 4 === 1 || i % 7 === 2).map((memberId) => ({ memberId, outcome: 'trained' as const, on: '2026-05-01', recordedAt: now })),
    ...ids.filter((_, i) => i % 8 === 1).map((memberId) => ({ memberId, outcome: 'trained' as const, on: '2026-09-01', recordedAt: now })),
    ...ids.filter((_, i) => i % 5 === 2).map((memberId) => ({ memberId, outcome: 'reemployed' as const, on: '2026-07-01', recordedAt: now })),
    ...ids.filter((_, i) => i % 3 === 1).map((memberId) => ({ memberId, outcome: 'reemployed' as const, on: '2025-07-01', recordedAt: now })),
  ]);
});
afterAll(() => d.close());

/** The plain way: the subtree's members found by their organisation's path in JS, each figure counted over them. */
async function naive(orgId: number, year: number) {
  const all = await d.db.select().from(organisations);
  const path = all.find((o) => o.id === orgId)!.path;
  const under = new Set(all.filter((o) => o.path.startsWith(path)).map((o) => o.id));
  const inTree = new Map((await d.db.select().from(members)).filter((m) => under.has(m.homeOrgId)).map((m) => [m.personId, m]));
  const signups = (await d.db.select().from(jobSignups)).filter((s) => inTree.has(s.memberId) && s.signedAt.getFullYear() === year);
  const outcomes = (await d.db.select().from(employmentOutcomes)).filter((o) => inTree.has(o.memberId) && o.on.startsWith(String(year)));
  const distinct = (xs: { memberId: number }[]) => new Set(xs.map((x) => x.memberId)).size;
  return {
    laidOff: [...inTree.values()].filter((m) => m.status === 'laid_off').length,
    signedUp: distinct(signups),
    trained: distinct(outcomes.filter((o) => o.outcome === 'trained')),
    reemployed: distinct(outcomes.filter((o) => o.outcome === 'reemployed')),
  };
}

const facts = (): PersonFacts => ({
  personId: admin, language: 'zh-CN', timezone: 'Asia/Shanghai', isMember: false, isStaff: true, locationConsent: 'never',
  lastRegionCode: undefined, monthlyReportedThisPeriod: false, thoughtReportedThisPeriod: false, openHelpRequests: [],
});

describe('/jobstats counted from its own rows', () => {
  it.each(['county', 'township', 'a', 'b', 'c'])('gives %s the figures of reading every member, for this year and the last', async (which) => {
    for (const year of [2026, 2025]) {
      const expected = await naive(orgs[which]!, year);
      const [r] = await jobStatistics(d.db, facts(), orgs[which], year, now);
      expect(r!.key).toBe('job-statistics');
      expect(r!.args).toMatchObject({ ...expected, year: String(year) });
    }
  });

  it('has something to count in each figure, and names the organisation', async () => {
    const [r] = await jobStatistics(d.db, facts(), orgs.county, 2026, now);
    // 36 members in the county (every fourth is in the other one): 20 laid off; 12 signed up this year, 6 of them twice.
    expect(r!.args).toMatchObject({ org: '大县委组织部', laidOff: 20, signedUp: 12 });
    expect(Number(r!.args!.trained)).toBeGreaterThan(0);
    expect(Number(r!.args!.reemployed)).toBeGreaterThan(0);
  });
});
