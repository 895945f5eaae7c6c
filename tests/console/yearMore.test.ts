import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, certificateActivities, duesAmounts, duesPayments, jobWishStatements, members, orgHolidays, outboxMessages, recognitions } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, downloadName, lastAuditId, sheetsOf, startScopedConsole, type Scopes } from './scoped.js';

/** The rest of issue 18 on the console: dues as tables with the sheet, 先进, 节日, 活动证, and the year's tables. */
let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
const db = () => h.tb.database.db;
const year = () => h.tb.clock.now().getUTCFullYear();

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  const now = h.tb.clock.now();
  await db().insert(duesAmounts).values([
    { memberId: s.members.zhang, monthlyFen: 2000, fromMonth: '2026-01', setAt: now },
    { memberId: s.members.liu, monthlyFen: 1000, fromMonth: '2026-01', setAt: now },
  ]);
  // 张建国 paid January and February at the inflow organisation, 刘秀英 January at home.
  await db().insert(duesPayments).values([
    { memberId: s.members.zhang, month: '2026-01', amountFen: 2000, paidOn: '2026-02-01', paidAtOrgId: s.inflow, state: 'confirmed', recordedAt: now },
    { memberId: s.members.zhang, month: '2026-02', amountFen: 2000, paidOn: '2026-02-01', paidAtOrgId: s.inflow, state: 'confirmed', recordedAt: now },
    { memberId: s.members.liu, month: '2026-01', amountFen: 1000, paidOn: '2026-01-20', paidAtOrgId: s.branch, state: 'confirmed', recordedAt: now },
  ]);
  await db().update(members).set({ status: 'laid_off', jobWishes: ['电工'] }).where(eq(members.personId, s.members.liu));
  await db().insert(jobWishStatements).values({ memberId: s.members.liu, work: ['电工'], place: 'local', training: ['焊工'], statedAt: now });
});
afterAll(async () => h?.close());

describe('dues on the console', () => {
  it('a table of members with links, paid and owed; the year by month; the sheet downloads as the chat exports it', async () => {
    const secretary = await as(s.staff.secretary);
    const page = await secretary.get(`/console/year/dues?org=${s.branch}&year=2026`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a href="/console/members/${s.members.zhang}">张建国</a>`);
    expect(page.body).toContain('其中在流入地交 2 个月');
    // The month line of January: two paid, 30 yuan, one at home, one at the inflow organisation.
    expect(page.body).toMatch(/<td data-label="月份">2026-01<\/td><td data-label="交纳人数">2<\/td><td data-label="金额（元）">30.00<\/td><td data-label="本支部收缴">1<\/td><td data-label="流入地收缴">1<\/td>/);
    const before = await lastAuditId(h);
    const sheet = await secretary.get(`/console/year/dues/${s.branch}/2026.xlsx`);
    expect(sheet.statusCode).toBe(200);
    expect(downloadName(sheet)).toBe('党费-幸福村党支部-2026.xlsx');
    const rows = (await sheetsOf(sheet)).get('党费收缴')!;
    expect(rows.find((r) => r[0] === '张建国')).toEqual(expect.arrayContaining(['20.00', '40.00']));
    const [audit] = (await auditsSince(h, s.staff.secretary, before, 'membership.manage')).filter((a) => (a.details as { export?: string }).export === 'dues');
    expect(audit?.details).toMatchObject({ via: 'console' });
    expect((await (await as(s.staff.otherSecretary)).get(`/console/year/dues/${s.branch}/2026.xlsx`)).statusCode).toBe(404);
    expect((await (await as(s.staff.liaison)).get(`/console/year/dues/${s.branch}/2026.xlsx`)).statusCode).toBe(404);
  });

  it('the monthly amount is set on the page, audited as /dues 金额; another county cannot, and a bad amount loses nothing', async () => {
    const secretary = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    const res = await secretary.submit('/console/year/dues/amount', { member: String(s.members.zhang), amount: '25.5', from: '2026-03', org: String(s.branch) }, `/console/year/dues?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    const [row] = await db().select().from(duesAmounts).where(eq(duesAmounts.memberId, s.members.zhang));
    expect([row!.monthlyFen, row!.fromMonth, row!.setBy]).toEqual([2550, '2026-03', s.staff.secretary]);
    expect((await auditsSince(h, s.staff.secretary, before, 'member.manage')).map((a) => (a.details as { duesAmount?: boolean }).duesAmount)).toEqual([true]);
    expect((await secretary.submit('/console/year/dues/amount', { member: String(s.members.zhang), amount: '二十', org: String(s.branch) }, `/console/year/dues?org=${s.branch}`)).statusCode).toBe(400);
    expect((await (await as(s.staff.otherSecretary)).submit('/console/year/dues/amount', { member: String(s.members.zhang), amount: '1' }, '/console/year/dues')).statusCode).toBe(404);
    // The inflow organisation records payments but does not set the home branch's amount.
    expect((await (await as(s.staff.inflowLiaison)).submit('/console/year/dues/amount', { member: String(s.members.zhang), amount: '1' }, '/console/year/dues')).statusCode).toBe(404);
    const [still] = await db().select().from(duesAmounts).where(eq(duesAmounts.memberId, s.members.zhang));
    expect(still!.monthlyFen).toBe(2550);
  });
});

describe('先进 on the console', () => {
  it('recorded with the announce box: one broadcast to the branch, paced; listed; revoked with a reason', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await secretary.submit('/console/year/recognition/record', { member: String(s.members.chen), reason: '<b>抗洪</b>抢险', year: String(year()), announce: 'on', org: String(s.branch) }, `/console/year/recognition?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    const [rec] = await db().select().from(recognitions).where(eq(recognitions.memberId, s.members.chen));
    expect(rec!.announcedBroadcastId).not.toBeNull();
    const notices = await db().select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, `notice:${rec!.announcedBroadcastId}:%`));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.purpose === 'broadcast')).toBe(true);
    const page = await secretary.get(`/console/year/recognition?org=${s.branch}`);
    expect(page.body).toContain('&lt;b&gt;抗洪&lt;/b&gt;抢险');
    expect(page.body).toContain('已通报');
    expect(page.body).not.toContain(`/console/year/recognition/${rec!.id}/announce`);
    // Announcing again is refused on a page, and nothing more is sent.
    expect((await secretary.submit(`/console/year/recognition/${rec!.id}/announce`, { org: String(s.branch) }, `/console/year/recognition?org=${s.branch}`)).statusCode).toBe(400);
    expect((await secretary.submit(`/console/year/recognition/${rec!.id}/revoke`, { reason: '', org: String(s.branch) }, `/console/year/recognition?org=${s.branch}`)).statusCode).toBe(400);
    expect((await (await as(s.staff.otherSecretary)).submit(`/console/year/recognition/${rec!.id}/revoke`, { reason: 'x' }, '/console/year/recognition')).statusCode).toBe(404);
    const revoked = await secretary.submit(`/console/year/recognition/${rec!.id}/revoke`, { reason: '核实有误', org: String(s.branch) }, `/console/year/recognition?org=${s.branch}`);
    expect(revoked.statusCode).toBe(303);
    const [after] = await db().select().from(recognitions).where(eq(recognitions.id, rec!.id));
    expect(after!.revokeReason).toBe('核实有误');
    expect((await secretary.get(`/console/year/recognition?org=${s.branch}`)).body).toContain('已撤销：核实有误');
  });

  it('the inflow liaison records one for an attached member, without the announce box; a forged announce records nothing', async () => {
    const inflow = await as(s.staff.inflowLiaison);
    const page = await inflow.get('/console/year/recognition');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${s.members.zhang}">张建国`);
    expect(page.body).not.toContain('name="announce"');
    const count = async () => (await db().select().from(recognitions).where(eq(recognitions.memberId, s.members.zhang))).length;
    expect((await inflow.submit('/console/year/recognition/record', { member: String(s.members.zhang), reason: '带头', year: String(year()), announce: 'on' }, '/console/year/recognition')).statusCode).toBe(404);
    expect(await count()).toBe(0);
    expect((await inflow.submit('/console/year/recognition/record', { member: String(s.members.zhang), reason: '带头', year: String(year()) }, '/console/year/recognition')).statusCode).toBe(303);
    expect(await count()).toBe(1);
    expect((await (await as(s.staff.helper)).get('/console/year/recognition')).statusCode).toBe(403);
  });
});

describe('节日 and 活动证 on the console', () => {
  it('a holiday is added and removed by the branch; another county finds none of it', async () => {
    const secretary = await as(s.staff.secretary);
    expect((await secretary.submit('/console/year/holidays/add', { org: String(s.branch), on: '2027-10-01', name: '国庆节' }, `/console/year/holidays?org=${s.branch}`)).statusCode).toBe(303);
    const [holiday] = await db().select().from(orgHolidays).where(eq(orgHolidays.orgId, s.branch));
    const page = await secretary.get(`/console/year/holidays?org=${s.branch}`);
    expect(page.body).toContain('国庆节');
    expect(page.body).toContain(`/console/year/holidays/${holiday!.id}/remove`);
    expect((await secretary.submit('/console/year/holidays/add', { org: String(s.branch), on: '2027-02-30', name: 'x' }, `/console/year/holidays?org=${s.branch}`)).statusCode).toBe(400);
    const other = await as(s.staff.otherSecretary);
    expect((await other.get(`/console/year/holidays?org=${s.branch}`)).statusCode).toBe(404);
    expect((await other.submit(`/console/year/holidays/${holiday!.id}/remove`, {}, '/console/year/holidays')).statusCode).toBe(404);
    expect((await (await as(s.staff.liaison)).get('/console/year/holidays')).statusCode).toBe(403);
    expect((await secretary.submit(`/console/year/holidays/${holiday!.id}/remove`, { org: String(s.branch) }, `/console/year/holidays?org=${s.branch}`)).statusCode).toBe(303);
    expect(await db().select().from(orgHolidays)).toHaveLength(0);
  });

  it('the inflow liaison records an activity; the home branch sees it; nobody else may record one', async () => {
    const inflow = await as(s.staff.inflowLiaison);
    const form = await inflow.get('/console/year/activities');
    expect(form.body).toContain(`<option value="${s.members.zhang}">张建国`);
    expect((await inflow.submit('/console/year/activities/record', { member: String(s.members.zhang), on: '2026-03-05', what: '参加主题党日' }, '/console/year/activities')).statusCode).toBe(303);
    const secretary = await as(s.staff.secretary);
    const seen = await secretary.get('/console/year/activities?year=2026');
    expect(seen.body).toContain('参加主题党日');
    expect(seen.body).not.toContain('name="what"');
    expect((await secretary.submit('/console/year/activities/record', { member: String(s.members.zhang), on: '2026-03-06', what: 'x' }, '/console/year/activities')).statusCode).toBe(404);
    expect((await (await as(s.staff.otherSecretary)).get('/console/year/activities?year=2026')).body).not.toContain('参加主题党日');
    expect(await db().select().from(certificateActivities)).toHaveLength(1);
    const [viewed] = await db().select().from(auditLog).where(and(eq(auditLog.actorId, s.staff.secretary), eq(auditLog.action, 'member.view'))).orderBy(auditLog.id);
    expect(viewed).toBeDefined();
  });

  it('homecoming and jobs are tables linking to members; the laid-off member’s own 就业意向 shows', async () => {
    const secretary = await as(s.staff.secretary);
    const jobs = await secretary.get(`/console/year/jobs?org=${s.branch}`);
    expect(jobs.statusCode).toBe(200);
    expect(jobs.body).toContain(`<a href="/console/members/${s.members.liu}">刘秀英</a>`);
    expect(jobs.body).toContain('想做：电工；地点：在本地；想参加的培训：焊工');
    const home = await secretary.get(`/console/year/homecoming?org=${s.branch}`);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('没有未完成的登门走访');
    for (const page of ['recognition', 'holidays', 'activities', 'jobs', 'homecoming', 'dues']) expect(home.body).toContain(`/console/year/${page}`);
  });

  it('forms without the CSRF token are refused', async () => {
    const secretary = await as(s.staff.secretary);
    for (const [url, fields] of [
      ['/console/year/dues/amount', { member: String(s.members.zhang), amount: '1' }],
      ['/console/year/recognition/record', { member: String(s.members.zhang), reason: 'x', year: String(year()) }],
      ['/console/year/holidays/add', { org: String(s.branch), on: '2027-05-01', name: '劳动节' }],
      ['/console/year/activities/record', { member: String(s.members.zhang), on: '2026-03-05', what: 'x' }],
    ] as const) expect((await secretary.post(url, fields)).statusCode, url).toBe(403);
  });
});
