import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organisations } from '../../src/db/schema/index.js';
import { admin, clock, seeded, withData } from './adminSupport.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-admin-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tree = (dataDir: string) => withData(dataDir, async (d) => new Map((await d.db.select().from(organisations)).map((o) => [o.name, o])));

describe('admin org add|rename|move|list (PGlite)', () => {
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir };

  it('adds under a parent, renames, moves a subtree with its paths, refuses a cycle, and audits ids only', async () => {
    await seeded(dataDir);
    expect((await admin(env, 'org', 'add', '新河镇党委', 'township', '示范县委组织部')).code).toBe(0);
    expect((await admin(env, 'org', 'add', '某某社区党支部', 'branch', '新河镇党委')).code).toBe(0);
    let orgs = await tree(dataDir);
    const county = orgs.get('示范县委组织部')!;
    const xinhe = orgs.get('新河镇党委')!;
    expect(xinhe).toMatchObject({ parentId: county.id, kind: 'township', path: `${county.path}${xinhe.id}/` });
    expect(orgs.get('某某社区党支部')!.path).toBe(`${xinhe.path}${orgs.get('某某社区党支部')!.id}/`);

    expect((await admin(env, 'org', 'rename', String(xinhe.id), '新河镇党委员会')).code).toBe(0);
    // 城关镇党委 with its branch goes under 新河: both paths follow.
    const moved = await admin(env, 'org', 'move', '城关镇党委', String(xinhe.id));
    expect(moved.out).toContain('2 个组织 organisations');
    const cycle = await admin(env, 'org', 'move', String(xinhe.id), '幸福村党支部');
    expect(cycle.code).toBe(1);
    expect((await admin(env, 'org', 'add', 'x', 'planet')).code).toBe(2);
    expect((await admin(env, 'org', 'rename', '没有这个组织', 'y')).code).toBe(1);

    orgs = await tree(dataDir);
    const chengguan = orgs.get('城关镇党委')!;
    expect(orgs.has('新河镇党委员会')).toBe(true);
    expect(chengguan).toMatchObject({ parentId: xinhe.id, path: `${xinhe.path}${chengguan.id}/` });
    expect(orgs.get('幸福村党支部')!.path).toBe(`${chengguan.path}${orgs.get('幸福村党支部')!.id}/`);
    expect(orgs.get('新河镇党委员会')!.path).toBe(xinhe.path);

    const list = await admin(env, 'org', 'list');
    expect(list.out).toMatch(new RegExp(`^      幸福村党支部 \\(id ${orgs.get('幸福村党支部')!.id}, branch\\)$`, 'm'));

    await withData(dataDir, async (d) => {
      const audits = await d.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(audits.map((a) => a.action)).toEqual(['admin.org.add', 'admin.org.add', 'admin.org.rename', 'admin.org.move', 'admin.org.move', 'admin.org.rename', 'admin.org.list']);
      expect(audits[3]!.details).toMatchObject({ orgId: chengguan.id, parentId: xinhe.id, moved: 2 });
      for (const a of audits) expect(JSON.stringify(a.details)).not.toMatch(/[\u4e00-\u9fff]/);
    });
  }, 180_000);

  it('archives an empty organisation, keeping its row, and refuses one that still holds members or open organisations', async () => {
    const refused = await admin(env, 'org', 'archive', '幸福村党支部');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('4 members');
    expect((await admin(env, 'org', 'archive', '新河镇党委员会')).err).toContain('3 open organisations');
    expect((await admin(env, 'org', 'archive', '某某社区党支部')).code).toBe(0);
    const orgs = await tree(dataDir);
    expect(orgs.get('某某社区党支部')!.archivedAt).toEqual(clock.now());
    expect(orgs.get('幸福村党支部')!.archivedAt).toBeNull();
    expect((await admin(env, 'org', 'list')).out).toContain('某某社区党支部 (id ' + orgs.get('某某社区党支部')!.id + ', branch) 已归档 archived');
    await withData(dataDir, async (d) => {
      const audits = (await d.db.select().from(auditLog).orderBy(asc(auditLog.id))).slice(-4);
      expect(audits.map((a) => [a.action, (a.details as { refused?: string }).refused])).toEqual([
        ['admin.org.archive', 'not empty'], ['admin.org.archive', 'not empty'], ['admin.org.archive', undefined], ['admin.org.list', undefined],
      ]);
    });
  }, 180_000);
  it('finds an archived organisation by no name or number, except to list or revoke: its name goes to the one that took its place', async () => {
    const closed = (await tree(dataDir)).get('某某社区党支部')!;
    const under = await admin(env, 'org', 'add', '某某社区第一党小组', 'branch', '某某社区党支部');
    expect(under.code).toBe(1);
    expect(under.err).toContain('已归档 is archived');
    expect((await admin(env, 'org', 'add', '某某社区第一党小组', 'branch', String(closed.id))).code).toBe(1);
    expect((await admin(env, 'staff', 'grant', '王书记', 'secretary', '某某社区党支部')).code).toBe(1);
    expect((await admin(env, 'study', 'add', '某某社区党支部', 'policy_law', '学习党章')).code).toBe(1);
    expect((await admin(env, 'staff', 'list', '某某社区党支部')).code).toBe(0);

    // A new 某某社区党支部 takes the name: found by it, not "ambiguous".
    expect((await admin(env, 'org', 'add', '某某社区党支部', 'branch', '新河镇党委员会')).code).toBe(0);
    const successor = [...(await withData(dataDir, (d) => d.db.select().from(organisations)))].find((o) => o.name === '某某社区党支部' && !o.archivedAt)!;
    expect((await admin(env, 'settings', 'show', '某某社区党支部')).out).toContain(`某某社区党支部 (id ${successor.id})`);
    const list = (await admin(env, 'org', 'list')).out;
    expect(list).toContain(`某某社区党支部 (id ${closed.id}, branch) 已归档 archived`);
    expect(list).toContain(`某某社区党支部 (id ${successor.id}, branch)\n`);
  }, 180_000);
});
