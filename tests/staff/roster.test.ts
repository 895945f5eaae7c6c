import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { members, organisations, persons } from '../../src/db/schema/index.js';
import { ROSTER_COLUMNS } from '../../src/roster/columns.js';
import { exportRoster } from '../../src/roster/export.js';
import { importRoster, type ImportReport } from '../../src/roster/import.js';
import { openTestDatabase } from '../support/db.js';

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

const importAll = (buf: Buffer, format: 'xlsx' | 'csv' = 'xlsx') => database.db.transaction((tx) => importRoster(tx, buf, format, { actorId: null, now, canUseOrg: async () => true }));
const memberCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(members))[0]!.n;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  branchId = (await database.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部')))[0]!.id;
});
afterAll(() => database.close());

describe('roster import (花名册)', () => {
  it('imports a good file and re-importing changes nothing', async () => {
    const before = await memberCount();
    const first = await importAll(await xlsx(H, good));
    expect(first).toMatchObject({ created: 3, updated: 0, errors: [] });
    expect(first.fatal).toBeUndefined();
    expect(await memberCount()).toBe(before + 3);
    const again = await importAll(await xlsx(H, good));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await memberCount()).toBe(before + 3);
    const [zhou] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.phone, '13800000002'));
    expect(zhou!.members).toMatchObject({ probationary: true, departedOn: '2026-03-05', status: 'mobile', homeOrgId: branchId });
  });

  it('updates a member when the row changes, matched by phone', async () => {
    const changed = good.map((r) => [...r]);
    changed[0]![7] = '建筑工人';
    const r = await importAll(await xlsx(H, changed));
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [p] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.phone, '13800000001'));
    expect(p!.members.occupation).toBe('建筑工人');
  });

  it('reports bad rows row by row and writes nothing of them', async () => {
    const before = await memberCount();
    const rows = [
      ['郑一', '男', '12345', '幸福村党支部', '2026-13-01', '', '', '', '', '也许'],
      ['', '女', '13800000011', '幸福村党支部', '', '', '', '', '', '否'],
      ['钱二', '男', '13800000012', '不存在党支部', '', '', '', '', '', '否'],
      ['冯四', '不详', '13800000013', '幸福村党支部', '', '', '', '', '', '否'],
      ['褚五', '男', '13800000014', '幸福村党支部', '', '', '', '', '', '否'],
    ];
    const r = await importAll(await xlsx(H, rows));
    const simple = r.errors.map((e) => [e.row, e.column, e.problem]);
    expect(simple).toEqual([
      [2, '手机号码', 'bad-phone'], [2, '外出时间', 'bad-date'], [2, '是否预备党员', 'bad-yes-no'],
      [3, '姓名', 'required'],
      [4, '所在支部', 'unknown-branch'],
      [5, '性别', 'bad-gender'],
    ]);
    expect(r.created).toBe(1);
    expect(await memberCount()).toBe(before + 1);
    const names = (await database.db.select({ name: persons.name }).from(persons)).map((p) => p.name);
    for (const n of ['郑一', '钱二', '冯四']) expect(names).not.toContain(n);
  });

  it('reports a duplicate row and writes it once', async () => {
    const row = ['卫六', '男', '13800000021', '幸福村党支部', '', '', '', '', '', '否'];
    const r = await importAll(await xlsx(H, [row, [...row]]));
    expect(r.created).toBe(1);
    expect(r.errors).toEqual([{ row: 3, column: '手机号码', problem: 'duplicate-row', sameAs: 2 }]);
  });

  it('refuses files with wrong headers and empty sheets', async () => {
    const wrong = await importAll(await xlsx(['名字', '电话', '支部'], [['甲', '13800000031', '幸福村党支部']]));
    expect(wrong.fatal).toBe('missing-columns');
    expect(wrong.missingColumns).toEqual(['姓名', '所在支部']);
    const headerOnly = await importAll(await xlsx(H, []));
    expect(headerOnly.fatal).toBe('empty');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空');
    expect((await importAll(Buffer.from(await wb.xlsx.writeBuffer()))).fatal).toBe('empty');
    expect((await importAll(Buffer.from('not a spreadsheet'))).fatal).toBe('unreadable');
    expect((await importAll(Buffer.from(''), 'csv')).fatal).toBe('empty');
  });

  it('refuses branches outside the importer\'s scope', async () => {
    const r = await database.db.transaction((tx) =>
      importRoster(tx, Buffer.from('姓名,所在支部\n蒋七,幸福村党支部\n'), 'csv', { actorId: null, now, canUseOrg: async () => false }));
    expect(r.errors).toEqual([{ row: 2, column: '所在支部', problem: 'branch-out-of-scope' }]);
    expect(r.created).toBe(0);
  });

  it('reads CSV with a BOM, quotes and CRLF', async () => {
    const csv = '\uFEFF姓名,所在支部,工作单位,职业\r\n沈八,幸福村党支部,"某某公司,东莞分公司","快递员"\r\n';
    const r = await importAll(Buffer.from(csv), 'csv');
    expect(r).toMatchObject({ created: 1, errors: [] });
    const [p] = await database.db.select().from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(persons.name, '沈八'));
    expect(p!.members.employer).toBe('某某公司,东莞分公司');
  });

  it('round trip: export → import changes nothing, and export again is equal', async () => {
    const exported = await database.db.transaction((tx) => exportRoster(tx, branchId));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...ROSTER_COLUMNS]);
    const before = await memberCount();
    const r: ImportReport = await importAll(exported);
    expect(r.errors).toEqual([]);
    expect(r.created + r.updated).toBe(0);
    expect(await memberCount()).toBe(before);
    const again = await database.db.transaction((tx) => exportRoster(tx, branchId));
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(again as unknown as ArrayBuffer);
    const rowsOf = (w: ExcelJS.Workbook) => w.worksheets[0]!.getSheetValues().map((v) => JSON.stringify(v));
    expect(rowsOf(wb2)).toEqual(rowsOf(wb));
  });
});
