import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcasts, outboxMessages } from '../../src/db/schema/index.js';
import { sendDueNotices } from '../../src/features/broadcasts/scheduled.js';
import { broadcastsSectionWith } from '../../src/console/sections/broadcasts/index.js';
import { incoming, press } from '../support/bot.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const pacing = () => ({ defaults: h.tb.config, timezone: h.tb.config.DEFAULT_TIMEZONE });
/** The composer's fields for the demo branch, with these changes. */
const fields = (over: Record<string, string | string[]> = {}) => ({ org: String(s.branch), status: [], rank: '', place: '', exclude: '', text: '', item: '', when: 'now', sendAt: '', ...over });
const query = (f: Record<string, string | string[]>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  return q.toString();
};
const rowsOf = (broadcastId: number) => db().select().from(outboxMessages).where(eq(outboxMessages.broadcastId, broadcastId));
const latest = async () => (await db().select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(1))[0];

describe('通知 in the console: who may use it', () => {
  it('is for secretaries and admins: a liaison and a helper are refused every page, and see no entry for it', async () => {
    for (const who of [s.staff.liaison, s.staff.helper]) {
      const b = await as(who);
      expect((await b.get('/console/')).body).not.toContain('href="/console/broadcasts"');
      for (const path of ['/console/broadcasts', '/console/broadcasts/new', `/console/broadcasts/live?${query(fields())}`]) {
        expect((await b.get(path)).statusCode, path).toBe(403);
      }
      expect((await b.submit('/console/broadcasts', { ...fields({ text: 'x' }), confirm: '1' }, '/console/')).statusCode).toBe(403);
    }
    const secretary = await as(s.staff.secretary);
    expect((await secretary.get('/console/')).body).toContain('href="/console/broadcasts"');
    expect((await secretary.get('/console/broadcasts')).statusCode).toBe(200);
    const composer = await secretary.get('/console/broadcasts/new');
    expect(composer.statusCode).toBe(200);
    expect(composer.body).toContain('幸福村党支部');
    expect(composer.body).toContain('/console/assets/broadcasts.js');
  });
});

describe('in English', () => {
  it('shows the composer and the list in the person’s language; the preview stays as members get it', async () => {
    const admin = await h.signInAs(s.staff.admin);
    await admin.get('/console/language?to=en');
    const composer = await admin.get('/console/broadcasts/new');
    expect(composer.body).toContain('To whom');
    expect(composer.body).toContain('Goes to');
    expect(composer.body).toContain('Urgent: deliver at once');
    expect(composer.body).toContain('📢 支部通知');
    expect((await admin.get('/console/broadcasts')).body).toContain('New notice');
  });
});

describe('the composer counts and names the audience as the filters change', () => {
  it('by category, 正式/预备, occupation, place by name, overdue, and people left out by name', async () => {
    const secretary = await as(s.staff.secretary);
    const live = async (over: Record<string, string | string[]>) => (await secretary.get(`/console/broadcasts/live?${query(fields(over))}`)).body;
    const count = (body: string) => Number(/data-members="(\d+)"/.exec(body)?.[1]);
    expect(count(await live({}))).toBe(4);
    const mobile = await live({ status: 'mobile' });
    expect(count(mobile)).toBe(3);
    expect(mobile).toContain('陈志强');
    expect(count(await live({ status: ['mobile', 'laid_off'] }))).toBe(4);
    expect(count(await live({ rank: 'probationary' }))).toBe(1);
    expect(count(await live({ rank: 'full', status: 'mobile' }))).toBe(2);
    expect(count(await live({ occupation: '快递员' }))).toBe(1);
    const dongguan = await live({ place: '东莞' });
    expect(count(dongguan)).toBe(1);
    expect(dongguan).toContain('张建国');
    expect(count(await live({ place: '杭州 深圳南山' }))).toBe(2);
    const excluded = await live({ status: 'mobile', exclude: '陈志强、赵小红' });
    expect(count(excluded)).toBe(1);
    expect(excluded).not.toContain('陈志强');
    expect(count(await live({ overdue: '1' }))).toBe(4);
    // The text as members will see it, with the button under it.
    const preview = await live({ text: '本月主题党日改在 25 日 <b>' });
    expect(preview).toContain('📢 支部通知');
    expect(preview).toContain('本月主题党日改在 25 日 &lt;b&gt;');
    expect(preview).toContain('✅ 已读');
  });

  it('says back what it cannot use, and counts nobody outside the person’s scope', async () => {
    const secretary = await as(s.staff.secretary);
    const typo = (await secretary.get(`/console/broadcasts/live?${query(fields({ place: '火星', exclude: '王不在' }))}`)).body;
    expect(typo).toContain('没找到这个地点：火星');
    expect(typo).toContain('没有叫 王不在 的党员');
    const other = await as(s.staff.otherSecretary);
    const outside = (await other.get(`/console/broadcasts/live?${query(fields())}`)).body;
    expect(outside).toContain('不在您的管理范围内');
    expect(outside).toContain('data-members="0"');
    expect(outside).not.toContain('张建国');
  });

  it('works without script: 预览 posts the fields and gets the composer back, filled and counted', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await secretary.submit('/console/broadcasts/new', { ...fields({ status: 'laid_off', text: '招聘会' }), preview: '1' }, '/console/broadcasts/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-members="1"');
    expect(res.body).toContain('刘秀英');
    expect(res.body).toMatch(/value="laid_off" checked/);
    expect(res.body).toContain('>招聘会</textarea>');
  });
});

describe('confirm, then send', () => {
  it('asks for confirmation with the count and the text; an empty text or a refused filter sends nothing', async () => {
    const secretary = await as(s.staff.secretary);
    const before = (await db().select().from(broadcasts)).length;
    const empty = await secretary.submit('/console/broadcasts/confirm', fields({ status: 'mobile' }), '/console/broadcasts/new');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请写通知内容');
    const confirm = await secretary.submit('/console/broadcasts/confirm', fields({ status: 'mobile', text: '党日改期' }), '/console/broadcasts/new');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('发给 3 位党员');
    expect(confirm.body).toContain('确认发送');
    expect(confirm.body).toContain('name="status" value="mobile"');
    const urgent = await secretary.submit('/console/broadcasts', { ...fields({ text: '马上', urgent: '1' }), confirm: '1' }, '/console/broadcasts/new');
    expect(urgent.statusCode).toBe(400);
    expect(urgent.body).toContain('只有组织管理员');
    const other = await as(s.staff.otherSecretary);
    const mark = await lastAuditId(h);
    expect((await other.submit('/console/broadcasts', { ...fields({ text: '越权' }), confirm: '1' }, '/console/broadcasts/new')).statusCode).toBe(400);
    expect(await db().select().from(broadcasts)).toHaveLength(before);
    expect((await auditsSince(h, s.staff.otherSecretary, mark, 'broadcast.compose')).map((a) => a.details)).toEqual([expect.objectContaining({ allowed: false, via: 'console' })]);
  });

  it('sends now in each member’s own hours: a row per reachable member, audited, then the notice’s page with its counts', async () => {
    // 09:00 in Shanghai: before the members' afternoon, so a notice that is not urgent waits for it.
    h.tb.clock.current = new Date('2026-11-11T01:00:00Z');
    // A day later than the sign-ins above: a fresh session.
    const secretary = await h.signInAs(s.staff.secretary);
    const mark = await lastAuditId(h);
    const sent = await secretary.submit('/console/broadcasts', { ...fields({ status: 'mobile', exclude: '陈志强', text: '党日改期到 25 日\r\n地点不变' }), confirm: '1' }, '/console/broadcasts/new');
    expect(sent.statusCode).toBe(303);
    const b = (await latest())!;
    expect(String(sent.headers.location)).toMatch(new RegExp(`^/console/broadcasts/${b.id}\\?notice=`));
    expect(b).toMatchObject({ kind: 'notice', body: '党日改期到 25 日\n地点不变', urgent: false, createdBy: s.staff.secretary });
    const rows = await rowsOf(b.id);
    expect(rows.map((r) => r.personId)).toEqual([s.members.zhang]);
    expect((rows[0]!.payload as { text: string }).text).toContain('党日改期到 25 日\n地点不变');
    expect(rows[0]!.nextAttemptAt.getTime()).toBe(new Date('2026-11-11T06:00:00Z').getTime());
    expect((await auditsSince(h, s.staff.secretary, mark, 'broadcast.compose')).map((a) => a.details)).toEqual([expect.objectContaining({ allowed: true, via: 'console' })]);

    const page = await secretary.get(String(sent.headers.location));
    expect(page.body).toContain('已排队：1 位党员');
    expect(page.body).toContain('党日改期到 25 日');
    expect(page.body).toContain('data-state="sending"');
    const progress = JSON.parse((await secretary.get(`/console/broadcasts/${b.id}/progress`)).body);
    expect(progress).toMatchObject({ state: 'sending', members: 1, delivered: 0, failed: 0, waiting: 1, read: 0 });
    expect((await secretary.get('/console/broadcasts')).body).toContain('党日改期到 25 日');

    // Another county's secretary cannot see it; nor its progress.
    const other = await h.signInAs(s.staff.otherSecretary);
    expect((await other.get(`/console/broadcasts/${b.id}`)).statusCode).toBe(404);
    expect((await other.get(`/console/broadcasts/${b.id}/progress`)).statusCode).toBe(404);
    expect((await other.get('/console/broadcasts')).body).not.toContain('党日改期到 25 日');
  });

  it('an admin’s urgent notice goes at once; delivered, failed by name and read show on its page', async () => {
    const admin = await h.signInAs(s.staff.admin);
    const sent = await admin.submit('/console/broadcasts', { ...fields({ status: 'mobile', text: '紧急：防汛', urgent: '1' }), confirm: '1' }, '/console/broadcasts/new');
    expect(sent.statusCode).toBe(303);
    const b = (await latest())!;
    expect(b.urgent).toBe(true);
    const rows = await rowsOf(b.id);
    expect(rows.map((r) => r.personId).sort()).toEqual([s.members.zhang, s.members.chen].sort());
    expect(rows.every((r) => r.nextAttemptAt.getTime() === h.tb.clock.now().getTime())).toBe(true);
    await db().update(outboxMessages).set({ status: 'sent', sentAt: h.tb.clock.now() }).where(and(eq(outboxMessages.broadcastId, b.id), eq(outboxMessages.personId, s.members.zhang)));
    await db().update(outboxMessages).set({ status: 'failed', lastError: 'blocked' }).where(and(eq(outboxMessages.broadcastId, b.id), eq(outboxMessages.personId, s.members.chen)));
    // 张建国 taps 已读 under it.
    await h.tb.bot.core.handle(incoming(s.demo.people.find((p) => p.name === '张建国')!.terminalUserId!, press(`notice:read:${b.id}`)));
    const progress = JSON.parse((await admin.get(`/console/broadcasts/${b.id}/progress`)).body);
    expect(progress).toMatchObject({ state: 'done', members: 2, delivered: 1, failed: 1, read: 1, failedNames: ['陈志强'] });
    const page = await admin.get(`/console/broadcasts/${b.id}`);
    expect(page.body).toContain('已发完');
    expect(page.body).toMatch(/id="bc-failed-names"[^>]*>陈志强</);
    expect(page.body).not.toMatch(new RegExp(`>${s.members.chen}<`));
  });
});

describe('a notice set for a time', () => {
  it('is kept until its time, listed as waiting, sent once when due, and can be cancelled before', async () => {
    h.tb.clock.current = new Date('2026-11-12T02:00:00Z');
    const secretary = await h.signInAs(s.staff.secretary);
    const past = await secretary.submit('/console/broadcasts', { ...fields({ status: 'laid_off', text: '昨天的', when: 'later', sendAt: '2026-11-11T10:00' }), confirm: '1' }, '/console/broadcasts/new');
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('已经过去了');
    // 18:30 in Shanghai, the staff person's clock.
    const set = await secretary.submit('/console/broadcasts', { ...fields({ status: 'laid_off', text: '今晚学习', when: 'later', sendAt: '2026-11-12T18:30' }), confirm: '1' }, '/console/broadcasts/new');
    expect(set.statusCode).toBe(303);
    const b = (await latest())!;
    expect(b.sendAt?.toISOString()).toBe('2026-11-12T10:30:00.000Z');
    expect(b.queuedAt).toBeNull();
    expect(await rowsOf(b.id)).toEqual([]);
    expect((await secretary.get('/console/broadcasts')).body).toContain('定于 2026-11-12 18:30 发送');

    expect(await sendDueNotices(db(), new Date('2026-11-12T10:29:00Z'), pacing())).toBe(0);
    expect(await sendDueNotices(db(), new Date('2026-11-12T10:30:00Z'), pacing())).toBe(1);
    expect(await sendDueNotices(db(), new Date('2026-11-12T10:31:00Z'), pacing())).toBe(0);
    expect((await rowsOf(b.id)).map((r) => r.personId)).toEqual([s.members.liu]);

    const another = await secretary.submit('/console/broadcasts', { ...fields({ text: '取消我', when: 'later', sendAt: '2026-11-13T18:30' }), confirm: '1' }, '/console/broadcasts/new');
    const c = (await latest())!;
    expect(another.statusCode).toBe(303);
    const cancelled = await secretary.submit(`/console/broadcasts/${c.id}/cancel`, {}, `/console/broadcasts/${c.id}`);
    expect(cancelled.statusCode).toBe(303);
    expect(await sendDueNotices(db(), new Date('2026-11-14T00:00:00Z'), pacing())).toBe(0);
    expect(await rowsOf(c.id)).toEqual([]);
    expect((await secretary.get(`/console/broadcasts/${c.id}`)).body).toContain('已取消');
  });
});

describe('a notice to more members than one request should queue', () => {
  it('is handed to the scheduled runner, due at once: the page says it is being queued, then it goes once', async () => {
    // The same console with a limit of 2 members per request (5,000 in production).
    const { h: small, s: ss } = await startScopedConsole([broadcastsSectionWith({ queueInRequestUpTo: 2 })]);
    try {
      const secretary = await small.signInAs(ss.staff.secretary);
      const sent = await secretary.submit('/console/broadcasts', { ...fields({ org: String(ss.branch), status: 'mobile', text: '人多的通知' }), confirm: '1' }, '/console/broadcasts/new');
      expect(sent.statusCode).toBe(303);
      const [b] = await small.tb.database.db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(1);
      expect(b!.queuedAt).toBeNull();
      expect(b!.sendAt?.getTime()).toBe(small.tb.clock.now().getTime());
      const page = await secretary.get(String(sent.headers.location));
      expect(page.body).toContain('正在后台排队');
      expect(page.body).toContain('排队中，马上开始发送');
      expect(await sendDueNotices(small.tb.database.db, small.tb.clock.now(), { defaults: small.tb.config, timezone: small.tb.config.DEFAULT_TIMEZONE })).toBe(1);
      const rows = await small.tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.broadcastId, b!.id));
      expect(rows).toHaveLength(2);
      const progress = JSON.parse((await secretary.get(`/console/broadcasts/${b!.id}/progress`)).body);
      expect(progress).toMatchObject({ state: 'sending', members: 2, waiting: 2 });
    } finally {
      await small.close();
    }
  });
});
