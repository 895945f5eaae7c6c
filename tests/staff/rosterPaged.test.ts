import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { auditLog, duesAmounts, memberProfiles, members, organisations, persons } from '../../src/db/schema/index.js';
import { exportFromCommandLine } from '../../src/roster/cliExport.js';
import { EXPORT_FIELDS, EXPORT_HEADER } from '../../src/roster/columns.js';
import { exportRoster, memberPages, rosterRows, rosterRowsPaged, writeRoster } from '../../src/roster/export.js';
import { readTable } from '../../src/roster/sheet.js';
import { tableFile } from '../../src/roster/tableFile.js';
import { openTestDatabase } from '../support/db.js';
import { branchScope, fixture, importFile } from '../fixtures/importHelpers.js';

const now = new Date('2026-11-10T06:00:00Z');
const BRANCH = '幸福村党支部';
const LONG_EMPLOYER = '某某市某某区某某街道某某建筑工程有限公司';
const dir = mkdtempSync(join(tmpdir(), 'roster-paged-'));
let database: Database;
let county: { id: number; path: string };
let branchId: number;
/** Full 身份证号 for one branch's members only, so masking is checked row by row across pages. */
const showFor = (homeOrgId: number) => homeOrgId === branchId;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  const [branch] = await db.select().from(organisations).where(eq(organisations.name, BRANCH));
  branchId = branch!.id;
  const [top] = await db.select().from(organisations).where(eq(organisations.kind, 'county'));
  county = { id: top!.id, path: top!.path };
  const scope = await branchScope(db, BRANCH, now);
  for (const f of ['01-title-and-footer.xlsx', '02-synonyms.xlsx', '03-dates.xlsx', '04-categories.xlsx', '05-phones.xlsx', '06-id-numbers.xlsx']) {
    await importFile(db, fixture(f), f, scope);
  }
  // A dozen more branches, so that paths of two and three digits sort as text ('/1/12/' before '/1/9/'), and members
  // added to them and to 幸福村 in turn, so that person ids interleave across branches.
  const [township] = await db.select().from(organisations).where(eq(organisations.id, branch!.parentId!));
  const extra: number[] = [];
  for (let i = 0; i < 12; i++) {
    const [o] = await db.insert(organisations).values({ name: `分页${i}村党支部`, kind: 'branch', parentId: township!.id, path: 'x' }).returning();
    await db.update(organisations).set({ path: `${township!.path}${o!.id}/` }).where(eq(organisations.id, o!.id));
    extra.push(o!.id);
  }
  for (let i = 0; i < 40; i++) {
    const home = i % 2 === 0 ? branchId : extra[i % extra.length]!;
    const withId = i % 4 <= 1 && i % 3 !== 0;
    const [p] = await db.insert(persons).values({
      name: `分页党员${i}`, phone: i % 3 ? `1370000${String(i).padStart(4, '0')}` : null, idNumber: withId ? idNumber(`33010219900101${String(i).padStart(3, '0')}`) : null, birthDate: withId ? '1990-01-01' : null,
    }).returning();
    await db.insert(members).values({ personId: p!.id, homeOrgId: home, status: i % 5 ? 'mobile' : 'resident', occupation: i % 2 ? '快递员' : null });
    if (i % 3 === 0) await db.insert(memberProfiles).values({ memberId: p!.id, gender: '女', updatedAt: now });
    if (i % 4 === 1) await db.insert(duesAmounts).values({ memberId: p!.id, monthlyFen: 150, fromMonth: '2026-01', setAt: now });
  }
  // The widest 工作单位 on the last row: columns are sized from the rows ahead of the first page's end too.
  const last = await collect(memberPages(db, county.path));
  await db.update(members).set({ employer: LONG_EMPLOYER }).where(eq(members.personId, last.flat().at(-1)!.id));
});
afterAll(() => database.close());

/** 17 digits and the check character GB 11643 computes for them. */
function idNumber(first17: string): string {
  const sum = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11]!;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** Every cell of the first sheet as ExcelJS reads it back, with each column's width and number format. */
async function sheetOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  // Array.from: a cell not written is a hole in row.values, which flat() and some() would pass over.
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1))));
  const columns = EXPORT_HEADER.map((_, i) => ({ width: ws.getColumn(i + 1).width, numFmt: ws.getColumn(i + 1).numFmt }));
  return { rows, columns, bold: ws.getRow(1).font?.bold, fit: ws.pageSetup.fitToWidth };
}

describe('the 花名册 read in pages', () => {
  it('gives the rows of one whole read, in its order, whatever the page size, across pages within one branch', async () => {
    const whole = await rosterRows(database.db, county.path, { showIdNumber: showFor });
    const inBranch = (await database.db.select().from(members).where(eq(members.homeOrgId, branchId))).length;
    expect(inBranch).toBeGreaterThan(40);
    expect(whole.length).toBeGreaterThan(inBranch);
    expect(whole.flat().some((v) => /^\d{3}\*{11}[\dX]{4}$/.test(v))).toBe(true);
    for (const pageSize of [1, 3, 7, whole.length, whole.length + 1]) {
      expect(await collect(rosterRowsPaged(database.db, county.path, { showIdNumber: showFor, pageSize }))).toEqual(whole);
    }
    const [branch] = await database.db.select().from(organisations).where(eq(organisations.id, branchId));
    const one = await rosterRows(database.db, branch!.path);
    expect(one.length).toBe(inBranch);
    expect(await collect(rosterRowsPaged(database.db, branch!.path, { pageSize: 4 }))).toEqual(one);
  });

  it('writes the same file, cell for cell, column widths and formats, as the rows read whole', async () => {
    const rows = await rosterRows(database.db, county.path, { showIdNumber: showFor });
    const textColumns = (['idNumber', 'phone', 'contactPhone'] as const).map((f) => EXPORT_FIELDS.indexOf(f));
    const before = await sheetOf(await tableFile({ sheet: '花名册', header: [...EXPORT_HEADER], rows, textColumns }));
    const paged = await sheetOf(await exportRoster(database.db, county.id, { showIdNumber: showFor, pageSize: 3 }));
    expect(paged).toEqual(before);
    expect(paged.rows).toHaveLength(rows.length + 1);
    // With the table of strings, an empty cell is an empty text, as the files written before were.
    expect(paged.rows.flat().some((v) => v === '')).toBe(true);
    expect(paged.columns[EXPORT_FIELDS.indexOf('employer')]!.width).toBe(40);
  });

  it('writes strings in place for the command line: the same cells read back, empty ones as empty', async () => {
    const buffered = await readTable(await exportRoster(database.db, county.id, { showIdNumber: showFor }), 'xlsx');
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await writeRoster(database.db, county.id, stream, { showIdNumber: showFor, pageSize: 5, inlineStrings: true });
    const inline = Buffer.concat(chunks);
    const width = EXPORT_HEADER.length;
    const padded = (t: Awaited<ReturnType<typeof readTable>>) => t.sheets[0]!.rows.map((r) => [r.row, ...Array.from({ length: width }, (_, i) => r.cells[i] ?? '')]);
    expect(padded(await readTable(inline, 'xlsx'))).toEqual(padded(buffered));
    expect(inline.includes(Buffer.from('sharedStrings'))).toBe(false);
    const cells = (await sheetOf(inline)).rows.slice(1);
    expect(cells.flat().some((v) => v === '')).toBe(false);
    expect(cells.flat().some((v) => v === null || v === undefined)).toBe(true);
    // Left out, not written empty: ExcelJS reads an empty text in place as a merged cell's stand-in.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(inline as unknown as ArrayBuffer);
    const types = new Set<ExcelJS.ValueType>();
    wb.worksheets[0]!.eachRow((row) => row.eachCell({ includeEmpty: true }, (c) => types.add(c.type)));
    expect(types.has(ExcelJS.ValueType.Merge)).toBe(false);
  });
});

describe('npm run roster -- export', () => {
  const said: string[] = [];
  const out = { say: (s: string) => said.push(s), complain: (s: string) => said.push(s) };

  it('writes the file itself, which imports back unchanged', async () => {
    const file = join(dir, '花名册.xlsx');
    expect(await exportFromCommandLine(database.db, 'export', { org: String(branchId), file, now, inviteTtlDays: 14, out })).toBe(0);
    expect(existsSync(`${file}.part`)).toBe(false);
    // Strings in place: no table of every text held until the file's end (the zip names its parts in the clear).
    expect(readFileSync(file).includes(Buffer.from('sharedStrings'))).toBe(false);
    expect(said.join('\n')).toContain(file);
    const r = await importFile(database.db, readFileSync(file), 'export.xlsx', await branchScope(database.db, BRANCH, now));
    expect(r.summary).toMatchObject({ created: 0, updated: 0, errors: 0, conflicts: 0 });
    expect(r.summary.unchanged).toBeGreaterThan(40);
    // In full on the command line, and the same rows as the bot's file.
    const chat = await readTable(await exportRoster(database.db, branchId, { showIdNumber: () => true }), 'xlsx');
    const names = (t: Awaited<ReturnType<typeof readTable>>) => t.sheets[0]!.rows.map((row) => row.cells.slice(0, 6).join('|'));
    expect(names(await readTable(readFileSync(file), 'xlsx'))).toEqual(names(chat));
    const audited = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'cli.export'), eq(auditLog.targetId, String(branchId))));
    expect(audited).toHaveLength(1);
  });

  it('writes the whole county when asked, and nothing under the name for an organisation that is not there', async () => {
    const file = join(dir, 'county.xlsx');
    expect(await exportFromCommandLine(database.db, 'export', { org: String(county.id), file, now, inviteTtlDays: 14, out })).toBe(0);
    const all = await database.db.select().from(members).innerJoin(organisations, eq(organisations.id, members.homeOrgId)).where(like(organisations.path, `${county.path}%`));
    expect((await readTable(readFileSync(file), 'xlsx')).sheets[0]!.rows).toHaveLength(all.length + 1);
    const missing = join(dir, 'none.xlsx');
    expect(await exportFromCommandLine(database.db, 'export', { org: '999999', file: missing, now, inviteTtlDays: 14, out })).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });
});
