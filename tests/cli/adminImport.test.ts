import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, studyItems } from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { openTestDatabase } from '../support/db.js';
import { admin, clock, seeded, withData } from './adminSupport.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-admin-import-'));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
  rmSync(dir, { recursive: true, force: true });
});

async function xlsx(name: string, rows: (string | Date)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

function csv(name: string, text: string, encoding = 'utf8'): string {
  const path = join(dir, name);
  writeFileSync(path, encoding === 'utf8' ? Buffer.from(text) : iconv.encode(text, encoding));
  return path;
}

const orgs = (dataDir: string) => withData(dataDir, (d) => d.db.select().from(organisations).orderBy(asc(organisations.id)));

describe('admin org import (PGlite)', () => {
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir, DEFAULT_TIMEZONE: 'Asia/Shanghai' };

  it('previews a tree given in any order, creates it with --apply, and never creates a name twice', async () => {
    await seeded(dataDir);
    const file = await xlsx('tree.xlsx', [
      ['示范县组织机构表'],
      ['名称', '类型', '上级'],
      ['东风村党支部', '党支部', '新河镇党委'],
      ['新河镇党委', '乡镇', '示范县委组织部'],
      ['城关镇党委', '乡镇', '示范县委组织部'],
      ['幸福村党支部', 'branch', '新河镇党委'],
      ['新河镇第二党支部', '支部', '新河镇党委'],
    ]);
    const before = (await orgs(dataDir)).length;
    const preview = await admin(env, 'org', 'import', file);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('第 3 行：新建 东风村党支部（党支部），隶属 新河镇党委\n  Row 3: create 东风村党支部 (branch) under 新河镇党委\n');
    expect(preview.out).toMatch(/第 5 行：城关镇党委 已有（编号 \d+），不再新建。/);
    expect(preview.out).toContain('第 6 行：幸福村党支部 已有');
    expect(preview.out).toContain('但在“城关镇党委”之下');
    expect(preview.out).toContain('共 5 行：将新建 3 个组织，已有 2 个，有问题 0 行。');
    expect(preview.out).toContain('--apply');
    expect(await orgs(dataDir)).toHaveLength(before);

    const applied = await admin(env, 'org', 'import', file, '--apply');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('已新建 3 个组织。');
    const after = await orgs(dataDir);
    const byName = (n: string) => after.find((o) => o.name === n)!;
    expect(after).toHaveLength(before + 3);
    expect(byName('新河镇党委')).toMatchObject({ kind: 'township', parentId: byName('示范县委组织部').id, path: `${byName('示范县委组织部').path}${byName('新河镇党委').id}/` });
    expect(byName('东风村党支部')).toMatchObject({ kind: 'branch', parentId: byName('新河镇党委').id, path: `${byName('新河镇党委').path}${byName('东风村党支部').id}/` });
    // 幸福村 stayed where it was.
    expect(byName('幸福村党支部').parentId).toBe(byName('城关镇党委').id);

    const again = await admin(env, 'org', 'import', file, '--apply');
    expect(again.out).toContain('将新建 0 个组织，已有 5 个');
    expect(await orgs(dataDir)).toHaveLength(before + 3);
  }, 180_000);

  it('names each row that cannot be imported, and writes nothing while any remain, even with --apply', async () => {
    const file = csv('tree-gbk.csv', [
      '名称,类型,上级',
      '红星村党支部,党支部,不存在的镇',
      '甲党支部,党小组,新河镇党委',
      '乙党委,乡镇,丙党委',
      '丙党委,乡镇,乙党委',
      '丁党支部,支部,乙党委',
      '东风村党支部,党支部,新河镇党委',
      '东风村党支部,党支部,新河镇党委',
      ',党支部,新河镇党委',
    ].join('\r\n'), 'gbk');
    const before = (await orgs(dataDir)).length;
    for (const args of [[], ['--apply']]) {
      const r = await admin(env, 'org', 'import', file, ...args);
      expect(r.code).toBe(1);
      expect(r.out).toContain('第 2 行：上级“不存在的镇”既不在表中，也没有这个组织');
      expect(r.out).toContain('第 3 行：类型“党小组”看不懂');
      expect(r.out).toContain('第 4 行：上下级绕成了圈');
      expect(r.out).toContain('第 5 行：上下级绕成了圈');
      expect(r.out).toContain('第 6 行：上级“乙党委”（第 4 行）有问题');
      expect(r.out).toContain('第 7 行：东风村党支部 已有');
      expect(r.out).toContain('第 8 行：“东风村党支部”在第 7 行已经有了。');
      expect(r.out).toContain('第 9 行：没有名称。');
      expect(r.err).toContain('只要还有问题，就什么也不写入');
    }
    expect(await orgs(dataDir)).toHaveLength(before);
  }, 180_000);

  it('refuses a file without the columns, an old .xls and a file that is not there, saying why', async () => {
    const noParent = await admin(env, 'org', 'import', csv('names.csv', '名称,类型\n某支部,branch\n'));
    expect(noParent.code).toBe(1);
    expect(noParent.err).toContain('表头里没有这些列：上级/parent');
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect((await admin(env, 'org', 'import', xls)).err).toContain('旧版 Excel（.xls）');
    expect((await admin(env, 'org', 'import', join(dir, 'missing.xlsx'))).code).toBe(2);
    expect((await admin(env, 'org', 'import')).code).toBe(2);

    await withData(dataDir, async (d) => {
      const audits = await d.db.select().from(auditLog).where(like(auditLog.action, 'admin.org.import')).orderBy(asc(auditLog.id));
      expect(audits.map((a) => a.details)).toEqual([
        expect.objectContaining({ apply: false, create: 3, exists: 2, problems: 0 }),
        expect.objectContaining({ apply: true, create: 3, createdIds: expect.arrayContaining([expect.any(Number)]) }),
        expect.objectContaining({ apply: true, create: 0, exists: 5, createdIds: [] }),
        expect.objectContaining({ apply: false, problems: 7 }),
        expect.objectContaining({ apply: false, problems: 7 }),
        expect.objectContaining({ refused: 'missing-columns', missing: ['parent'] }),
        expect.objectContaining({ refused: 'xls' }),
      ]);
      for (const a of audits) expect(JSON.stringify(a.details)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }, 180_000);
});

describe('admin study import (PGlite)', () => {
  const dataDir = join(dir, 'study');
  const env = { DATA_DIR: dataDir, DEFAULT_TIMEZONE: 'Asia/Shanghai' };

  it('names the rows it cannot take, then previews and adds a plan, once', async () => {
    await seeded(dataDir);
    const bad = csv('bad.csv', [
      '组织,类别,标题,链接,日期',
      '没有的支部,政策法规,学习党章,,2026-12-05',
      '幸福村党支部,闲谈,某某,,2026-12-05',
      '幸福村党支部,政策法规,某某,,12月5号',
      '幸福村党支部,政策法规,某某,www.example.org,2026-12-05',
      '幸福村党支部,政策法规,,,2026-12-05',
    ].join('\n'));
    const refused = await admin(env, 'study', 'import', bad, '--apply');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('第 2 行：没有叫“没有的支部”的组织');
    expect(refused.out).toContain('第 3 行：类别“闲谈”看不懂');
    expect(refused.out).toContain('第 4 行：日期“12月5号”看不懂');
    expect(refused.out).toContain('第 5 行：链接“www.example.org”不是网址');
    expect(refused.out).toContain('第 6 行：没有标题。');

    const file = await xlsx('plan.xlsx', [
      ['2026 年冬季远程教育学习计划'],
      ['类别', '标题', '正文', '链接', '发布日期', '职业'],
      ['实用技术', '快递员安全驾驶', '', 'https://example.org/a', new Date('2026-12-05T00:00:00Z'), '快递员，外卖员'],
      ['政策法规', '学习党章', '第一章 党员', '', '2026年12月10日', ''],
      ['典型经验', '返乡创业的故事', '', '', '', ''],
    ]);
    const noOrg = await admin(env, 'study', 'import', file);
    expect(noOrg.code).toBe(1);
    expect(noOrg.out).toContain('第 3 行：没有写组织');
    const preview = await admin(env, 'study', 'import', file, '--org', '幸福村党支部');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('第 3 行：2026-12-05 《快递员安全驾驶》→ 幸福村党支部（实用技术）');
    // No date: today where the branches are (the test clock is 1 December in Shanghai).
    expect(preview.out).toContain('第 5 行：2026-12-01 《返乡创业的故事》');
    expect(await withData(dataDir, (d) => d.db.select().from(studyItems))).toHaveLength(0);

    expect((await admin(env, 'study', 'import', file, '--org', '幸福村党支部', '--apply')).out).toContain('已添加 3 条学习内容。');
    const again = await admin(env, 'study', 'import', file, '--org', '幸福村党支部', '--apply');
    expect(again.out).toContain('将添加 0 条学习内容，已有 3 条');
    await withData(dataDir, async (d) => {
      const [branch] = await d.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部'));
      const items = await d.db.select().from(studyItems).orderBy(asc(studyItems.id));
      expect(items.map((i) => [i.title, i.category, i.publishOn, i.orgId])).toEqual([
        ['快递员安全驾驶', 'practical_skills', '2026-12-05', branch!.id],
        ['学习党章', 'policy_law', '2026-12-10', branch!.id],
        ['返乡创业的故事', 'model_experience', '2026-12-01', branch!.id],
      ]);
      expect(items[0]).toMatchObject({ link: 'https://example.org/a', targetOccupations: ['快递员', '外卖员'], body: null });
      expect(items[1]!.body).toBe('第一章 党员');
      const audits = await d.db.select().from(auditLog).where(like(auditLog.action, 'admin.study.import')).orderBy(asc(auditLog.id));
      expect(audits.map((a) => (a.details as { apply: boolean }).apply)).toEqual([false, false, false, true, true]);
      expect(audits[3]!.details).toMatchObject({ orgId: branch!.id, create: 3, studyItemIds: items.map((i) => i.id) });
      for (const a of audits) expect(JSON.stringify(a.details)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }, 180_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('admin org import, study import and settings on PostgreSQL', () => {
  it('imports a tree and a plan and sets an organisation’s prompt hours, end to end', async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    await database.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
    const env = { DATABASE_URL: (database as { url?: string }).url!, DATA_DIR: join(dir, 'pg-unused'), DEFAULT_TIMEZONE: 'Asia/Shanghai' };
    const tree = csv('pg-tree.csv', '名称,类型,上级\n新河村党支部,党支部,新河镇党委\n新河镇党委,乡镇,示范县委组织部\n');
    expect((await admin(env, 'org', 'import', tree, '--apply')).out).toContain('已新建 2 个组织。');
    const plan = csv('pg-plan.csv', '类别,标题,日期\n政策法规,学习党章,2026-12-05\n');
    expect((await admin(env, 'study', 'import', plan, '--org', '新河村党支部', '--apply')).out).toContain('已添加 1 条学习内容。');
    expect((await admin(env, 'settings', 'set', '新河镇党委', 'promptStartHour=8', 'weeklyCap=2')).code).toBe(0);
    const shown = (await admin(env, 'settings', 'show', '新河村党支部')).out;
    expect(shown).toMatch(/ {2}promptStartHour = 8 \(上级 from 新河镇党委/);
    expect(shown).toContain('  promptEndHour = 21 (默认 default: OFF_PEAK_END_HOUR)\n');
    const village = (await database.db.select().from(organisations).where(eq(organisations.name, '新河村党支部')))[0]!;
    expect((await database.db.select().from(studyItems))[0]).toMatchObject({ orgId: village.id, title: '学习党章', publishOn: '2026-12-05' });
    expect((await database.db.select().from(auditLog).orderBy(asc(auditLog.id))).map((a) => a.action))
      .toEqual(['admin.org.import', 'admin.study.import', 'admin.settings.set', 'admin.settings.show']);
  }, 120_000);
});
