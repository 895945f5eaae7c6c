import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages, reportAttachments, reports, trackingEntries } from '../../src/db/schema/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let photoId = 0;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  await db().update(reports).set({ body: '本季度在东莞打工，坚持学习<script>alert(3)</script>' }).where(eq(reports.id, report('zhang')));
  await db().update(reports).set({ body: null }).where(eq(reports.id, report('liu')));
  // 刘秀英 wrote hers by hand: one photo, kept as the platform's file reference.
  const [photo] = await db().insert(reportAttachments).values({ reportId: report('liu'), platform: 'telegram', fileRef: 'AgACAgUAAx', mime: 'image/jpeg', addedAt: h.tb.clock.now() }).returning();
  photoId = photo!.id;
  // An earlier quarter's report, to pick from the list.
  await db().insert(reports).values({ memberId: s.members.chen, kind: 'thought', period: '2026-Q3', submittedAt: new Date('2026-09-20T08:00:00Z'), body: '第三季度的汇报' });
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const report = (who: keyof Scopes['members']) => s.thoughts.get(s.members[who])!;
const repliesTo = (memberId: number) => db().select().from(outboxMessages).where(and(eq(outboxMessages.personId, memberId), like(outboxMessages.idempotencyKey, 'thought-reply:%')));

describe('thought reports: who reads which', () => {
  it('a secretary and a county admin read this quarter’s reports of the branch, and see who has not sent one', async () => {
    for (const who of [s.staff.secretary, s.staff.admin]) {
      const page = await (await as(who)).get('/console/thoughts');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('2026年第四季度收到 3 份');
      expect(page.body).toContain('本季度在东莞打工');
      expect(page.body).not.toContain('别村党员');
      // 赵小红 sent none; the others did.
      expect(page.body).toContain('还没交的 1 人');
      expect(page.body).toMatch(/还没交的 1 人[\s\S]*赵小红/);
      expect(page.body).toContain(`/console/thoughts/${report('zhang')}/reply`);
    }
  });

  it('reading them is audited by member id, via the console', async () => {
    const before = await lastAuditId(h);
    await (await as(s.staff.secretary)).get('/console/thoughts');
    const [audit] = await auditsSince(h, s.staff.secretary, before, 'member.view');
    expect(audit!.details).toMatchObject({ via: 'console', thoughtReports: '2026-Q4' });
    expect((audit!.details as { memberIds: number[] }).memberIds.sort()).toEqual([s.members.zhang, s.members.liu, s.members.chen].sort());
  });

  it('a liaison reads their caseload’s, a helper only their paired member’s, another county’s secretary none of this branch', async () => {
    expect((await (await as(s.staff.liaison)).get('/console/thoughts')).body).toContain('收到 3 份');
    const helper = await (await as(s.staff.helper)).get('/console/thoughts');
    expect(helper.body).toContain('收到 1 份');
    expect(helper.body).toContain('刘秀英');
    expect(helper.body).not.toContain('本季度在东莞打工');
    const other = await as(s.staff.otherSecretary);
    const page = await other.get('/console/thoughts');
    expect(page.body).toContain('收到 1 份');
    expect(page.body).not.toContain('张建国');
    const forged = await other.submit(`/console/thoughts/${report('zhang')}/reply`, { text: '已阅', q: '2026-Q4' }, '/console/thoughts');
    expect(forged.statusCode).toBe(404);
    expect(await repliesTo(s.members.zhang)).toHaveLength(0);
    // The photo of a handwritten page is not there for them either.
    expect((await other.get(`/console/members/${s.members.liu}/photos/${photoId}`)).statusCode).toBe(404);
  });

  it('a handwritten report links its pages to the record’s photo route; a member’s text is shown as text', async () => {
    const page = await (await as(s.staff.secretary)).get('/console/thoughts');
    expect(page.body).toContain(`href="/console/members/${s.members.liu}/photos/${photoId}"`);
    expect(page.body).toContain('手写稿第 1 页（共 1 页）');
    expect(page.body).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert');
    // Without a way to reach the platform here, the photo's page says where to look (the chat's protections: scope, no-store).
    const photo = await (await as(s.staff.secretary)).get(`/console/members/${s.members.liu}/photos/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.body).toContain('Telegram');
  });

  it('earlier quarters can be picked; a bad or future quarter falls back to this one', async () => {
    const secretary = await as(s.staff.secretary);
    const q3 = await secretary.get('/console/thoughts?q=2026-Q3');
    expect(q3.body).toContain('2026年第三季度收到 1 份');
    expect(q3.body).toContain('第三季度的汇报');
    expect(q3.body).toContain('<option value="2026-Q3" selected>');
    expect(q3.body).toContain('还没交的 3 人');
    for (const q of ['2027-Q1', 'Q5', '<x>']) expect((await secretary.get(`/console/thoughts?q=${encodeURIComponent(q)}`)).body, q).toContain('2026年第四季度收到 3 份');
  });
});

describe('thought reports: the reply reaches the member in chat', () => {
  it('a secretary’s reply goes out as "书记已阅：…", is kept on the tracking card, audited via the console, and shown on the page', async () => {
    const secretary = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    const res = await secretary.submit(`/console/thoughts/${report('zhang')}/reply`, { text: '写得很实在，继续保持。', q: '2026-Q4' }, '/console/thoughts');
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(String(res.headers.location))).toContain('已把回复转给 张建国');
    expect(String(res.headers.location)).toContain(`#report-${report('zhang')}`);
    const [sent] = await repliesTo(s.members.zhang);
    expect(sent!.payload).toMatchObject({ text: '书记已阅：写得很实在，继续保持。' });
    const [kept] = await db().select().from(trackingEntries).where(and(eq(trackingEntries.memberId, s.members.zhang), eq(trackingEntries.kind, 'message')));
    expect(kept).toMatchObject({ note: '写得很实在，继续保持。', actorId: s.staff.secretary });
    const [audit] = await auditsSince(h, s.staff.secretary, before, 'member.log');
    expect(audit!.details).toMatchObject({ allowed: true, step: 'reply', via: 'console', reportId: report('zhang') });
    const page = await secretary.get('/console/thoughts');
    expect(page.body).toContain('王书记 于');
    expect(page.body).toContain('写得很实在，继续保持。');
  });

  it('a liaison’s reply carries the liaison’s name', async () => {
    const res = await (await as(s.staff.liaison)).submit(`/console/thoughts/${report('chen')}/reply`, { text: '收到', q: '2026-Q4' }, '/console/thoughts');
    expect(res.statusCode).toBe(303);
    const [sent] = await repliesTo(s.members.chen);
    expect(sent!.payload).toMatchObject({ text: '李联络员已阅：收到' });
  });

  it('an empty or too long reply is refused on the page, and nothing is sent', async () => {
    const secretary = await as(s.staff.secretary);
    const empty = await secretary.submit(`/console/thoughts/${report('liu')}/reply`, { text: '   ', q: '2026-Q4' }, '/console/thoughts');
    expect(empty.statusCode).toBe(400);
    const long = await secretary.submit(`/console/thoughts/${report('liu')}/reply`, { text: '好'.repeat(501), q: '2026-Q4' }, '/console/thoughts');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('最多 500 字');
    expect(await repliesTo(s.members.liu)).toHaveLength(0);
    expect((await secretary.submit('/console/thoughts/999999/reply', { text: 'x' }, '/console/thoughts')).statusCode).toBe(404);
  });

  it('a reply without the CSRF token is refused', async () => {
    const res = await (await as(s.staff.secretary)).post(`/console/thoughts/${report('liu')}/reply`, { text: '已阅' });
    expect(res.statusCode).toBe(403);
    expect(await repliesTo(s.members.liu)).toHaveLength(0);
  });
});
