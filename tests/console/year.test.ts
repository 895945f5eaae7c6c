import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duesAmounts, duesPayments, evaluations, jobOffers, makeUpAttendance, outboxMessages, persons } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, downloadName, lastAuditId, sheetsOf, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  // 张建国 pays 20 yuan a month from the start of the year: months before this one are owed.
  await h.tb.database.db.insert(duesAmounts).values({ memberId: s.members.zhang, monthlyFen: 2000, fromMonth: '2026-01', setBy: s.staff.secretary, setAt: h.tb.clock.now() });
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const PAGES = ['evaluation', 'dues', 'homecoming', 'jobs'] as const;
const year = () => h.tb.clock.now().getUTCFullYear();

describe('the year: who sees which page', () => {
  it('a secretary and a county admin see every page of an organisation in their care', async () => {
    for (const who of [s.staff.secretary, s.staff.admin]) {
      const b = await as(who);
      for (const page of PAGES) {
        const res = await b.get(`/console/year/${page}?org=${s.branch}`);
        expect(res.statusCode, `${page} for ${who}`).toBe(200);
        expect(res.body).toContain('幸福村党支部');
      }
    }
    const evaluation = await (await as(s.staff.secretary)).get('/console/year/evaluation');
    expect(evaluation.body).toContain(`href="/console/members/${s.members.zhang}"`);
    expect(evaluation.body).toContain('未自评');
    expect(evaluation.body).toContain(`/console/year/evaluation/${s.members.zhang}/result`);
    const redirect = await (await as(s.staff.secretary)).get('/console/year');
    expect(redirect.statusCode).toBe(303);
  });

  it('a liaison sees their own members and gives opinions, as the chat lets them; the secretary’s lists are not theirs', async () => {
    const liaison = await as(s.staff.liaison);
    const before = await lastAuditId(h);
    const page = await liaison.get('/console/year/evaluation');
    expect(page.statusCode).toBe(200);
    // Reading the members' year is written down, by member id, as the chat's summary is.
    const [viewed] = await auditsSince(h, s.staff.liaison, before, 'member.view');
    expect((viewed!.details as { memberIds: number[] }).memberIds).toContain(s.members.zhang);
    expect(page.body).toContain('张建国');
    expect(page.body).not.toContain('别村党员');
    expect(page.body).not.toContain('/result"');
    expect(page.body).toContain(`/console/year/evaluation/${s.members.zhang}/opinion`);
    expect(page.body).not.toContain('/console/year/homecoming');
    expect((await liaison.get('/console/year/homecoming')).statusCode).toBe(403);
    expect((await liaison.get('/console/year/jobs')).statusCode).toBe(403);
    const opinion = await liaison.submit(`/console/year/evaluation/${s.members.zhang}/opinion`, { text: '工作认真', year: String(year()) }, '/console/year/evaluation');
    expect(opinion.statusCode).toBe(303);
    const [row] = await db().select().from(evaluations).where(eq(evaluations.memberId, s.members.zhang));
    expect(row?.homeOpinion).toBe('工作认真');
    // 党费 is recorded where it is paid: the home branch's liaison is not offered the form, the inflow organisation's is.
    expect((await liaison.get('/console/year/dues')).body).not.toContain('name="member"');
    const inflow = await (await as(s.staff.inflowLiaison)).get('/console/year/dues');
    expect(inflow.statusCode).toBe(200);
    expect(inflow.body).toContain(`<option value="${s.members.zhang}">张建国`);
  });

  it('a helper is refused every page, and another county’s secretary finds none of this branch', async () => {
    const helper = await as(s.staff.helper);
    for (const page of PAGES) expect((await helper.get(`/console/year/${page}`)).statusCode, page).toBe(403);
    const other = await as(s.staff.otherSecretary);
    for (const page of PAGES) {
      expect((await other.get(`/console/year/${page}?org=${s.branch}`)).statusCode, page).toBe(404);
      expect((await other.get(`/console/year/${page}`)).statusCode, page).toBe(200);
    }
    expect((await other.get(`/console/year/evaluation/${s.branch}/${year()}.xlsx`)).statusCode).toBe(404);
    const forged = await other.submit(`/console/year/evaluation/${s.members.zhang}/result`, { result: 'excellent', reason: 'x', year: String(year()) }, '/console/year/evaluation');
    expect(forged.statusCode).toBe(404);
    const pay = await other.submit('/console/year/dues/payment', { member: String(s.members.zhang), months: '2026-01' }, '/console/year/dues');
    expect(pay.statusCode).toBe(404);
    expect(await db().select().from(duesPayments).where(eq(duesPayments.memberId, s.members.zhang))).toHaveLength(0);
  });
});

describe('the year: what the forms do', () => {
  it('a result recorded on the page is the chat’s: in the evaluations table, audited, and the member told in a queued notice', async () => {
    const secretary = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    const res = await secretary.submit(`/console/year/evaluation/${s.members.chen}/result`, { result: 'qualified', reason: '按时报到', year: String(year()), org: String(s.branch) }, '/console/year/evaluation');
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(String(res.headers.location))).toContain('陈志强');
    const [row] = await db().select().from(evaluations).where(and(eq(evaluations.memberId, s.members.chen), eq(evaluations.year, year())));
    expect(row).toMatchObject({ result: 'qualified', resultReason: '按时报到', resultBy: s.staff.secretary });
    const told = await db().select().from(outboxMessages).where(and(eq(outboxMessages.personId, s.members.chen), like(outboxMessages.idempotencyKey, `evaluation:result:${year()}:%`)));
    expect(told).toHaveLength(1);
    expect(told[0]!.purpose).toBe('membership');
    expect((await auditsSince(h, s.staff.secretary, before, 'evaluation.decide')).length).toBe(1);
    const page = await secretary.get(String(res.headers.location));
    expect(page.body).toContain('合格（按时报到）');
  });

  it('a bad result is said on a page, and nothing is written', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await secretary.submit(`/console/year/evaluation/${s.members.zhao}/result`, { result: 'great', reason: 'x', year: String(year()) }, '/console/year/evaluation');
    expect(res.statusCode).toBe(400);
    expect(await db().select().from(evaluations).where(eq(evaluations.memberId, s.members.zhao))).toHaveLength(0);
  });

  it('the evaluation sheet downloads as the chat’s export', async () => {
    const before = await lastAuditId(h);
    const res = await (await as(s.staff.secretary)).get(`/console/year/evaluation/${s.branch}/${year()}.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(downloadName(res)).toBe(`民主评议-幸福村党支部-${year()}.xlsx`);
    const [audit] = (await auditsSince(h, s.staff.secretary, before, 'membership.manage')).filter((a) => (a.details as { export?: string } | null)?.export === 'evaluations');
    expect(audit?.details).toMatchObject({ via: 'console' });
    const rows = [...(await sheetsOf(res)).values()][0]!;
    expect(rows.some((r) => r[0] === '陈志强' && r.includes('合格') && r.includes('按时报到'))).toBe(true);
  });

  it('arrears show, and a payment recorded on the page clears the months', async () => {
    const secretary = await as(s.staff.secretary);
    const page = await secretary.get(`/console/year/dues?org=${s.branch}`);
    expect(page.body).toContain('张建国');
    expect(page.body).toContain('2026-01 起');
    const res = await secretary.submit('/console/year/dues/payment', { member: String(s.members.zhang), months: '2026-01..2026-02', amount: '', on: '', org: String(s.branch) }, `/console/year/dues?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    const paid = await db().select().from(duesPayments).where(eq(duesPayments.memberId, s.members.zhang)).orderBy(duesPayments.month);
    expect(paid.map((p) => [p.month, p.state, p.amountFen])).toEqual([['2026-01', 'confirmed', 2000], ['2026-02', 'confirmed', 2000]]);
    const bad = await secretary.submit('/console/year/dues/payment', { member: String(s.members.zhang), months: '一月' }, `/console/year/dues?org=${s.branch}`);
    expect(bad.statusCode).toBe(400);
  });

  it('a make-up session recorded on the page is the chat’s /makeup: the branch’s own members only', async () => {
    const secretary = await as(s.staff.secretary);
    const page = await secretary.get(`/console/year/homecoming?org=${s.branch}`);
    expect(page.body).toContain(`name="member" value="${s.members.liu}"`);
    expect(page.body).not.toContain(`name="member" value="${s.members.outsider}"`);
    const res = await secretary.submit('/console/year/homecoming/makeup', { org: String(s.branch), on: '2026-02-10', member: [String(s.members.liu), String(s.members.chen)] }, `/console/year/homecoming?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(String(res.headers.location))).toContain('出席 2 人');
    const present = await db().select().from(makeUpAttendance);
    expect(present.map((a) => a.memberId).sort()).toEqual([s.members.liu, s.members.chen].sort());
    const other = await (await as(s.staff.otherSecretary)).submit('/console/year/homecoming/makeup', { org: String(s.otherBranch), on: '2026-02-10', member: String(s.members.liu) }, '/console/year/homecoming');
    expect(other.statusCode).toBe(404);
  });

  it('an offer posted on the page is listed, its title as text', async () => {
    const secretary = await as(s.staff.secretary);
    const starts = new Date(h.tb.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await secretary.submit('/console/year/jobs/offer', { org: String(s.branch), kind: 'training', title: '<script>alert(1)</script>电工', place: '县职业技术学校', starts, ends: '', skills: '电工' }, `/console/year/jobs?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    expect(await db().select().from(jobOffers)).toHaveLength(1);
    const page = await secretary.get(`/console/year/jobs?org=${s.branch}`);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;电工');
    expect(page.body).not.toContain('<script>alert');
  });

  it('a name holding <script> is shown as text', async () => {
    await db().update(persons).set({ name: '<script>alert(2)</script>' }).where(eq(persons.id, s.members.zhao));
    const page = await (await as(s.staff.secretary)).get('/console/year/evaluation');
    expect(page.body).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert');
  });

  it('forms without the CSRF token are refused', async () => {
    const secretary = await as(s.staff.secretary);
    for (const [url, fields] of [
      [`/console/year/evaluation/${s.members.zhao}/result`, { result: 'excellent', reason: 'x', year: String(year()) }],
      [`/console/year/evaluation/${s.members.zhao}/opinion`, { text: 'x', year: String(year()) }],
      ['/console/year/dues/payment', { member: String(s.members.zhang), months: '2026-05' }],
      ['/console/year/homecoming/makeup', { org: String(s.branch), on: '2026-02-11', member: String(s.members.zhang) }],
      ['/console/year/jobs/offer', { org: String(s.branch), kind: 'job', title: 'x', place: 'y', starts: '2030-01-01' }],
    ] as const) expect((await secretary.post(url, fields)).statusCode, url).toBe(403);
    expect(await db().select().from(evaluations).where(eq(evaluations.memberId, s.members.zhao))).toHaveLength(0);
  });
});
