import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditLog, evaluations, helpRequestEvents, helpRequests, locationRecords, members, persons, reportAttachments, reports,
} from '../../src/db/schema/index.js';
import { recordSection } from '../../src/console/sections/record/index.js';
import { queuedFor } from '../support/bot.js';
import { platformFiles } from '../support/platformFiles.js';
import { startConsole, type Browser, type ConsoleHarness } from '../support/console.js';
import { signInAs, startRecordConsole, type Scopes } from './recordFixture.js';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

let h: ConsoleHarness;
let f: Scopes;
let secretary: Browser;
let photoId: number;
beforeAll(async () => {
  ({ h, f } = await startRecordConsole());
  const db = h.tb.database.db;
  const at = (iso: string) => new Date(iso);
  const zhang = f.members.zhang;
  await db.insert(reports).values({ memberId: zhang, kind: 'monthly', period: '2026-10', submittedAt: at('2026-10-03T12:00:00Z'), work: 'working', movedSinceLast: true, hasDifficulty: true, studied: true });
  const [help] = await db.insert(helpRequests).values({
    memberId: zhang, category: 'wages', urgency: 'urgent', status: 'in_progress', assigneeId: f.staff.liaison,
    description: `老板拖欠三个月工资 ${SCRIPT}`, createdAt: at('2026-10-20T02:00:00Z'), updatedAt: at('2026-10-21T02:00:00Z'),
  }).returning({ id: helpRequests.id });
  await db.insert(helpRequestEvents).values({ requestId: help!.id, at: at('2026-10-21T02:00:00Z'), actorId: f.staff.liaison, fromStatus: 'open', toStatus: 'in_progress', note: `已联系劳动监察 ${SCRIPT}` });
  const [thought] = await db.select({ id: reports.id }).from(reports).where(and(eq(reports.memberId, zhang), eq(reports.kind, 'thought')));
  await db.update(reports).set({ body: `这个季度我认真学习了党章。${SCRIPT}`, submittedAt: at('2026-10-25T11:00:00Z') }).where(eq(reports.id, thought!.id));
  const [photo] = await db.insert(reportAttachments).values({ reportId: thought!.id, platform: 'telegram', fileRef: 'AgAD-page-1', mime: 'image/jpeg', addedAt: at('2026-10-25T11:00:00Z') }).returning({ id: reportAttachments.id });
  photoId = photo!.id;
  await db.insert(evaluations).values({ memberId: zhang, year: 2025, result: 'qualified', resultReason: '按时报到', resultBy: f.staff.secretary, resultAt: at('2025-12-20T03:00:00Z') });
  await db.insert(locationRecords).values({ memberId: zhang, regionCode: '440305', source: 'picked', recordedAt: at('2026-09-01T03:00:00Z') });
  secretary = await signInAs(h, f.staff.secretary);
});
afterAll(async () => h?.close());

const record = (id = f.members.zhang) => `/console/members/${id}`;
const post = (b: Browser, path: string, fields: Record<string, string>, id = f.members.zhang) => b.submit(`${record(id)}/${path}`, fields, '/console/');

describe('the tracking card (跟踪管理卡) as one timeline', () => {
  it('shows reports with their answers, help with its words and notes, thought reports with their text, places by name, evaluations; newest first', async () => {
    const page = await secretary.get(record());
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('2026-10 月度报到：在工作；换了地方；有困难需要帮忙；本月学习了');
    expect(body).toContain('🔴 紧急');
    expect(body).toContain('讨要工资，办理中');
    expect(body).toContain('办理人：李联络员');
    expect(body).toContain('已联系劳动监察');
    expect(body).toContain('这个季度我认真学习了党章。');
    expect(body).toContain('广东省 深圳市 南山区');
    expect(body).not.toContain('440305');
    expect(body).toContain('2025 年民主评议结果：合格。理由：按时报到');
    const order = ['2026-Q4 思想汇报', '讨要工资', '2026-10 月度报到', '广东省 深圳市 南山区', '2025 年民主评议结果'].map((s) => body.lastIndexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // 三有三知 at a glance.
    expect(body).toContain('有卡');
    expect(body).toContain('知思想');
    expect(body).toContain('2025 年民主评议：合格');
    expect(body).toContain('未办结的求助 2 件');
  });

  it('shows a help request and a thought report holding <script> as text', async () => {
    const body = (await secretary.get(record())).body;
    expect(body).not.toContain(SCRIPT);
    expect(body.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(3);
  });

  it('dates every entry on the reader’s clock', async () => {
    expect((await secretary.get(record())).body).toContain('2026-10-20 10:00');
    await h.tb.database.db.update(persons).set({ timezone: 'Asia/Urumqi' }).where(eq(persons.id, f.staff.secretary));
    expect((await secretary.get(record())).body).toContain('2026-10-20 08:00');
    await h.tb.database.db.update(persons).set({ timezone: 'Asia/Shanghai' }).where(eq(persons.id, f.staff.secretary));
  });

  it('viewing is audited as member.view, with ids only', async () => {
    await secretary.get(record());
    const rows = await h.tb.database.db.select().from(auditLog).where(and(eq(auditLog.actorId, f.staff.secretary), eq(auditLog.action, 'member.view')));
    expect(rows.at(-1)).toMatchObject({ targetKind: 'member', targetId: String(f.members.zhang), details: { allowed: true, via: 'console' } });
  });

  it('links a handwritten page through a route that checks scope, and says when the platform cannot be reached from here', async () => {
    const body = (await secretary.get(record())).body;
    expect(body).toContain(`href="/console/members/${f.members.zhang}/photos/${photoId}"`);
    const page = await secretary.get(`${record()}/photos/${photoId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Telegram 上发的，控制台现在取不到它');
    // The page of another member's report is not reached through this member's address.
    expect((await secretary.get(`${record(f.members.liu)}/photos/${photoId}`)).statusCode).toBe(404);
    const outsider = await signInAs(h, f.staff.otherSecretary);
    expect((await outsider.get(`${record()}/photos/${photoId}`)).statusCode).toBe(404);
  });

  it('serves the page itself when the platform can be reached', async () => {
    const { files, state } = platformFiles(() => ({ data: Buffer.from('JPEGDATA'), mime: 'image/jpeg' }));
    const other = await startConsole({ tb: h.tb, sections: [recordSection({ files })] });
    try {
      const browser = await signInAs(other, f.staff.liaison);
      const res = await browser.get(`${record()}/photos/${photoId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body).toBe('JPEGDATA');
      expect(state.fetched).toEqual(['telegram:AgAD-page-1']);
      state.reachable = false;
      const down = await browser.get(`${record()}/photos/${photoId}`);
      expect(down.body).toContain('控制台现在取不到它');
      expect(h.tb.logs.text).not.toContain('AgAD-page-1');
    } finally {
      await other.server.close();
    }
  });
});

describe('actions on the record', () => {
  it('logs a contact through the chat’s own function, and shows its answer after the redirect', async () => {
    const res = await post(secretary, 'contact', { kind: 'visit', note: `在家，身体好 ${SCRIPT}` });
    expect(res.statusCode).toBe(303);
    const page = await secretary.get(res.headers.location as string);
    expect(page.body).toContain('已记下：走访了 张建国。本月已联系。');
    expect(page.body).toContain('在家，身体好');
    expect(page.body).not.toContain(SCRIPT);
    const audit = await h.tb.database.db.select().from(auditLog).where(and(eq(auditLog.actorId, f.staff.secretary), eq(auditLog.action, 'log_contact')));
    expect(audit).toHaveLength(1);
  });

  it('assigns a liaison and tells them in chat, as /assign does', async () => {
    const res = await post(secretary, 'assign', { role: 'liaison', personId: String(f.staff.liaison) });
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(res.headers.location as string)).toContain('已安排：张建国 的联络员是 李联络员');
    const told = await queuedFor(h.tb.database, `person-${f.staff.liaison}`);
    expect(told.map((m) => m.text).join('\n')).toContain('您被安排为 幸福村党支部 张建国 的联络员');
    const refused = await post(secretary, 'assign', { role: 'liaison', personId: String(f.staff.otherSecretary) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('这个人不是这位党员所在组织的联络员');
  });

  it('registers a departure and a return, issues a certificate and records its hand-over; each shows on the card', async () => {
    expect((await post(secretary, 'certificate', { number: 'LD-2026-001', issuedOn: '2026-11-01', validUntil: '2027-04-30', inflowOrgId: String(f.inflow) })).statusCode).toBe(303);
    const liaison = await signInAs(h, f.staff.inflowLiaison);
    expect((await post(liaison, 'handover', { on: '2026-11-05' })).statusCode).toBe(303);
    expect((await post(secretary, 'departure', { departedOn: '2026-11-06', destination: '杭州', employer: '某物流公司', occupation: '快递员' })).statusCode).toBe(303);
    const again = await post(secretary, 'departure', { departedOn: '2026-11-07', destination: '杭州' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已经有一次外出登记（2026-11-06 起）还没有返乡');
    const badDate = await post(secretary, 'return', { returnedOn: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('“2026-02-30”不是日期');
    expect((await post(secretary, 'return', { returnedOn: '2026-11-09' })).statusCode).toBe(303);
    const body = (await secretary.get(record())).body;
    expect(body).toContain('发放活动证 LD-2026-001（2026-11-01 至 2027-04-30），交 东莞市长安镇流动党员党支部');
    expect(body).toContain('活动证 LD-2026-001 已交流入地党组织（2026-11-05）');
    expect(body).toContain('2026-11-06 起外出，去 浙江省 杭州市');
    expect(body).toContain('某物流公司，快递员');
    expect(body).toContain('已于 2026-11-09 返乡');
    expect(body).toContain('办理返乡，查验活动证 1 本');
  });

  it('attaches to an inflow organisation and detaches again', async () => {
    expect((await post(secretary, 'attach', { inflowOrgId: String(f.inflow) })).statusCode).toBe(303);
    const off = await post(secretary, 'attach', { inflowOrgId: '' });
    expect(decodeURIComponent(off.headers.location as string)).toContain('已不再由 东莞市长安镇流动党员党支部 管理');
    const notInflow = await post(secretary, 'attach', { inflowOrgId: String(f.branch) });
    expect(notInflow.statusCode).toBe(409);
    expect(notInflow.body).toContain('这不是流入地党组织或临时党支部');
  });

  it('transfers only after a second, confirmed step; the member then leaves the secretary’s list', async () => {
    const chen = f.members.chen;
    const ask = await post(secretary, 'transfer', { org: '城关镇党委' }, chen);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('确认把 陈志强 的组织关系从 幸福村党支部 转到 城关镇党委 吗？');
    expect(ask.body).toMatch(/<form method="post" action="\/console\/members\/\d+\/transfer" class="panel" data-confirm="[^"]+">/);
    expect(ask.body).toContain('name="confirm" value="yes" required');
    const home = async () => (await h.tb.database.db.select({ home: members.homeOrgId }).from(members).where(eq(members.personId, chen)))[0]!.home;
    expect(await home()).toBe(f.branch);
    const orgId = /name="orgId" value="(\d+)"/.exec(ask.body)![1]!;
    // The confirming form without its tick box does not transfer; it only asks again.
    const again = await post(secretary, 'transfer', { orgId }, chen);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('确认把 陈志强 的组织关系');
    expect(await home()).toBe(f.branch);
    const done = await post(secretary, 'transfer', { orgId, confirm: 'yes' }, chen);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/console\/members\?notice=/);
    expect(decodeURIComponent(done.headers.location as string)).toContain('陈志强 的组织关系已从 幸福村党支部 转到 城关镇党委');
    expect(await home()).not.toBe(f.branch);
    expect((await secretary.get(record(chen))).statusCode).toBe(404);
    const unknown = await post(secretary, 'transfer', { org: '没有这个组织' });
    expect(unknown.body).toContain('没有叫“没有这个组织”的党组织');
  });

  it('speaks English to a person who chose it', async () => {
    secretary.cookies.set('ld_lang', 'en');
    const body = (await secretary.get(record())).body;
    secretary.cookies.delete('ld_lang');
    expect(body).toContain('Record of 张建国');
    expect(body).toContain('Tracking card');
    expect(body).toContain('Shenzhen');
  });
});
