import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, identities, liaisonAssignments, organisations, outboxMessages, persons, staffRoles } from '../../src/db/schema/index.js';
import { admin, seeded, withData } from './adminSupport.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-admin-staff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('admin staff grant|revoke|list (PGlite)', () => {
  const dataDir = join(dir, 'data');
  const env = { DATA_DIR: dataDir };

  it('grants and revokes roles by name or id, the menu following, and audits ids only', async () => {
    const demo = await seeded(dataDir);
    const liu = demo.people.find((p) => p.name === '刘秀英')!.personId;
    const li = demo.people.find((p) => p.name === '李联络员')!.personId;
    const branch = await withData(dataDir, async (d) => (await d.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部')))[0]!.id);

    const granted = await admin(env, 'staff', 'grant', '刘秀英', 'helper', '幸福村党支部');
    expect(granted).toMatchObject({ code: 0, out: `已授予 granted: 刘秀英 (id ${liu}) helper @ 幸福村党支部 (id ${branch})\n` });
    expect((await admin(env, 'staff', 'grant', String(liu), 'helper', String(branch))).out).toContain('already held');
    const list = await admin(env, 'staff', 'list', '幸福村党支部');
    expect(list.out).toContain(`刘秀英 (id ${liu})\thelper\t幸福村党支部 (id ${branch})`);
    expect(list.out).toContain(`李联络员 (id ${li})\tliaison`);

    const revoked = await admin(env, 'staff', 'revoke', '李联络员', 'liaison', String(branch));
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain('已取消 revoked');
    expect((await admin(env, 'staff', 'revoke', '李联络员', 'liaison', String(branch))).out).toContain('not held');

    expect((await admin(env, 'staff', 'grant', '没这个人', 'helper', '幸福村党支部')).code).toBe(1);
    expect((await admin(env, 'staff', 'grant', '刘秀英', 'boss', '幸福村党支部')).code).toBe(2);
    expect((await admin(env, 'staff', 'grant', '刘秀英', 'helper', '99999')).err).toContain('no such 组织 organisation');

    await withData(dataDir, async (d) => {
      const roles = await d.db.select().from(staffRoles).where(eq(staffRoles.orgId, branch));
      expect(roles.map((r) => [r.personId, r.role]).sort()).toEqual([[demo.people.find((p) => p.name === '王书记')!.personId, 'secretary'], [liu, 'helper']].sort());
      // The revoked liaison's members lost them, as the chat's /revoke does.
      expect(await d.db.select().from(liaisonAssignments).where(eq(liaisonAssignments.liaisonId, li))).toEqual([]);
      // Both chat menus follow: one request each, queued in the outbox.
      const menus = await d.db.select({ personId: identities.personId }).from(outboxMessages).innerJoin(identities, eq(identities.id, outboxMessages.identityId)).where(eq(outboxMessages.purpose, 'menu'));
      expect(menus.map((m) => m.personId).sort()).toEqual([li, liu].sort());
      const audits = await d.db.select().from(auditLog).orderBy(asc(auditLog.id));
      expect(audits[0]).toMatchObject({ action: 'admin.staff.grant', actorId: null, details: { via: 'admin-cli', personId: liu, role: 'helper', orgId: branch, changed: true } });
      expect(audits.map((a) => a.action)).toEqual([
        'admin.staff.grant', 'admin.staff.grant', 'admin.staff.list', 'admin.staff.revoke', 'admin.staff.revoke', 'admin.staff.grant', 'admin.staff.grant',
      ]);
      const names = (await d.db.select({ name: persons.name }).from(persons)).map((p) => p.name);
      for (const a of audits) for (const n of [...names, '没这个人', '幸福村党支部']) expect(JSON.stringify(a.details)).not.toContain(n);
      expect(await d.db.select().from(staffRoles).where(and(eq(staffRoles.personId, li), eq(staffRoles.role, 'liaison')))).toEqual([]);
    });
  }, 180_000);
});
