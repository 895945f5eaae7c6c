import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { helpRequests, memberProfiles, members, organisations, persons, reports, trackingEntries } from '../../src/db/schema/index.js';
import { exportMemberCards } from '../../src/roster/cards.js';
import { exportRoster } from '../../src/roster/export.js';
import { orgStatistics } from '../../src/features/statistics/statistics.js';
import { openTestDatabase } from '../support/db.js';
import { branchScope, fixture, importFile } from '../fixtures/importHelpers.js';

const now = new Date('2026-11-10T06:00:00Z');
const BRANCH = '幸福村党支部';
let database: Database;
let branchId: number;
let zhang: number;

async function sheetValues(buf: Buffer, name?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = name ? wb.getWorksheet(name)! : wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

beforeAll(async () => {
  database = await openTestDatabase();
  const demo = await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  zhang = demo.people.find((p) => p.name === '张建国')!.personId;
  branchId = (await database.db.select().from(organisations).where(eq(organisations.name, BRANCH)))[0]!.id;
  const scope = await branchScope(database.db, BRANCH, now);
  for (const f of ['01-title-and-footer.xlsx', '02-synonyms.xlsx', '03-dates.xlsx', '04-categories.xlsx', '05-phones.xlsx', '06-id-numbers.xlsx']) {
    await importFile(database.db, fixture(f), f, scope);
  }
});
afterAll(() => database.close());

describe('export → import', () => {
  it('round trip changes nothing, with ID numbers in full or masked, and exporting again gives the same sheet', async () => {
    const scope = await branchScope(database.db, BRANCH, now);
    for (const show of [true, false]) {
      const exported = await exportRoster(database.db, branchId, { showIdNumber: () => show });
      const r = await importFile(database.db, exported, 'export.xlsx', scope);
      expect(r.summary).toMatchObject({ created: 0, updated: 0, errors: 0, conflicts: 0 });
      expect(r.summary.unchanged).toBeGreaterThan(20);
      expect(await sheetValues(await exportRoster(database.db, branchId, { showIdNumber: () => show }))).toEqual(await sheetValues(exported));
    }
    const masked = await sheetValues(await exportRoster(database.db, branchId));
    expect(masked.flat().some((v) => /^\d{3}\*{11}[\dX]{4}$/.test(v))).toBe(true);
    expect(masked.flat().some((v) => /^\d{17}[\dX]$/.test(v))).toBe(false);
  });

  it('re-importing a roster is idempotent', async () => {
    const scope = await branchScope(database.db, BRANCH, now);
    for (const f of ['01-title-and-footer.xlsx', '02-synonyms.xlsx', '05-phones.xlsx']) {
      const r = await importFile(database.db, fixture(f), f, scope);
      expect(r.summary).toMatchObject({ created: 0, updated: 0 });
    }
  });

  it('shows month-only dates as months and places by name', async () => {
    const rows = await sheetValues(await exportRoster(database.db, branchId));
    const header = rows[0]!;
    const sun = rows.find((r) => r[0] === '孙海波')!;
    expect(sun[header.indexOf('外出时间')]).toBe('2024-03');
    expect(sun[header.indexOf('外出地点')]).toBe('广东省 东莞市');
    const zhangRow = rows.find((r) => r[0] === '张建国')!;
    expect(zhangRow[header.indexOf('外出地点')]).toBe('广东省 东莞市');
    expect(rows.find((r) => r[0] === '吴国栋')![header.indexOf('入党时间')]).toBe('2005-07');
  });
});

describe('the two cards and the statistics', () => {
  it('the tracking card says what happened: help asked, monthly answers, the thought report and its text, contact notes', async () => {
    const [req] = await database.db.insert(helpRequests).values({ memberId: zhang, category: 'wages', description: '老板拖欠三个月工资', createdAt: now, updatedAt: now }).returning();
    await database.db.insert(reports).values([
      { memberId: zhang, kind: 'monthly', period: '2026-11', submittedAt: now, work: 'seeking', movedSinceLast: false, hasDifficulty: true, studied: true },
      { memberId: zhang, kind: 'thought', period: '2026-Q4', submittedAt: now, body: '这个季度学习了党章，思想上有收获。' },
    ]);
    await database.db.insert(trackingEntries).values([
      { memberId: zhang, at: now, kind: 'help', details: { requestId: req!.id, category: 'wages', urgency: 'normal' } },
      { memberId: zhang, at: now, kind: 'report', details: { period: '2026-11', late: false } },
      { memberId: zhang, at: now, kind: 'thought_report', details: { period: '2026-Q4' } },
      { memberId: zhang, at: now, kind: 'call', note: '电话联系，工资的事已找劳动监察' },
      { memberId: zhang, at: now, kind: 'help', details: { requestId: req!.id, status: 'resolved' } },
    ]);
    const cards = await exportMemberCards(database.db, zhang);
    const tracking = (await sheetValues(cards, '跟踪管理卡')).map((r) => r[3] ?? '');
    expect(tracking).toContain(`求助 #${req!.id}（讨要工资）：老板拖欠三个月工资`);
    expect(tracking).toContain('2026-11 月度报到：在找工作；还在原地；有困难需要帮忙；本月学习了');
    // The card holds what the member wrote (issue 13), not only its length.
    expect(tracking).toContain(`提交了 2026-Q4 思想汇报，共 ${[...'这个季度学习了党章，思想上有收获。'].length} 字：这个季度学习了党章，思想上有收获。`);
    expect(tracking).toContain('电话联系，工资的事已找劳动监察');
    expect(tracking).toContain(`求助 #${req!.id}：已解决，等党员确认`);
    const card = await sheetValues(cards, '登记卡');
    expect(card.find((r) => r[0] === '外出地点')?.[1]).toBe('广东省 东莞市');
  });

  it('the registration card masks the ID number unless asked for by the member\'s own secretary', async () => {
    const [wu] = await database.db.select().from(persons).where(eq(persons.name, '吴国栋'));
    const masked = await sheetValues(await exportMemberCards(database.db, wu!.id), '登记卡');
    expect(masked.find((r) => r[0] === '身份证号')?.[1]).toBe('330***********0014');
    const full = await sheetValues(await exportMemberCards(database.db, wu!.id, { showIdNumber: true }), '登记卡');
    expect(full.find((r) => r[0] === '身份证号')?.[1]).toBe('330102198003150014');
  });

  it('statistics count a region code and the same place written out as one place, printed by name', async () => {
    const [p] = await database.db.insert(persons).values({ name: '统计甲' }).returning();
    await database.db.insert(members).values({ personId: p!.id, homeOrgId: branchId, status: 'mobile' });
    await database.db.insert(memberProfiles).values({ memberId: p!.id, destination: '广东省东莞市', updatedAt: now });
    const stats = await orgStatistics(database.db, branchId, now);
    const dongguan = stats.byDestination.filter((d) => d.destination.includes('东莞'));
    expect(dongguan).toHaveLength(1);
    expect(dongguan[0]!.destination).toBe('广东省 东莞市');
    expect(stats.byDestination.some((d) => /^\d{6}$/.test(d.destination))).toBe(false);
  });
});
