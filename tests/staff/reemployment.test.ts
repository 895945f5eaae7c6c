import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperAssignments, helpRequests, identities, jobOffers, members, organisations, outboxMessages, persons, staffRoles } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { runJobOffers } from '../../src/schedules/jobs.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';
import { columnOf } from '../support/xlsx.js';

/**
 * Re-employment for laid-off members: a course and an opening posted, pushed to whom they suit inside the cap and
 * off-peak, "我想报名" becoming a 就业 help request for the member's helper, and the statistics of trained and working.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen' | 'helper', number>;
const as = (name: string) => (name === '帮扶人' ? 'helper' : h.person(name).terminalUserId!);
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}
const run = () => h.database.db.transaction((tx) => runJobOffers(tx, h.clock.now(), h.config));
const pushed = () => h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'job:%'));

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T02:00:00Z') });
  const db = h.database.db;
  ids = { zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId, helper: 0 };
  const [branch] = await db.select().from(organisations).where(eq(organisations.name, '幸福村党支部'));
  const [p] = await db.insert(persons).values({ name: '帮扶人老马' }).returning({ id: persons.id });
  ids.helper = p!.id;
  await db.insert(staffRoles).values({ personId: ids.helper, role: 'helper', orgId: branch!.id });
  await db.insert(helperAssignments).values({ memberId: ids.liu, helperId: ids.helper });
  const now = h.clock.now();
  await db.insert(identities).values({ platform: 'terminal', externalUserId: 'helper', chatId: 'helper', personId: ids.helper, linkedAt: now, lastSeenAt: now });
  // 陈志强 lost his courier job and is home: laid off too.
  await db.update(members).set({ status: 'laid_off' }).where(eq(members.personId, ids.chen));
});
afterAll(() => h?.close());

describe('courses and openings', () => {
  it('are posted by the branch and pushed to the laid-off members they suit, off-peak, within the cap', async () => {
    expect((await send('王书记', say('/offer 培训 | 电工培训班 | 县职业技术学校 | 2026-12-01 | 2026-12-15 | 纺织工、电工'))).text).toContain('电工培训班');
    await send('王书记', say('/offer 岗位 | 快递分拣员 | 县物流园 | 2026-12-05'));
    expect((await send('王书记', say('/offer 培训 | 只有名称'))).text).toContain('/offer');
    const now = h.clock.now();
    await h.database.db.insert(outboxMessages).values(Array.from({ length: h.config.WEEKLY_PROMPT_CAP }, (_, i) => ({
      idempotencyKey: `test:cap:${i}`, platform: 'terminal', chatId: as('陈志强'), personId: ids.chen, purpose: 'reminder', payload: {}, status: 'sent' as const, nextAttemptAt: now, createdAt: now,
    })));
    // 刘秀英 (纺织工) gets both; 陈志强 (快递员) only the opening open to all, and not this week; 张建国 is not laid off.
    expect(await run()).toEqual({ queued: 2, held: 1 });
    const rows = await pushed();
    expect(rows.map((r) => r.personId)).toEqual([ids.liu, ids.liu]);
    for (const r of rows) {
      expect(r.purpose).toBe('membership');
      expect(localDate(r.nextAttemptAt, 'Asia/Shanghai').hour).toBe(h.config.OFF_PEAK_START_HOUR);
    }
    expect((rows[0]!.payload as { text: string }).text).toContain('县职业技术学校');
    expect(await run()).toEqual({ queued: 0, held: 1 });
    h.clock.advance(8 * 86_400_000);
    expect(await run()).toEqual({ queued: 1, held: 0 });
  });

  it('我想报名 becomes a 就业 help request for the member’s helper', async () => {
    const [training] = await h.database.db.select().from(jobOffers).where(eq(jobOffers.title, '电工培训班'));
    const offers = await queuedFor(h.database, as('刘秀英'));
    // Under each offer: sign up, or say what work one wants instead.
    expect(payloadsOf(offers.find((o) => o.text.includes('电工培训班'))!)).toEqual([`job:signup:${training!.id}`, 'menu:jobWish']);
    expect((await send('刘秀英', press(`job:signup:${training!.id}`))).text).toContain('电工培训班');
    const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, ids.liu));
    expect([request!.category, request!.assigneeId, request!.status]).toEqual(['jobs', ids.helper, 'assigned']);
    expect((await lastQueued(h.database, as('帮扶人'))).text).toContain('刘秀英');
    // Signing up twice makes no second request; typed, the member sees what suits them.
    await send('刘秀英', press(`job:signup:${training!.id}`));
    expect(await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, ids.liu))).toHaveLength(1);
    await send('刘秀英', say('我想报名'));
    const listed = (await queuedFor(h.database, as('刘秀英'))).slice(-2);
    expect(listed.map((m) => payloadsOf(m)[0])).toEqual([`job:signup:${training!.id}`, expect.stringMatching(/^job:signup:\d+$/)]);
    // 张建国 is not laid off and his occupation does not fit the course.
    expect((await send('张建国', press(`job:signup:${training!.id}`))).text).toContain('这个按钮已经用过了');
  });

  it('counts laid-off members trained and working again', async () => {
    await send('帮扶人', say(`/employment ${ids.liu} 培训 2026-12-15`));
    await send('帮扶人', say(`/employment ${ids.liu} 再就业 2026-12-20`));
    expect((await send('帮扶人', say(`/employment ${ids.zhang} 再就业`))).text).toBe((await send('帮扶人', say('/employment 999999 再就业'))).text);
    const stats = (await send('王书记', say('再就业统计'))).text;
    expect(stats).toContain('现有下岗失业党员 2 人；报名 1 人，参加培训 1 人，实现再就业 1 人');
    const cards = await send('王书记', say(`/export 登记卡 ${ids.liu}`));
    const lines = await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3);
    expect(lines).toEqual(expect.arrayContaining(['下岗失业党员：参加了培训', '下岗失业党员：实现再就业']));
  });

  it('a course reaches a laid-off member whose wish matches it, not only their occupation', async () => {
    // 陈志强 is a courier; he tells his secretary he wants to learn a trade as an electrician.
    expect(await run()).toEqual({ queued: 0, held: 0 });
    expect((await send('王书记', say('/employment 陈志强 意向 电工、厨师'))).text).toContain('电工、厨师');
    const [m] = await h.database.db.select({ wishes: members.jobWishes }).from(members).where(eq(members.personId, ids.chen));
    expect(m!.wishes).toEqual(['电工', '厨师']);
    expect(await run()).toEqual({ queued: 1, held: 0 });
    const [toChen] = (await pushed()).filter((r) => r.personId === ids.chen && (r.payload as { text: string }).text.includes('电工培训班'));
    expect(toChen!.purpose).toBe('membership');
    // His helper may not touch another's record; the wish can be cleared.
    expect((await send('帮扶人', say(`/employment ${ids.chen} 意向 电工`))).text).toBe((await send('帮扶人', say('/employment 999999 意向 电工'))).text);
    expect((await send('王书记', say('/employment 陈志强 意向 无'))).text).toContain('已清空');
    const cards = await send('王书记', say(`/export 登记卡 ${ids.chen}`));
    expect(await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3)).toEqual(expect.arrayContaining(['就业意向：电工、厨师', '就业意向：-']));
  });

  it('/stats counts them too, with the members recognised this year and the courses open, places by name', async () => {
    // A course whose place the township typed as a region code; its members are shown 广东省 东莞市, never 441900.
    await send('王书记', say('/offer 培训 | 跨境电商培训 | 441900 | 2026-12-08 | 2027-01-20'));
    await send('王书记', say(`/example ${ids.liu} 带头学技术`));
    h.clock.current = new Date('2026-12-10T06:00:00Z');
    const stats = (await send('王书记', say('/stats'))).text;
    expect(stats).toContain('本年先进 1 人。');
    // 刘秀英 signed up for 电工培训班 (1 to 15 December): in training today; trained and working again this year.
    expect(stats).toContain('下岗失业党员 2 人：本年报名 1 人，参加培训 1 人，正在培训 1 人，实现再就业 1 人。');
    expect(stats).toContain('开放中的培训和岗位 2 个：培训「电工培训班」（县职业技术学校，2026-12-01 起）、培训「跨境电商培训」（广东省 东莞市，2026-12-08 起）');
    expect(stats).not.toMatch(/(?<!\d)\d{6}(?!\d)/);
    const offer = (await queuedFor(h.database, as('刘秀英'))).length;
    await h.database.db.transaction((tx) => runJobOffers(tx, h.clock.now(), h.config));
    const pushedNow = (await queuedFor(h.database, as('刘秀英'))).slice(offer);
    expect(pushedNow.map((m) => m.text).join('\n')).toContain('广东省 东莞市');
    // In English the figures read the same.
    await h.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, h.person('王书记').personId));
    const english = (await send('王书记', say('/stats'))).text;
    expect(english).toContain('Laid-off members 2: signed up this year 1, trained 1, in training now 1, working again 1.');
    expect(english).toContain('Dongguan');
  });
});
