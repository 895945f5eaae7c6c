import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { auditLog, persons } from '../../src/db/schema/index.js';
import { importFromCommandLine } from '../../src/roster/cliImport.js';
import { openTestDatabase } from '../support/db.js';
import { fixture } from '../fixtures/importHelpers.js';

const now = new Date('2026-11-10T06:00:00Z');
let database: Database;
const dir = mkdtempSync(join(tmpdir(), 'roster-cli-'));

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
});
afterAll(() => database.close());

function run(file: string, opts: { branch?: string; apply?: boolean; report?: string }) {
  const said: string[] = [];
  const complained: string[] = [];
  const out = { say: (s: string) => said.push(s), complain: (s: string) => complained.push(s) };
  return importFromCommandLine(database.db, fixture(file), file, { apply: false, ...opts, now, out }).then((code) => ({ code, said: said.join('\n'), complained: complained.join('\n') }));
}

describe('npm run roster -- import', () => {
  it('previews only, until --apply', async () => {
    const preview = await run('01-title-and-footer.xlsx', { branch: '幸福村党支部' });
    expect(preview.code).toBe(0);
    expect(preview.said).toContain('将新增 3 人');
    expect(preview.said).toContain('加 --apply');
    expect(await database.db.select().from(persons).where(eq(persons.name, '孙海波'))).toEqual([]);
    const applied = await run('01-title-and-footer.xlsx', { branch: '幸福村党支部', apply: true });
    expect(applied.said).toContain('花名册已导入（幸福村党支部）：新增 3 人');
    expect(await database.db.select().from(persons).where(eq(persons.name, '孙海波'))).toHaveLength(1);
    const actions = (await database.db.select().from(auditLog).where(like(auditLog.action, 'roster.import.%'))).map((a) => a.action);
    expect(actions).toEqual(['roster.import.preview', 'roster.import.preview', 'roster.import.apply']);
  });

  it('writes the marked copy with --report and exits 1 when rows were left out', async () => {
    const report = join(dir, 'notes.xlsx');
    const r = await run('03-dates.xlsx', { branch: '幸福村党支部', apply: true, report });
    expect(r.code).toBe(1);
    expect(r.said).toContain('第 6 行「入党时间」');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(report) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(7).value).toBe('错误说明');
    expect(String(ws.getRow(6).getCell(7).value)).toContain('1 月还是 10 月');
    expect((ws.getRow(6).getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getRow(2).getCell(7).value).toBeNull();
  });

  it('needs --branch for a roster without 所在支部, and refuses a file it cannot read (exit 2)', async () => {
    const noBranch = await run('01-title-and-footer.xlsx', {});
    expect(noBranch.code).toBe(2);
    expect(noBranch.complained).toContain('--branch');
    const xls = await run('12-old-excel.xls', { branch: '幸福村党支部' });
    expect(xls.code).toBe(2);
    expect(xls.complained).toContain('另存为');
    expect((await run('01-title-and-footer.xlsx', { branch: '没有这个支部' })).code).toBe(2);
  });
});
