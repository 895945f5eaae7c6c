import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpRequestEvents, helpRequests, outboxMessages } from '../../src/db/schema/index.js';
import { runHelpEscalation } from '../../src/schedules/helpEscalation.js';
import { incoming, press } from '../support/bot.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  // The members' own words, one of them with markup in it.
  await db().update(helpRequests).set({ description: '老板拖欠三个月工资<script>alert(1)</script>', urgency: 'urgent' }).where(eq(helpRequests.id, req('zhang')));
  await db().update(helpRequests).set({ description: '孩子上学的事', category: 'schooling' }).where(eq(helpRequests.id, req('liu')));
  await db().update(helpRequests).set({ description: '看病报销', category: 'medical' }).where(eq(helpRequests.id, req('chen')));
  await db().update(helpRequests).set({ description: '别县的求助' }).where(eq(helpRequests.id, req('outsider')));
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const req = (who: keyof Scopes['members']) => s.requests.get(s.members[who])!;
const chatOf = (name: string) => s.demo.people.find((p) => p.name === name)!.terminalUserId!;
const requestRow = async (id: number) => (await db().select().from(helpRequests).where(eq(helpRequests.id, id)))[0]!;
const queuedTo = async (personId: number, key: string) => db().select().from(outboxMessages).where(and(eq(outboxMessages.personId, personId), like(outboxMessages.idempotencyKey, `${key}%`)));

describe('help desk: who sees which requests', () => {
  it('a secretary and a county admin see the branch’s queue with category, urgency, age and holder; not another county’s', async () => {
    for (const who of [s.staff.secretary, s.staff.admin]) {
      const page = await (await as(who)).get('/console/help');
      expect(page.statusCode).toBe(200);
      for (const name of ['张建国', '刘秀英', '陈志强']) expect(page.body, name).toContain(name);
      expect(page.body).not.toContain('别村党员');
      expect(page.body).toContain('子女上学');
      expect(page.body).toContain('紧急');
      expect(page.body).toContain('还没有人接办');
      expect(page.body).toContain('共 3 条');
      // Urgent first.
      expect(page.body.indexOf(`/console/help/${req('zhang')}"`)).toBeLessThan(page.body.indexOf(`/console/help/${req('liu')}"`));
    }
  });

  it('a liaison sees their caseload, a helper only the member paired with them, and the filters narrow the queue', async () => {
    const liaison = await (await as(s.staff.liaison)).get('/console/help');
    expect(liaison.body).toContain('共 3 条');
    const helper = await (await as(s.staff.helper)).get('/console/help');
    expect(helper.statusCode).toBe(200);
    expect(helper.body).toContain('刘秀英');
    expect(helper.body).not.toContain('张建国');
    const secretary = await as(s.staff.secretary);
    const urgent = await secretary.get('/console/help?urgency=urgent');
    expect(urgent.body).toContain('共 1 条');
    expect(urgent.body).toContain('张建国');
    const schooling = await secretary.get('/console/help?category=schooling&state=open');
    expect(schooling.body).toContain('共 1 条');
    expect(schooling.body).toContain('刘秀英');
    expect((await secretary.get('/console/help?state=resolved')).body).toContain('没有符合条件的求助');
    // Junk in the query is ignored, not an error.
    expect((await secretary.get('/console/help?state=%3Cx%3E&urgency=1&category=zzz&p=abc')).statusCode).toBe(200);
  });

  it('another county’s secretary sees only their own, and a request of this branch is not there for them', async () => {
    const other = await as(s.staff.otherSecretary);
    const page = await other.get('/console/help');
    expect(page.body).toContain('别村党员');
    expect(page.body).not.toContain('张建国');
    expect((await other.get(`/console/help/${req('zhang')}`)).statusCode).toBe(404);
    for (const step of ['take', 'resolve', 'note', 'handover']) {
      const res = await other.submit(`/console/help/${req('zhang')}/${step}`, { note: 'x', to: String(s.staff.otherSecretary) }, '/console/help');
      expect(res.statusCode, step).toBe(404);
    }
    expect(await requestRow(req('zhang'))).toMatchObject({ status: 'open', assigneeId: null });
    const helper = await as(s.staff.helper);
    expect((await helper.get(`/console/help/${req('zhang')}`)).statusCode).toBe(404);
    expect((await helper.get(`/console/help/${req('liu')}`)).statusCode).toBe(200);
    expect((await helper.get('/console/help/abc')).statusCode).toBe(404);
  });

  it('the member’s words are shown as text, in the list and on the request’s page', async () => {
    const secretary = await as(s.staff.secretary);
    for (const url of ['/console/help', `/console/help/${req('zhang')}`]) {
      const page = await secretary.get(url);
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.body).not.toContain('<script>alert');
    }
  });
});

describe('help desk: working a request is the chat’s /hr', () => {
  it('take, note, hand over: audited via the console, the new holder told in chat', async () => {
    const secretary = await as(s.staff.secretary);
    const id = req('chen');
    const before = await lastAuditId(h);
    const taken = await secretary.submit(`/console/help/${id}/take`, {}, `/console/help/${id}`);
    expect(taken.statusCode).toBe(303);
    expect(decodeURIComponent(String(taken.headers.location))).toContain(`求助 ${id} 由您来办`);
    expect(await requestRow(id)).toMatchObject({ status: 'in_progress', assigneeId: s.staff.secretary });
    const audits = await auditsSince(h, s.staff.secretary, before, 'help.handle');
    expect(audits.map((a) => a.details)).toEqual(expect.arrayContaining([expect.objectContaining({ allowed: true, step: 'take', via: 'console', requestId: id })]));

    const noted = await secretary.submit(`/console/help/${id}/note`, { note: '已联系医保局<b>' }, `/console/help/${id}`);
    expect(noted.statusCode).toBe(303);
    const empty = await secretary.submit(`/console/help/${id}/note`, { note: '  ' }, `/console/help/${id}`);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('备注不能是空的');

    const page = await secretary.get(`/console/help/${id}`);
    expect(page.body).toContain('办理中');
    expect(page.body).toContain('王书记 接办');
    expect(page.body).toContain('已联系医保局&lt;b&gt;');
    expect(page.body).toContain(`<option value="${s.staff.liaison}">李联络员</option>`);
    expect(page.body).not.toContain(`<option value="${s.staff.otherSecretary}">`);

    const outsider = await secretary.submit(`/console/help/${id}/handover`, { to: String(s.staff.otherSecretary) }, `/console/help/${id}`);
    expect(outsider.statusCode).toBe(409);
    expect(outsider.body).toContain('接手的人看不到这位党员');
    const handed = await secretary.submit(`/console/help/${id}/handover`, { to: String(s.staff.liaison) }, `/console/help/${id}`);
    expect(handed.statusCode).toBe(303);
    expect(await requestRow(id)).toMatchObject({ status: 'assigned', assigneeId: s.staff.liaison });
    expect(await queuedTo(s.staff.liaison, `help-handover:${id}:`)).toHaveLength(1);
    expect((await secretary.submit(`/console/help/${id}/handover`, { to: '' }, `/console/help/${id}`)).statusCode).toBe(400);
  });

  it('resolve asks the member in chat; their confirmation or reopening shows on the page', async () => {
    const liaison = await as(s.staff.liaison);
    const id = req('liu');
    const page = await liaison.get(`/console/help/${id}`);
    expect(page.body).toContain('data-confirm=');
    const resolved = await liaison.submit(`/console/help/${id}/resolve`, {}, `/console/help/${id}`);
    expect(resolved.statusCode).toBe(303);
    const [asked] = await queuedTo(s.members.liu, `help-resolved:${id}:`);
    expect(asked!.payload).toMatchObject({ text: expect.stringContaining(`求助 ${id} 支部说已经解决了`) });
    expect((await liaison.get(`/console/help/${id}`)).body).toContain('正在等党员确认');
    // Resolving twice is refused with the chat's words, and changes nothing.
    const again = await liaison.submit(`/console/help/${id}/resolve`, {}, `/console/help/${id}`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已经办结');

    // 刘秀英 taps 还没解决 in her chat.
    await h.tb.bot.core.handle(incoming(chatOf('刘秀英'), press(`hr:reopen:${id}`)));
    const reopened = await liaison.get(`/console/help/${id}`);
    expect(reopened.body).toContain('刘秀英 说还没解决，重新打开');
    expect(reopened.body).toContain('求助已重新打开');
    await liaison.submit(`/console/help/${id}/resolve`, {}, `/console/help/${id}`);
    await h.tb.bot.core.handle(incoming(chatOf('刘秀英'), press(`hr:confirm:${id}`)));
    const confirmed = await liaison.get(`/console/help/${id}`);
    expect(confirmed.body).toContain('确认问题已解决');
    expect(confirmed.body).not.toContain(`/console/help/${id}/take`);
    const list = await liaison.get('/console/help?state=resolved');
    expect(list.body).toContain('党员已确认解决');
  });

  it('an escalation nobody took is visible in the queue and on the request', async () => {
    // It came in three hours ago (the clock stays: the console's sessions go idle when it moves).
    const before = new Date(h.tb.clock.now().getTime() - 3 * 3_600_000);
    await db().update(helpRequests).set({ createdAt: before, updatedAt: before }).where(eq(helpRequests.id, req('zhang')));
    await runHelpEscalation(db(), h.tb.clock.now(), { URGENT_TAKE_HOURS: 2, NORMAL_TAKE_DAYS: 2 });
    expect((await requestRow(req('zhang'))).escalationLevel).toBe(1);
    const secretary = await as(s.staff.secretary);
    expect((await secretary.get('/console/help?urgency=urgent')).body).toContain('没人接办，已转支部书记');
    const page = await secretary.get(`/console/help/${req('zhang')}`);
    expect(page.body).toContain('没人按时接办，已往上转');
    const events = await db().select().from(helpRequestEvents).where(eq(helpRequestEvents.requestId, req('zhang')));
    expect(events.some((e) => e.actorId === null)).toBe(true);
  });

  it('forms without the CSRF token are refused and change nothing', async () => {
    const secretary = await as(s.staff.secretary);
    for (const step of ['take', 'note', 'resolve', 'handover']) {
      const res = await secretary.post(`/console/help/${req('zhang')}/${step}`, { note: 'x', to: String(s.staff.liaison) });
      expect(res.statusCode, step).toBe(403);
    }
    expect(await requestRow(req('zhang'))).toMatchObject({ status: 'open', assigneeId: null });
  });
});

describe('help desk: a long queue', () => {
  it('comes 50 to a page, the filters kept in the page links', async () => {
    const now = h.tb.clock.now();
    await db().insert(helpRequests).values(Array.from({ length: 55 }, (_, i) => ({
      memberId: s.members.zhao, category: 'jobs' as const, description: `找工作 ${i}`, createdAt: new Date(now.getTime() - i * 60_000), updatedAt: now,
    })));
    const secretary = await as(s.staff.secretary);
    const first = await secretary.get('/console/help?category=jobs');
    expect(first.body).toContain('共 55 条');
    expect(first.body).toContain('第 1 页，共 2 页');
    expect((first.body.match(/<tr class=|<tr>/g) ?? []).length).toBe(51);
    expect(first.body).toContain('href="/console/help?category=jobs&amp;p=2"');
    const second = await secretary.get('/console/help?category=jobs&p=2');
    expect(second.body).toContain('第 2 页，共 2 页');
    expect((second.body.match(/<tr class=|<tr>/g) ?? []).length).toBe(6);
    // Past the end: no rows, and still the count and the way back.
    const past = await secretary.get('/console/help?category=jobs&p=9');
    expect(past.body).toContain('rel="prev"');
  });
});
