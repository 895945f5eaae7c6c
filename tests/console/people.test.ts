import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like } from 'drizzle-orm';
import { auditLog, identities, inviteCodes, liaisonAssignments, members, outboxMessages, persons, staffRoles } from '../../src/db/schema/index.js';
import type { StaffRole } from '../../src/db/schema/people.js';
import { incoming, say } from '../support/bot.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { lastAudit, startScopedConsole, type Scopes } from './scopedConsole.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let admin: Browser, secretary: Browser, liaison: Browser, helper: Browser;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  [admin, secretary, liaison, helper] = await Promise.all([as(s.staff.admin), as(s.staff.secretary), as(s.staff.liaison), as(s.staff.helper)]);
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const rolesOf = async (personId: number) => (await db().select().from(staffRoles).where(eq(staffRoles.personId, personId))).map((r) => `${r.role}@${r.orgId}`);
const personNamed = async (name: string) => (await db().select().from(persons).where(eq(persons.name, name)))[0];
/** What the outbox holds for a person: texts, and the staff menus their chats are to show. */
const outboxFor = async (personId: number) => {
  const accounts = await db().select({ id: identities.id }).from(identities).where(eq(identities.personId, personId));
  const rows = await db().select().from(outboxMessages);
  const mine = rows.filter((r) => r.personId === personId || accounts.some((a) => a.id === r.identityId));
  return { texts: mine.map((r) => (r.payload as { text: string }).text), menus: mine.filter((r) => r.purpose === 'menu').map((r) => (r.payload as { menu?: { roles?: StaffRole[] } }).menu) };
};
const grant = (browser: Browser, fields: Record<string, string>) => browser.submit('/console/people/grant', fields, '/console/people');
const revokeUrl = (personId: number, role: string, orgId: number) => `/console/people/revoke?person=${personId}&role=${role}&org=${orgId}`;

describe('the people page', () => {
  it('shows a secretary the staff of their branch, their roles and the platforms they are linked on', async () => {
    const page = await secretary.get('/console/people');
    expect(page.statusCode).toBe(200);
    for (const name of ['王书记', '李联络员', '帮扶人老马']) expect(page.body).toContain(name);
    for (const name of ['县管理员', '流入地联络员', '别村书记']) expect(page.body).not.toContain(name);
    expect(page.body).toContain('联络员 · 幸福村党支部');
    const row = (name: string) => page.body.split('<tr').find((r) => r.includes(`<td>${name}</td>`))!;
    expect(row('王书记')).toContain('终端');
    expect(row('帮扶人老马')).toContain('未绑定');
    expect(row('帮扶人老马')).toContain(`/console/people/${s.staff.helper}/invite`);
    expect(row('李联络员')).not.toContain('/invite');
    // No id or platform account id shown as text, and no revoke link on one's own role.
    expect(page.body).not.toContain(`person-${s.staff.secretary}`);
    expect(page.body).not.toContain(`person=${s.staff.secretary}&amp;`);
    expect(page.body).not.toContain('value="org_admin"');
  });

  it('shows an org admin the county\'s staff, and offers them the admin role to grant', async () => {
    const page = await admin.get('/console/people');
    expect(page.statusCode).toBe(200);
    for (const name of ['县管理员', '王书记', '李联络员', '帮扶人老马']) expect(page.body).toContain(name);
    expect(page.body).not.toContain('别村书记');
    expect(page.body).toContain('组织管理员 · 示范县委组织部');
    expect(page.body).toContain('value="org_admin"');
    expect(page.body).toContain('示范县委组织部 › 城关镇党委 › 幸福村党支部');
  });

  it('refuses liaisons and helpers every page and form', async () => {
    for (const browser of [liaison, helper]) {
      expect((await browser.get('/console/')).body).not.toContain('href="/console/people"');
      expect((await browser.get('/console/people')).statusCode).toBe(403);
      expect((await browser.get(revokeUrl(s.staff.helper, 'helper', s.branch))).statusCode).toBe(403);
      expect((await browser.submit('/console/people/grant', { name: '陈志强', role: 'helper', org: String(s.branch) }, '/console/')).statusCode).toBe(403);
      expect((await browser.submit('/console/people/revoke', { person: String(s.staff.helper), role: 'helper', org: String(s.branch) }, '/console/')).statusCode).toBe(403);
      expect((await browser.submit(`/console/people/${s.staff.helper}/invite`, {}, '/console/')).statusCode).toBe(403);
    }
    expect(await rolesOf(s.members.chen)).toEqual([]);
    expect(await rolesOf(s.staff.helper)).toEqual([`helper@${s.branch}`]);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await secretary.post('/console/people/grant', { name: '陈志强', role: 'helper', org: String(s.branch) });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期');
    expect(await rolesOf(s.members.chen)).toEqual([]);
  });
});

describe('granting a role', () => {
  it('makes a member of the branch its helper by name: audited, told in chat, their menu refreshed', async () => {
    const res = await grant(secretary, { name: '陈志强', phone: '', role: 'helper', org: String(s.branch) });
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(res.headers.location as string)).toContain('已授予角色');
    expect(await rolesOf(s.members.chen)).toEqual([`helper@${s.branch}`]);
    expect(await lastAudit(h, s.staff.secretary, 'staff.grant')).toMatchObject({ targetKind: 'person', targetId: String(s.members.chen), details: { role: 'helper', orgId: s.branch, changed: true, created: false } });
    expect((await lastAudit(h, s.staff.secretary, 'staff.assign'))!.details).toMatchObject({ allowed: true, role: 'helper' });
    const out = await outboxFor(s.members.chen);
    expect(out.texts.join('\n')).toContain('您已被任命为 幸福村党支部 的帮扶人');
    expect(out.menus).toContainEqual({ audience: 'staff', roles: ['helper'] });
    const again = await grant(secretary, { name: '陈志强', role: 'helper', org: String(s.branch) });
    expect(decodeURIComponent(again.headers.location as string)).toContain('已经有这个角色');
  });

  it('adds someone new by name and mobile number', async () => {
    const res = await grant(secretary, { name: '新联络员', phone: '138-0000 1234', role: 'liaison', org: String(s.branch) });
    expect(res.statusCode).toBe(303);
    const made = (await personNamed('新联络员'))!;
    expect(made.phone).toBe('13800001234');
    expect(await rolesOf(made.id)).toEqual([`liaison@${s.branch}`]);
    expect(await lastAudit(h, s.staff.secretary, 'staff.grant')).toMatchObject({ details: { created: true } });
    const page = await secretary.get('/console/people');
    expect(page.body).toContain('新联络员');
  });

  it('says why when the name is nobody in scope, the phone is wrong, or the name is missing', async () => {
    const nobody = await grant(secretary, { name: '查无此人', role: 'liaison', org: String(s.branch) });
    expect(nobody.statusCode).toBe(409);
    expect(nobody.body).toContain('没有叫 查无此人 的人');
    // A member of another county is nobody here.
    expect((await grant(secretary, { name: '别村党员', role: 'liaison', org: String(s.branch) })).statusCode).toBe(409);
    expect((await grant(secretary, { name: '新人', phone: '12ab', role: 'liaison', org: String(s.branch) })).statusCode).toBe(400);
    expect((await grant(secretary, { name: ' ', role: 'liaison', org: String(s.branch) })).statusCode).toBe(400);
    expect((await grant(secretary, { name: '陈志强', role: 'boss', org: String(s.branch) })).statusCode).toBe(400);
    expect(await personNamed('新人')).toBeUndefined();
    expect(await lastAudit(h, s.staff.secretary, 'staff.grant')).toMatchObject({ details: { refused: 'person' } });
  });

  it('asks which one when two people in scope share the name, told apart by the phone\'s end', async () => {
    const ids: number[] = [];
    for (const phone of ['13911112222', '13933334444']) {
      const [p] = await db().insert(persons).values({ name: '张伟', phone }).returning({ id: persons.id });
      await db().insert(members).values({ personId: p!.id, homeOrgId: s.branch });
      ids.push(p!.id);
    }
    const ask = await grant(secretary, { name: '张伟', role: 'helper', org: String(s.branch) });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('几位叫 张伟 的人');
    expect(ask.body).toContain('手机尾号 2222');
    expect(ask.body).toContain('手机尾号 4444');
    expect(await rolesOf(ids[1]!)).toEqual([]);
    const picked = await secretary.submit('/console/people/grant', { person: String(ids[1]), role: 'helper', org: String(s.branch) }, '/console/people');
    expect(picked.statusCode).toBe(303);
    expect(await rolesOf(ids[1]!)).toEqual([`helper@${s.branch}`]);
    expect(await rolesOf(ids[0]!)).toEqual([]);
    // With the phone the name is no longer ambiguous.
    expect((await grant(secretary, { name: '张伟', phone: '139 1111 2222', role: 'helper', org: String(s.branch) })).statusCode).toBe(303);
    expect(await rolesOf(ids[0]!)).toEqual([`helper@${s.branch}`]);
  });

  it('grants nothing over an organisation out of scope, nor to a person out of scope', async () => {
    expect((await grant(secretary, { name: '陈志强', role: 'helper', org: String(s.otherBranch) })).statusCode).toBe(404);
    const before = (await db().select().from(staffRoles)).length;
    expect((await grant(secretary, { name: '陈志强', role: 'liaison', org: String(s.county) })).statusCode).toBe(404);
    expect((await grant(admin, { name: '陈志强', role: 'liaison', org: String(s.inflow) })).statusCode).toBe(404);
    for (const outsider of [s.members.outsider, s.staff.admin, s.staff.otherSecretary]) {
      const res = await secretary.submit('/console/people/grant', { person: String(outsider), role: 'liaison', org: String(s.branch) }, '/console/people');
      expect(res.statusCode).toBe(404);
    }
    expect((await db().select().from(staffRoles)).length).toBe(before);
    expect(await lastAudit(h, s.staff.secretary, 'staff.grant')).toMatchObject({ details: { refused: 'person' } });
  });

  it('lets only an organisation admin make an organisation admin', async () => {
    const bySecretary = await grant(secretary, { name: '李联络员', role: 'org_admin', org: String(s.branch) });
    expect(bySecretary.statusCode).toBe(403);
    expect(bySecretary.body).toContain('只有组织管理员才能授予');
    expect(await lastAudit(h, s.staff.secretary, 'staff.admin')).toMatchObject({ details: { allowed: false } });
    expect((await grant(admin, { name: '李联络员', role: 'org_admin', org: String(s.branch) })).statusCode).toBe(303);
    expect(await rolesOf(s.staff.liaison)).toContain(`org_admin@${s.branch}`);
    // Nor may a secretary take it away again.
    const revoke = await secretary.submit('/console/people/revoke', { person: String(s.staff.liaison), role: 'org_admin', org: String(s.branch) }, '/console/people');
    expect(revoke.statusCode).toBe(403);
    expect((await admin.submit('/console/people/revoke', { person: String(s.staff.liaison), role: 'org_admin', org: String(s.branch) }, '/console/people')).statusCode).toBe(303);
    expect(await rolesOf(s.staff.liaison)).toEqual([`liaison@${s.branch}`]);
  });

  it('shows a name holding <script> as text', async () => {
    expect((await grant(admin, { name: '<script>alert(2)</script>', phone: '13700000000', role: 'helper', org: String(s.branch) })).statusCode).toBe(303);
    const page = await admin.get('/console/people');
    expect(page.body).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(2)');
  });
});

describe('revoking a role', () => {
  it('asks first, naming the members who lose their liaison; then revokes, audited, told, menu refreshed', async () => {
    const ask = await secretary.get(revokeUrl(s.staff.liaison, 'liaison', s.branch));
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('确认取消 李联络员 在 幸福村党支部 的联络员角色');
    expect(ask.body).toMatch(/这 4 名党员需要另行安排：.*张建国.*赵小红/);
    const res = await secretary.submit('/console/people/revoke', { person: String(s.staff.liaison), role: 'liaison', org: String(s.branch) }, revokeUrl(s.staff.liaison, 'liaison', s.branch));
    expect(res.statusCode).toBe(303);
    expect(await rolesOf(s.staff.liaison)).toEqual([]);
    expect(await db().select().from(liaisonAssignments).where(eq(liaisonAssignments.liaisonId, s.staff.liaison))).toEqual([]);
    expect(await lastAudit(h, s.staff.secretary, 'staff.revoke')).toMatchObject({ targetId: String(s.staff.liaison), details: { role: 'liaison', orgId: s.branch } });
    const out = await outboxFor(s.staff.liaison);
    expect(out.texts.join('\n')).toContain('联络员角色已被取消');
    expect(out.menus.at(-1)).toEqual({ audience: 'member' });
    // With no role left, their console session ends at the next click.
    expect((await liaison.get('/console/')).statusCode).toBe(401);
  });

  it('never revokes one\'s own role, a role out of scope, or one not held', async () => {
    const own = await secretary.submit('/console/people/revoke', { person: String(s.staff.secretary), role: 'secretary', org: String(s.branch) }, '/console/people');
    expect(own.statusCode).toBe(409);
    expect(own.body).toContain('不能取消自己的角色');
    expect(await lastAudit(h, s.staff.secretary, 'staff.revoke')).toMatchObject({ details: { refused: 'own role' } });
    for (const [browser, person, role, org] of [
      [secretary, s.staff.otherSecretary, 'secretary', s.otherBranch], [admin, s.staff.otherSecretary, 'secretary', s.otherBranch],
      [secretary, s.staff.admin, 'org_admin', s.county], [admin, s.staff.inflowLiaison, 'liaison', s.inflow], [secretary, s.staff.helper, 'liaison', s.branch],
    ] as const) {
      expect((await browser.get(revokeUrl(person, role, org))).statusCode).toBe(404);
      expect((await browser.submit('/console/people/revoke', { person: String(person), role, org: String(org) }, '/console/people')).statusCode).toBe(404);
    }
    expect(await rolesOf(s.staff.otherSecretary)).toEqual([`secretary@${s.otherBranch}`]);
    expect(await rolesOf(s.staff.admin)).toEqual([`org_admin@${s.county}`]);
  });
});

describe('staff invite codes', () => {
  it('gives a code for a staff person with no chat account; it links their first account', async () => {
    const res = await secretary.submit(`/console/people/${s.staff.helper}/invite`, {}, '/console/people');
    expect(res.statusCode).toBe(200);
    const code = /<code>([A-Z2-9]{4}-[A-Z2-9]{4})<\/code>/.exec(res.body)![1]!;
    expect(res.body).toContain('帮扶人老马 的邀请码');
    expect(res.body).toContain('14 天内有效（到 2026-11-24）');
    const [row] = await db().select().from(inviteCodes).where(and(eq(inviteCodes.personId, s.staff.helper), eq(inviteCodes.createdBy, s.staff.secretary)));
    expect(row).toBeDefined();
    expect(await lastAudit(h, s.staff.secretary, 'staff.invite')).toMatchObject({ targetId: String(s.staff.helper), details: { orgId: s.branch } });
    expect(JSON.stringify(await db().select().from(auditLog))).not.toContain(code);
    expect((await secretary.get('/console/people')).body).toContain('邀请码已发出');
    await h.tb.bot.core.handle(incoming('new-helper-account', say(code)));
    const [linked] = await db().select().from(identities).where(eq(identities.externalUserId, 'new-helper-account'));
    expect(linked!.personId).toBe(s.staff.helper);
    const page = await secretary.get('/console/people');
    expect(page.body.split('<tr').find((r) => r.includes('<td>帮扶人老马</td>'))).toContain('终端');
  });

  it('refuses a person already linked, and anyone out of scope', async () => {
    const codesFor = async () => (await db().select().from(inviteCodes).where(inArray(inviteCodes.personId, [s.staff.otherSecretary, s.staff.secretary, s.staff.admin, s.members.zhao]))).length;
    const before = await codesFor();
    const linked = await secretary.submit(`/console/people/${s.staff.secretary}/invite`, {}, '/console/people');
    expect(linked.statusCode).toBe(409);
    expect(linked.body).toContain('已经绑定了聊天账号');
    for (const person of [s.staff.otherSecretary, s.staff.admin, s.members.zhao, 999999]) {
      expect((await secretary.submit(`/console/people/${person}/invite`, {}, '/console/people')).statusCode).toBe(404);
    }
    expect(await codesFor()).toBe(before);
    expect((await admin.submit(`/console/people/${s.staff.admin}/invite`, {}, '/console/people')).statusCode).toBe(200);
    expect(await codesFor()).toBe(before + 1);
  });
});

describe('the audit trail', () => {
  it('holds the gate\'s decision and a line for each grant, revocation and invite', async () => {
    const rows = await db().select().from(auditLog).where(like(auditLog.action, 'staff.%'));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['staff.assign', 'staff.admin', 'staff.grant', 'staff.revoke', 'staff.invite']) expect(actions).toContain(a);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/陈志强|张伟|1380000|script/);
  });
});
