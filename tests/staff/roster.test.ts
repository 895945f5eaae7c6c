import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { memberProfiles, members, organisations, persons } from '../../src/db/schema/index.js';
import { EXPORT_HEADER } from '../../src/roster/columns.js';
import { exportRoster } from '../../src/roster/export.js';
import { readRoster } from '../../src/roster/importer.js';
import { RosterFileRefused } from '../../src/roster/limits.js';
import { openTestDatabase } from '../support/db.js';
import { branchScope, importFile, kinds, previewFile, problems } from '../fixtures/importHelpers.js';

const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
let branchId: number;

async function xlsx(header: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const H = ['姓名', '性别', '手机号码', '所在支部', '外出时间', '外出地点', '工作单位', '职业', '联系方式', '是否预备党员'];
const good = [
  ['孙大山', '男', '13800000001', '幸福村党支部', '2026-02-20', '广东省 深圳市 宝安区', '某电子厂', '电子厂工人', '家属 13900000000', '否'],
  ['周小梅', '女', '13800000002', '幸福村党支部', new Date(Date.UTC(2026, 2, 5)), '浙江省 杭州市', '', '餐饮服务', '', '是'],
  ['吴老三', '男', '', '幸福村党支部', '', '', '', '务农', '', '否'],
];

const all = async () => branchScope(database.db, null, now);
const importAll = async (buf: Buffer, name = 'x.xlsx') => importFile(database.db, buf, name, await all());
const memberCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(members))[0]!.n;
const refusal = (p: Promise<unknown>) => p.then(() => 'none', (e: unknown) => (e instanceof RosterFileRefused ? e.reason : String(e)));

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  branchId = (await database.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部')))[0]!.id;
});
afterAll(() => database.close());

describe('roster import (花名册)', () => {
  it('previews without writing, imports, and re-importing changes nothing', async () => {
    const before = await memberCount();
    const preview = await previewFile(database.db, await xlsx(H, good), 'x.xlsx', await all());
    expect(preview.summary).toMatchObject({ created: 3, updated: 0, errors: 0, conflicts: 0 });
    expect(await memberCount()).toBe(before);
    const first = await importAll(await xlsx(H, good));
    expect(first.summary).toMatchObject({ created: 3, updated: 0, errors: 0 });
    expect(await memberCount()).toBe(before + 3);
    const again = await importAll(await xlsx(H, good));
    expect(again.summary).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: 0 });
    expect(await memberCount()).toBe(before + 3);
    const [zhou] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.phone, '13800000002'));
    // No category on the sheet: none is guessed from the destination.
    expect(zhou!.members).toMatchObject({ probationary: true, departedOn: '2026-03-05', status: 'resident', homeOrgId: branchId, destinationRegionCode: '330100' });
  });

  it('updates a member matched by name and phone, and says what changes, old → new', async () => {
    const changed = good.map((r) => [...r]);
    changed[0]![7] = '建筑工人';
    const r = await importAll(await xlsx(H, changed));
    expect(r.summary).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const update = r.outcomes.find((o) => o.kind === 'update');
    expect(update).toMatchObject({ row: 2, name: '孙大山', changes: [{ field: 'occupation', from: '电子厂工人', to: '建筑工人' }] });
    const [p] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.phone, '13800000001'));
    expect(p!.members.occupation).toBe('建筑工人');
  });

  it('never erases: an empty cell or a missing column leaves what is on record', async () => {
    const r = await importAll(await xlsx(['姓名', '手机号码', '所在支部', '职业'], [['孙大山', '13800000001', '幸福村党支部', '']]));
    expect(r.summary).toMatchObject({ unchanged: 1 });
    const [p] = await database.db.select().from(persons).innerJoin(members, eq(members.personId, persons.id))
      .leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id)).where(eq(persons.phone, '13800000001'));
    expect(p!.members).toMatchObject({ occupation: '建筑工人', employer: '某电子厂' });
    expect(p!.member_profiles).toMatchObject({ gender: '男', contact: '家属 13900000000' });
  });

});

describe('roster import: what is refused', () => {
  it('reports bad rows cell by cell and writes nothing of them', async () => {
    const before = await memberCount();
    const rows = [
      ['郑一', '男', '12345', '幸福村党支部', '2026-13-01', '', '', '', '', '也许'],
      ['', '女', '13800000011', '幸福村党支部', '', '', '', '', '', '否'],
      ['钱二', '男', '13800000012', '不存在党支部', '', '', '', '', '', '否'],
      ['冯四', '不详', '13800000013', '幸福村党支部', '', '', '', '', '', '否'],
      ['褚五', '男', '13800000014', '幸福村党支部', '', '', '', '', '', '否'],
    ];
    const r = await importAll(await xlsx(H, rows));
    expect(problems(r)).toEqual([
      [2, 'phone', 'bad-phone'], [2, 'departedOn', 'bad-date'], [2, 'status', 'bad-status'],
      [3, 'name', 'required'],
      [4, 'branch', 'unknown-branch'],
      [5, 'gender', 'bad-gender'],
    ]);
    expect(r.summary).toMatchObject({ created: 1, errors: 4 });
    expect(await memberCount()).toBe(before + 1);
    const names = (await database.db.select({ name: persons.name }).from(persons)).map((p) => p.name);
    for (const n of ['郑一', '钱二', '冯四']) expect(names).not.toContain(n);
  });

  it('refuses files that are no roster, each with its reason', async () => {
    expect(await refusal(readRoster(await xlsx(['名字', '地址'], [['甲', '某村']]), 'x.xlsx'))).toBe('no-header');
    expect(await refusal(readRoster(await xlsx(H, []), 'x.xlsx'))).toBe('empty');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空');
    expect(await refusal(readRoster(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx'))).toBe('empty');
    expect(await refusal(readRoster(Buffer.from('PK\x03\x04 not really a zip'), 'x.xlsx'))).toBe('unreadable');
    expect(await refusal(readRoster(Buffer.from(''), 'x.csv'))).toBe('empty');
  });

  it('refuses branches outside the importer\'s scope', async () => {
    const scope = await branchScope(database.db, null, now, { canUseOrg: async () => false });
    const r = await importFile(database.db, Buffer.from('姓名,所在支部\n蒋七,幸福村党支部\n'), 'x.csv', scope);
    expect(problems(r)).toEqual([[2, 'branch', 'branch-out-of-scope']]);
    expect(r.summary.created).toBe(0);
  });

  it('reads CSV with a BOM, quotes and CRLF', async () => {
    const csv = '\uFEFF姓名,所在支部,工作单位,职业\r\n沈八,幸福村党支部,"某某公司,东莞分公司","快递员"\r\n';
    const r = await importAll(Buffer.from(csv), 'x.csv');
    expect(kinds(r)).toEqual([[2, 'new']]);
    const [p] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.name, '沈八'));
    expect(p!.members.employer).toBe('某某公司,东莞分公司');
  });

  it('exports in the import layout, places by name', async () => {
    const exported = await exportRoster(database.db, branchId, { showIdNumber: () => true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([...EXPORT_HEADER]);
    const place = EXPORT_HEADER.indexOf('外出地点') + 1;
    const places = sheet.getColumn(place).values.slice(2).map(String);
    expect(places).toContain('广东省 东莞市');
    expect(places.some((p) => /^\d{6}$/.test(p))).toBe(false);
    // Kept as text, so Excel shows an 18-digit 身份证号 and a phone as written; the header bold, fit to the page's width.
    for (const name of ['身份证号', '手机号码']) sheet.getColumn(EXPORT_HEADER.indexOf(name) + 1).eachCell((cell, row) => { if (row > 1) expect(cell.numFmt).toBe('@'); });
    const phones = sheet.getColumn(EXPORT_HEADER.indexOf('手机号码') + 1).values.slice(2);
    expect(phones.some((v) => typeof v === 'string' && /^1\d{10}$/.test(v))).toBe(true);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
  });
});
