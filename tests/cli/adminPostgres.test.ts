import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, staffRoles, studyItems } from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/demo/index.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from '../support/db.js';
import { admin, clock } from './adminSupport.js';

/**
 * The admin commands the other files run on PGlite, end to end on PostgreSQL as a county server runs them:
 * staff grant, list and revoke; org add, rename, move, archive and list; study add and list; settings.
 */
const dir = mkdtempSync(join(tmpdir(), 'bot-admin-pg-'));
let database: (Database & { url?: string }) | undefined;
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const orgNamed = async (name: string) => (await database!.db.select().from(organisations).where(eq(organisations.name, name)))[0]!;

describe.skipIf(!process.env.TEST_DATABASE_URL)('admin command line on PostgreSQL: staff, org, study, settings', () => {
  it('runs each command against the server, changes what it says, and audits it', async () => {
    database = await openTestDatabase();
    const demo = await database.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
    const env = { DATABASE_URL: database.url!, DATA_DIR: join(dir, 'unused'), DEFAULT_TIMEZONE: 'Asia/Shanghai' };
    const liu = demo.people.find((p) => p.name === '刘秀英')!.personId;

    expect((await admin(env, 'staff', 'grant', '刘秀英', 'helper', '幸福村党支部')).code).toBe(0);
    expect((await admin(env, 'staff', 'list', '幸福村党支部')).out).toContain(`刘秀英 (id ${liu})\thelper`);
    expect((await admin(env, 'staff', 'revoke', '刘秀英', 'helper', '幸福村党支部')).code).toBe(0);
    expect(await database.db.select().from(staffRoles).where(and(eq(staffRoles.personId, liu), eq(staffRoles.role, 'helper')))).toEqual([]);

    expect((await admin(env, 'org', 'add', '新河镇党委', 'township', '示范县委组织部')).code).toBe(0);
    expect((await admin(env, 'org', 'add', '新河村党支部', 'branch', '示范县委组织部')).code).toBe(0);
    expect((await admin(env, 'org', 'move', '新河村党支部', '新河镇党委')).code).toBe(0);
    expect((await admin(env, 'org', 'rename', '新河村党支部', '新河社区党支部')).code).toBe(0);
    const township = await orgNamed('新河镇党委');
    const community = await orgNamed('新河社区党支部');
    expect(community.path).toBe(`${township.path}${community.id}/`);
    expect((await admin(env, 'org', 'archive', '新河镇党委')).code).toBe(1);
    expect((await admin(env, 'org', 'archive', '新河社区党支部')).code).toBe(0);
    expect(await database.db.select({ id: organisations.id }).from(organisations).where(isNotNull(organisations.archivedAt))).toEqual([{ id: community.id }]);
    expect((await admin(env, 'org', 'list')).out).toContain('新河镇党委');

    expect((await admin(env, 'study', 'add', '幸福村党支部', 'policy_law', '学习新修订的党章', '--publish', '2026-12-05')).code).toBe(0);
    expect((await admin(env, 'study', 'list', '幸福村党支部')).out).toContain('学习新修订的党章');
    expect(await database.db.select({ title: studyItems.title }).from(studyItems)).toEqual([{ title: '学习新修订的党章' }]);

    expect((await admin(env, 'settings', 'set', '示范县委组织部', 'reminderDay=12', 'weeklyCap=2')).code).toBe(0);
    expect((await admin(env, 'settings', 'show', '幸福村党支部')).out).toMatch(/ {2}reminderDay = 12 \(上级 from 示范县委组织部/);

    const actions = (await database.db.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.id))).map((a) => a.action);
    for (const action of ['admin.staff.grant', 'admin.staff.revoke', 'admin.org.add', 'admin.org.move', 'admin.org.rename', 'admin.org.archive', 'admin.study.add', 'admin.settings.set']) {
      expect(actions, action).toContain(action);
    }
  }, 180_000);
});
