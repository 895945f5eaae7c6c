import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, studyItems } from '../../src/db/schema/index.js';
import { admin, clock, seeded, withData } from './adminSupport.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-admin-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin study add|list (PGlite)', () => {
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir, DEFAULT_TIMEZONE: 'Asia/Shanghai' };

  it('adds items to an organisation’s plan, lists them, refuses what is wrong, and audits ids only', async () => {
    await seeded(dataDir);
    const branch = await withData(dataDir, async (d) => (await d.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部')))[0]!.id);
    const added = await admin(env, 'study', 'add', '幸福村党支部', 'practical_skills', '快递员安全驾驶', '--publish', '2026-12-05', '--link', 'https://example.org/a', '--occupations', '快递员，外卖员');
    expect(added.code).toBe(0);
    // No date given: today where the branches are (19:00 UTC on the 30th is already 1 December in Shanghai).
    expect((await admin(env, 'study', 'add', String(branch), 'policy_law', '学习党章')).out).toContain('2026-12-01');
    expect((await admin(env, 'study', 'add', '幸福村党支部', 'gossip', '某某')).code).toBe(2);
    expect((await admin(env, 'study', 'add', '幸福村党支部', 'policy_law', '某某', '--publish', '12/05')).code).toBe(2);
    expect((await admin(env, 'study', 'add', '没有的支部', 'policy_law', '某某')).code).toBe(1);

    const list = await admin(env, 'study', 'list', '幸福村党支部');
    expect(list.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^#\d+\t2026-12-01\tpolicy_law\t学习党章\t幸福村党支部 \(id \d+\)\t已学习 read: 0$/),
      expect.stringMatching(/^#\d+\t2026-12-05\tpractical_skills\t快递员安全驾驶\t/),
    ]);

    await withData(dataDir, async (d) => {
      const items = await d.db.select().from(studyItems).orderBy(asc(studyItems.id));
      expect(items[0]).toMatchObject({ orgId: branch, category: 'practical_skills', link: 'https://example.org/a', targetOccupations: ['快递员', '外卖员'], publishOn: '2026-12-05', createdAt: clock.now() });
      expect(items).toHaveLength(2);
      const audits = await d.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(audits.map((a) => a.action)).toEqual(['admin.study.add', 'admin.study.add', 'admin.study.add', 'admin.study.list']);
      expect(audits[0]!.details).toEqual({ via: 'admin-cli', studyItemId: items[0]!.id, orgId: branch, category: 'practical_skills', publishOn: '2026-12-05' });
      for (const a of audits) expect(JSON.stringify(a.details)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }, 180_000);
});
