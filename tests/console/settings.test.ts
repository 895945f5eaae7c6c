import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, reportCycleSettings } from '../../src/db/schema/index.js';
import { cycleResolver } from '../../src/schedules/settings.js';
import { evaluationMonthResolver } from '../../src/schedules/evaluation.js';
import { memberPacing } from '../../src/features/settings/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { addOrg } from '../staff/fixture.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const pathOf = async (id: number) => (await db().select({ path: organisations.path }).from(organisations).where(eq(organisations.id, id)))[0]!.path;
const cycle = { reminderDay: '', followUpAfterDays: '', liaisonAfterDays: '', secretaryAfterDays: '', promptStartHour: '', promptEndHour: '', weeklyCap: '', evaluationMonth: '' };
/** The table row of one setting, to read what it shows and where it comes from. */
const rowOf = (body: string, label: string) => body.split('<tr>').find((r) => r.includes(label)) ?? '';

describe('settings: what an organisation uses, and where each value comes from', () => {
  it('shows the defaults, then a county’s cycle that its branch inherits and the schedules read, then the branch’s own', async () => {
    const secretary = await as(s.staff.secretary);
    const first = await secretary.get('/console/settings');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('幸福村党支部');
    expect(rowOf(first.body, '每月提醒报到的日子')).toContain('每月 10 日');
    expect(rowOf(first.body, '每月提醒报到的日子')).toContain('系统默认');
    const c = h.tb.config;
    expect(rowOf(first.body, '每天最早几点')).toContain(`${c.OFF_PEAK_START_HOUR}:00 起`);
    expect(rowOf(first.body, '每天几点以后')).toContain(`${c.OFF_PEAK_END_HOUR}:00 止`);
    expect(rowOf(first.body, '每周最多')).toContain(`${c.WEEKLY_PROMPT_CAP} 次`);
    expect(first.body).toContain('name="weeklyCap"');

    const admin = await as(s.staff.admin);
    const set = await admin.submit(`/console/settings/${s.county}`, { ...cycle, reminderDay: '15', followUpAfterDays: '4', liaisonAfterDays: '2', secretaryAfterDays: '3', evaluationMonth: '11' }, `/console/settings?org=${s.county}`);
    expect(set.statusCode).toBe(303);
    expect(decodeURIComponent(String(set.headers.location))).toContain('已保存');
    const county = await admin.get(String(set.headers.location));
    expect(rowOf(county.body, '每月提醒报到的日子')).toContain('本组织设置');

    const inherited = await secretary.get('/console/settings');
    expect(rowOf(inherited.body, '每月提醒报到的日子')).toContain('每月 15 日');
    expect(rowOf(inherited.body, '每月提醒报到的日子')).toContain('沿用上级：示范县委组织部');
    expect(rowOf(inherited.body, '民主评议月份')).toContain('11 月');
    const branchPath = await pathOf(s.branch);
    expect((await cycleResolver(db(), c))(branchPath)).toEqual({ reminderDay: 15, followUpAfterDays: 4, liaisonAfterDays: 2, secretaryAfterDays: 3 });
    expect((await evaluationMonthResolver(db(), c.EVALUATION_MONTH))(branchPath)).toBe(11);

    await secretary.submit(`/console/settings/${s.branch}`, { ...cycle, reminderDay: '20', followUpAfterDays: '5', liaisonAfterDays: '3', secretaryAfterDays: '5' }, '/console/settings');
    const own = await secretary.get('/console/settings');
    expect(rowOf(own.body, '每月提醒报到的日子')).toContain('每月 20 日');
    expect(rowOf(own.body, '每月提醒报到的日子')).toContain('本组织设置');
    expect(rowOf(own.body, '每月提醒报到的日子')).toContain('value="20"');
    expect(rowOf(own.body, '民主评议月份')).toContain('沿用上级：示范县委组织部');
    expect((await cycleResolver(db(), c))(branchPath).reminderDay).toBe(20);

    // Every field emptied: the branch follows the county again.
    await secretary.submit(`/console/settings/${s.branch}`, cycle, '/console/settings');
    expect(await db().select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, s.branch))).toEqual([]);
    expect(rowOf((await secretary.get('/console/settings')).body, '每月提醒报到的日子')).toContain('沿用上级');
  });

  it('sets a branch’s quiet hours and weekly cap, which its members’ prompts then follow; an empty window is refused', async () => {
    const secretary = await as(s.staff.secretary);
    const set = await secretary.submit(`/console/settings/${s.branch}`, { ...cycle, promptStartHour: '9', promptEndHour: '20', weeklyCap: '1' }, '/console/settings');
    expect(set.statusCode).toBe(303);
    const pacing = await memberPacing(db(), [s.members.zhao], h.tb.config);
    expect(pacing(s.members.zhao)).toEqual({ window: { startHour: 9, endHour: 20 }, cap: 1 });
    const shown = await secretary.get('/console/settings');
    expect(rowOf(shown.body, '每周最多')).toContain('1 次');
    expect(rowOf(shown.body, '每周最多')).toContain('本组织设置');

    const refused = await secretary.submit(`/console/settings/${s.branch}`, { ...cycle, promptStartHour: '20', promptEndHour: '9', weeklyCap: '1' }, '/console/settings');
    expect(refused.statusCode).toBe(400);
    expect((await memberPacing(db(), [s.members.zhao], h.tb.config))(s.members.zhao).window).toEqual({ startHour: 9, endHour: 20 });
    await secretary.submit(`/console/settings/${s.branch}`, cycle, '/console/settings');
  });

  it('refuses a value out of range, saving nothing, and audits every view and change', async () => {
    const secretary = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    for (const bad of ['31', 'abc', '-1']) {
      const res = await secretary.submit(`/console/settings/${s.branch}`, { ...cycle, reminderDay: bad }, '/console/settings');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('“每月提醒报到的日子”要填 1 到 28 之间的整数');
    }
    expect(await db().select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, s.branch))).toEqual([]);
    const audits = await auditsSince(h, s.staff.secretary, before, 'settings.manage');
    expect(audits.filter((a) => (a.details as { refused?: string }).refused === 'range')).toHaveLength(3);
    expect(audits.some((a) => (a.details as { view?: boolean }).view === true)).toBe(true);
  });

  it('a form without its CSRF token is refused and changes nothing', async () => {
    const secretary = await as(s.staff.secretary);
    await secretary.get('/console/settings');
    const res = await secretary.post(`/console/settings/${s.branch}`, { ...cycle, reminderDay: '7' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期');
    expect(await db().select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, s.branch))).toEqual([]);
  });
});

describe('settings: who may', () => {
  it('liaisons and helpers have no settings; an organisation out of scope is not there, to see or to set', async () => {
    for (const who of [s.staff.liaison, s.staff.helper]) {
      const b = await as(who);
      const page = await b.get('/console/settings');
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('href="/console/settings"');
      expect((await b.submit(`/console/settings/${s.branch}`, { ...cycle, reminderDay: '7' }, '/console/')).statusCode).toBe(404);
    }
    const secretary = await as(s.staff.secretary);
    for (const org of [s.otherBranch, s.county, 999_999]) {
      expect((await secretary.get(`/console/settings?org=${org}`)).statusCode, `view ${org}`).toBe(404);
      expect((await secretary.submit(`/console/settings/${org}`, { ...cycle, reminderDay: '7' }, '/console/settings')).statusCode, `set ${org}`).toBe(404);
    }
    const other = await as(s.staff.otherSecretary);
    expect((await other.get(`/console/settings?org=${s.branch}`)).statusCode).toBe(404);
    expect((await other.get('/console/settings')).body).toContain('别村党支部');
    expect(await db().select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, s.county))).toHaveLength(1);
    const [county] = await db().select().from(reportCycleSettings).where(eq(reportCycleSettings.orgId, s.county));
    expect(county!.reminderDay).toBe(15);
    expect((await h.anonymous().get('/console/settings')).statusCode).toBe(401);
  });

  it('an organisation admin sets any organisation below; names are shown as text', async () => {
    const sub = await addOrg(db(), '<script>alert(1)</script>党小组', 'industry_group', s.branch);
    const admin = await as(s.staff.admin);
    const page = await admin.get(`/console/settings?org=${sub.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;党小组');
    expect(page.body).not.toContain('<script>alert(1)');
    const res = await admin.submit(`/console/settings/${sub.id}`, { ...cycle, evaluationMonth: '6' }, `/console/settings?org=${sub.id}`);
    expect(res.statusCode).toBe(303);
    expect(rowOf((await admin.get(`/console/settings?org=${sub.id}`)).body, '民主评议月份')).toContain('6 月');
  });
});
