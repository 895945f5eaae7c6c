import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import {
  employmentOutcomes, helpRequests, jobOffers, memberProfiles, members, recognitions, reports, trackingEntries, type HelpCategory, type MemberStatus,
} from '../../src/db/schema/index.js';
import { branchRows, orgStatistics } from '../../src/features/statistics/statistics.js';
import { exportStatistics } from '../../src/features/statistics/export.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

const now = new Date('2026-11-20T04:00:00Z');
const STATUSES: MemberStatus[] = ['resident', 'mobile', 'returned', 'laid_off', 'lost_contact'];
const OCCUPATIONS = ['快递员', '电子厂工人', '餐饮服务', '务农', ''];
const PLACES = ['广东省 东莞市', '浙江省 杭州市', '上海市 浦东新区'];
const CATEGORIES: HelpCategory[] = ['wages', 'medical', 'schooling'];

/** A small deterministic generator, so the organisation is irregular but the same every run. */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

interface Truth {
  /** The township has members of its own besides its branch 甲村. */
  branch: 'a' | 'b' | 'township' | 'outside';
  status: MemberStatus; occupation: string; place: string | null; probationaryDue: boolean;
  report: 'none' | 'onTime' | 'late'; found: boolean; help: { category: HelpCategory; hours: number | null }[];
  /** 先进 (this year, an earlier year or none) and what was recorded of training and work, by year. */
  recognised: 'this' | 'earlier' | 'none'; trained: 2026 | 2025 | null; reemployed: 2026 | 2025 | null;
}

let database: Database;
let countyId: number;
let branchA: number;
const truth: Truth[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const county = await addOrg(db, '统计县', 'county', null);
  const township = await addOrg(db, '统计镇', 'township', county.id);
  const a = await addOrg(db, '甲村党支部', 'branch', township.id);
  const b = await addOrg(db, '乙村党支部', 'branch', county.id);
  const outside = await addOrg(db, '外县支部', 'branch', null);
  countyId = county.id;
  branchA = a.id;
  await db.insert(jobOffers).values([
    { orgId: township.id, kind: 'training', title: '电工培训班', place: '440300', startsOn: '2026-12-01', createdAt: now },
    { orgId: b.id, kind: 'job', title: '分拣员', place: '县物流园', startsOn: '2026-11-25', endsOn: '2026-12-31', createdAt: now },
    { orgId: county.id, kind: 'job', title: '已结束的岗位', place: '县城', startsOn: '2026-10-01', createdAt: now },
    { orgId: outside.id, kind: 'job', title: '外县岗位', place: '外县', startsOn: '2026-12-01', createdAt: now },
  ]);
  const next = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  // A second generator for the year's figures, so the first one draws the same members as before.
  const year = rng(11);
  const yearPick = <T>(xs: T[]) => xs[Math.floor(year() * xs.length)]!;
  for (let i = 0; i < 60; i++) {
    const t: Truth = {
      branch: i % 7 === 0 ? 'outside' : i % 3 === 0 ? 'b' : i % 10 === 5 ? 'township' : 'a',
      status: pick(STATUSES), occupation: pick(OCCUPATIONS), place: null, probationaryDue: false,
      report: pick(['none', 'onTime', 'late'] as const), found: next() < 0.15, help: [],
      recognised: yearPick(['this', 'earlier', 'none', 'none'] as const), trained: yearPick([2026, 2025, null] as const), reemployed: yearPick([2026, 2025, null, null] as const),
    };
    if (t.status === 'mobile') t.place = next() < 0.8 ? pick(PLACES) : null;
    const probationary = next() < 0.3;
    const ends = probationary ? (next() < 0.5 ? '2027-01-10' : '2027-06-30') : null;
    t.probationaryDue = probationary && ends === '2027-01-10';
    const helpCount = Math.floor(next() * 3);
    for (let h = 0; h < helpCount; h++) t.help.push({ category: pick(CATEGORIES), hours: next() < 0.6 ? Math.floor(next() * 100) + 1 : null });
    truth.push(t);
    const id = await addPerson(db, `成员${i}`);
    await db.insert(members).values({
      personId: id, homeOrgId: { a: a.id, b: b.id, township: township.id, outside: outside.id }[t.branch], status: t.status,
      occupation: t.occupation || null, probationary, probationEndsOn: ends,
    });
    if (t.place) await db.insert(memberProfiles).values({ memberId: id, destination: t.place, updatedAt: now });
    if (t.report !== 'none') await db.insert(reports).values({ memberId: id, kind: 'monthly', period: '2026-11', submittedAt: now, late: t.report === 'late' });
    // A report from last month must not count.
    await db.insert(reports).values({ memberId: id, kind: 'monthly', period: '2026-10', submittedAt: new Date('2026-10-05T04:00:00Z') });
    if (t.found) await db.insert(trackingEntries).values({ memberId: id, at: new Date('2026-05-01T00:00:00Z'), kind: 'status_change', details: { from: 'lost_contact', to: 'mobile', found: true } });
    // Found in an earlier year: not this year's count.
    if (i % 11 === 0) await db.insert(trackingEntries).values({ memberId: id, at: new Date('2025-05-01T00:00:00Z'), kind: 'status_change', details: { found: true } });
    if (t.recognised !== 'none') {
      const values = { memberId: id, year: t.recognised === 'this' ? 2026 : 2025, reason: '-', proposedByOrgId: countyId, recordedAt: now };
      // Twice in one year is still one member recognised.
      await db.insert(recognitions).values(t.recognised === 'this' && i % 2 === 0 ? [values, values] : [values]);
    }
    for (const [outcome, y] of [['trained', t.trained], ['reemployed', t.reemployed]] as const) {
      if (y !== null) await db.insert(employmentOutcomes).values({ memberId: id, outcome, on: `${y}-06-01`, recordedAt: now });
    }
    for (const h of t.help) {
      const created = new Date('2026-09-01T00:00:00Z');
      await db.insert(helpRequests).values({
        memberId: id, category: h.category, description: '-', createdAt: created, updatedAt: created,
        status: h.hours === null ? 'open' : 'resolved', resolvedAt: h.hours === null ? null : new Date(created.getTime() + h.hours * 3_600_000),
      });
    }
  }
});
afterAll(() => database.close());

function expected(filter: (t: Truth) => boolean) {
  const ts = truth.filter(filter);
  const count = <K extends string>(key: (t: Truth) => K) => {
    const m = new Map<K, number>();
    for (const t of ts) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const mobile = ts.filter((t) => t.status === 'mobile');
  const help = new Map<string, { total: number; resolved: number; hours: number[] }>();
  for (const h of ts.flatMap((t) => t.help)) {
    const e = help.get(h.category) ?? { total: 0, resolved: 0, hours: [] };
    e.total++;
    if (h.hours !== null) { e.resolved++; e.hours.push(h.hours); }
    help.set(h.category, e);
  }
  return {
    members: ts.length,
    mobile: mobile.length,
    mobileShare: ts.length ? mobile.length / ts.length : 0,
    byDestination: new Map([...count((t) => t.place ?? '未填')].filter(([k]) => ts.some((t) => t.status === 'mobile' && (t.place ?? '未填') === k))
      .map(([k]) => [k, mobile.filter((t) => (t.place ?? '未填') === k).length])),
    byOccupation: count((t) => t.occupation || '未填'),
    reportedThisMonth: ts.filter((t) => t.report !== 'none').length,
    reportedOnTimeThisMonth: ts.filter((t) => t.report === 'onTime').length,
    lostContact: ts.filter((t) => t.status === 'lost_contact').length,
    foundAgainThisYear: ts.filter((t) => t.found).length,
    probationaryDue: ts.filter((t) => t.probationaryDue).length,
    help,
    recognised: ts.filter((t) => t.recognised === 'this').length,
    laidOff: ts.filter((t) => t.status === 'laid_off').length,
    trained: ts.filter((t) => t.trained === 2026).length,
    reemployed: ts.filter((t) => t.reemployed === 2026).length,
  };
}

describe('statistics against independently computed counts', () => {
  for (const [label, filter, org, offers] of [
    // The county sees the courses and openings of its branches and townships; a branch those posted above it and its own.
    ['the county (whole subtree, both branches)', (t: Truth) => t.branch !== 'outside', () => countyId, ['分拣员', '电工培训班']],
    ['one branch', (t: Truth) => t.branch === 'a', () => branchA, ['电工培训班']],
  ] as const) {
    it(label, async () => {
      const s = await orgStatistics(database.db, org(), now);
      const e = expected(filter);
      expect(s.members).toBe(e.members);
      expect(s.mobile).toBe(e.mobile);
      expect(s.mobileShare).toBeCloseTo(e.mobileShare, 10);
      expect(new Map(s.byDestination.map((d) => [d.destination, d.count]))).toEqual(e.byDestination);
      expect(new Map(s.byOccupation.map((d) => [d.occupation, d.count]))).toEqual(e.byOccupation);
      expect(s.reportedThisMonth).toBe(e.reportedThisMonth);
      expect(s.reportedOnTimeThisMonth).toBe(e.reportedOnTimeThisMonth);
      expect(s.lostContact).toBe(e.lostContact);
      expect(s.foundAgainThisYear).toBe(e.foundAgainThisYear);
      expect(s.probationaryDue).toBe(e.probationaryDue);
      expect([s.year.recognised, s.year.laidOff, s.year.trained, s.year.reemployed]).toEqual([e.recognised, e.laidOff, e.trained, e.reemployed]);
      expect(e.recognised * e.trained * e.reemployed).toBeGreaterThan(0);
      for (const h of s.help) {
        const x = e.help.get(h.category)!;
        expect([h.total, h.resolved]).toEqual([x.total, x.resolved]);
        const mean = x.hours.length ? x.hours.reduce((p, q) => p + q, 0) / x.hours.length : null;
        if (mean === null) expect(h.meanHoursToResolve).toBeNull();
        else expect(h.meanHoursToResolve!).toBeCloseTo(mean, 1);
      }
      expect(s.help.reduce((p, h) => p + h.total, 0)).toBe([...e.help.values()].reduce((p, h) => p + h.total, 0));
      expect(e.members).toBeGreaterThan(10);
      expect(s.year.openOffers.map((o) => o.title)).toEqual(offers);
      expect(s.year.openOffers.find((o) => o.title === '电工培训班')?.place).toBe('广东省 深圳市');
    });
  }

  it("counts each branch's row of the 统计表 in one statement as the branch's own statistics count it, a township's with its branches", async () => {
    const rows = await branchRows(database.db, countyId, now);
    expect(rows.map((r) => r.name)).toEqual(['统计镇', '甲村党支部', '乙村党支部']);
    for (const { row } of rows) {
      const s = await orgStatistics(database.db, row.orgId, now);
      const { byDestination, byOccupation, help, reportedThisMonth, year: { openOffers, ...year }, ...summary } = s;
      expect({ ...row, year: { ...row.year } }).toEqual({ ...summary, helpRequests: help.reduce((p, h) => p + h.total, 0), year });
    }
    const township = rows[0]!.row;
    const e = expected((t) => t.branch === 'township' || t.branch === 'a');
    expect([township.members, township.reportedOnTimeThisMonth, township.foundAgainThisYear, township.year.recognised, township.year.trained])
      .toEqual([e.members, e.reportedOnTimeThisMonth, e.foundAgainThisYear, e.recognised, e.trained]);
    expect(e.members).toBeGreaterThan(expected((t) => t.branch === 'township').members);
    expect(expected((t) => t.branch === 'township').members).toBeGreaterThan(0);
  });

  it('exports a sheet fit to file upward: the total row and one row per branch', async () => {
    const buf = await exportStatistics(database.db, countyId, now);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按外出地点', '按职业', '求助', '培训和岗位']);
    const sheet = wb.getWorksheet('汇总')!;
    expect(String(sheet.getCell('A1').value)).toContain('流动党员情况统计表');
    expect(sheet.getRow(2).values).toContain('流动党员占比');
    const e = expected((t) => t.branch !== 'outside');
    expect(sheet.getRow(3).getCell(2).value).toBe(e.members);
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => sheet.getRow(3).getCell(header.indexOf(name) + 1).value;
    expect([cell('本年先进'), cell('下岗失业党员'), cell('本年参加培训'), cell('本年再就业')]).toEqual([e.recognised, e.laidOff, e.trained, e.reemployed]);
    const offers = wb.getWorksheet('培训和岗位')!;
    expect((offers.getRow(3).values as unknown[]).slice(1)).toEqual(['培训', '电工培训班', '广东省 深圳市', '2026-12-01']);
    const branches = [4, 5, 6].map((r) => sheet.getRow(r).getCell(1).value);
    expect(branches).toEqual(['统计镇', '甲村党支部', '乙村党支部']);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
  });
});
