import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departures, holidayAnswers, homeVisitTasks, members, organisations, outboxMessages, studyItems, studyReads, trackingEntries } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { makeUpItems } from '../../src/features/homecoming/makeUp.js';
import { homecomingRows } from '../../src/features/homecoming/answers.js';
import { openVisits } from '../../src/features/homecoming/visits.js';
import { runHolidayQuestions } from '../../src/schedules/homecoming.js';
import { runMakeUpList } from '../../src/schedules/study.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';
import { columnOf } from '../support/xlsx.js';

/**
 * Coming home around the Spring Festival (2027-02-06 by default): the question, the answers, 我回来了, a return
 * staff registers, the liaison's home-visit tasks and what closes them, who is home when, the make-up session.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen' | 'zhao', number>;
let items: { unread: number; read: number };
const as = (name: string) => h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}
const run = (f: typeof runHolidayQuestions) => h.database.db.transaction((tx) => f(tx, h.clock.now(), h.config));
const statusOf = async (memberId: number) => (await h.database.db.select({ status: members.status }).from(members).where(eq(members.personId, memberId)))[0]!.status;
const task = async (memberId: number) => (await h.database.db.select().from(homeVisitTasks).where(eq(homeVisitTasks.memberId, memberId)));

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2027-01-10T02:00:00Z') });
  ids = { zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId, zhao: h.person('赵小红').personId };
  const db = h.database.db;
  const [branch] = await db.select().from(organisations).where(eq(organisations.name, '幸福村党支部'));
  const now = h.clock.now();
  const [a, b] = await db.insert(studyItems).values([
    { orgId: branch!.id, category: 'policy_law', title: '新修订的村民委员会组织法', publishOn: '2026-12-01', createdAt: now },
    { orgId: branch!.id, category: 'market_info', title: '返乡创业补贴', publishOn: '2026-12-15', createdAt: now },
  ]).returning({ id: studyItems.id });
  items = { unread: a!.id, read: b!.id };
  await db.insert(studyReads).values({ itemId: items.read, memberId: ids.zhang, readAt: now });
});
afterAll(() => h?.close());

describe('the holiday question', () => {
  it('asks each member away once, off-peak, with arrival days to tap, and waits for a member at the cap', async () => {
    const now = h.clock.now();
    await h.database.db.insert(outboxMessages).values(Array.from({ length: h.config.WEEKLY_PROMPT_CAP }, (_, i) => ({
      idempotencyKey: `test:cap:${i}`, platform: 'terminal', chatId: as('陈志强'), personId: ids.chen, purpose: 'study', payload: {}, status: 'sent' as const, nextAttemptAt: now, createdAt: now,
    })));
    // 张建国 and 陈志强 are away (赵小红 too, but the bot cannot reach her); 刘秀英 is at home, laid off.
    expect(await run(runHolidayQuestions)).toEqual({ queued: 1, held: 1 });
    expect(await run(runHolidayQuestions)).toEqual({ queued: 0, held: 1 });
    // At a cap of one, one asked already is not counted as held.
    expect(await h.database.db.transaction((tx) => runHolidayQuestions(tx, h.clock.now(), { ...h.config, WEEKLY_PROMPT_CAP: 1 }))).toEqual({ queued: 0, held: 1 });
    const [q] = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'holiday:%'));
    expect(q!.personId).toBe(ids.zhang);
    expect(q!.purpose).toBe('membership');
    expect(localDate(q!.nextAttemptAt, 'Asia/Shanghai').hour).toBe(h.config.OFF_PEAK_START_HOUR);
    expect(payloadsOf(q!.payload as never)).toEqual(['hq:2027-02-06:2027-01-23', 'hq:2027-02-06:2027-01-30', 'hq:2027-02-06:2027-02-03', 'hq:2027-02-06:away']);
    // A week later the cap has room again: 陈志强 is asked then.
    h.clock.advance(8 * 86_400_000);
    expect(await run(runHolidayQuestions)).toEqual({ queued: 1, held: 0 });
  });

  it('a "coming home" tap gives the liaison a home-visit task with the make-up list; "not this time" gives none', async () => {
    const answer = await send('张建国', press('hq:2027-02-06:2027-01-30'));
    expect(answer.text).toContain('2027-01-30');
    const [t] = await task(ids.zhang);
    expect([t!.source, t!.homeOn, t!.dueOn, t!.liaisonId]).toEqual(['answer', '2027-01-30', '2027-02-06', h.person('李联络员').personId]);
    const toLiaison = await lastQueued(h.database, as('李联络员'));
    expect(toLiaison.text).toContain('张建国');
    expect(toLiaison.text).toContain('新修订的村民委员会组织法');
    expect(toLiaison.text).not.toContain('返乡创业补贴');
    expect(payloadsOf(toLiaison)).toEqual([`contact:visit:${ids.zhang}`]);
    await send('陈志强', press('hq:2027-02-06:away'));
    expect(await task(ids.chen)).toEqual([]);
    const answers = await h.database.db.select().from(holidayAnswers);
    expect(answers.map((a) => [a.memberId, a.comingHome, a.arriveOn]).sort()).toEqual([[ids.zhang, true, '2027-01-30'], [ids.chen, false, null]].sort());
    // Answered: not asked again.
    expect(await run(runHolidayQuestions)).toEqual({ queued: 0, held: 0 });
  });

  it('我回来了 asks first: 不是 changes nothing, 是的 makes the member returned as a return would, with a task for the liaison', async () => {
    // 陈志强's absence was registered: his own word closes it, as staff registering his return would.
    await send('王书记', say('/depart 陈志强 2026-11-01 深圳'));
    h.clock.current = new Date('2027-01-25T03:00:00Z');
    const asked = await send('陈志强', say('我回来了'));
    expect(asked.text).toContain('返乡党员');
    expect(payloadsOf(asked)).toEqual(['home:yes:2027-01-25', 'home:no']);
    expect((await send('陈志强', press('home:no'))).text).toContain('什么也没有改');
    expect([await statusOf(ids.chen), await task(ids.chen)]).toEqual(['mobile', []]);
    const toLiaison = (await queuedFor(h.database, as('李联络员'))).length;
    expect((await send('陈志强', press('home:yes:2027-01-25'))).text).toContain('欢迎回家！您的情况已改为返乡党员');
    expect(await statusOf(ids.chen)).toBe('returned');
    const [away] = await h.database.db.select().from(departures).where(eq(departures.memberId, ids.chen));
    expect(away!.returnedOn).toBe('2027-01-25');
    const [entry] = await h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, ids.chen), eq(trackingEntries.kind, 'return')));
    expect([entry!.actorId, entry!.details]).toEqual([ids.chen, { said: true }]);
    expect((await task(ids.chen)).map((t) => [t.source, t.homeOn])).toEqual([['said', '2027-01-25']]);
    const told = (await queuedFor(h.database, as('李联络员'))).slice(toLiaison);
    expect(told.map((m) => m.text).join('\n')).toContain('登门走访：陈志强 2027-01-25 到家');
    // Saying it twice does not make a second task; a button from days ago does nothing.
    await send('陈志强', say('我回来了'));
    await send('陈志强', press('home:yes:2027-01-25'));
    expect(await task(ids.chen)).toHaveLength(1);
    expect((await send('陈志强', press('home:yes:2027-01-20'))).text).toContain('这个按钮已经用过了');
  });

  it('with a home visit already on the list, the liaison hears that the member is back', async () => {
    // 张建国 answered he would be home on 30 January; he is home early, and no longer attached to the inflow organisation.
    await send('张建国', say('我回来了'));
    await send('张建国', press('home:yes:2027-01-25'));
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, ids.zhang));
    expect([m!.status, m!.inflowOrgId]).toEqual(['returned', null]);
    expect((await task(ids.zhang)).map((t) => t.homeOn)).toEqual(['2027-01-30']);
    expect((await lastQueued(h.database, as('李联络员'))).text).toBe('张建国 说已经回到家（2027-01-25），情况已改为返乡党员。登门走访的任务之前已经派给您了。');
  });

  it('a member living at home is asked too, and keeps their category', async () => {
    const asked = await send('刘秀英', say('我回来了'));
    expect(asked.text).not.toContain('返乡党员');
    await send('刘秀英', press('home:no'));
    expect([await statusOf(ids.liu), await task(ids.liu)]).toEqual(['laid_off', []]);
  });

  it('a return staff registers gives a task too', async () => {
    await send('王书记', say(`/return ${ids.liu} 2027-01-24`));
    expect(await statusOf(ids.liu)).toBe('returned');
    expect((await task(ids.liu)).map((t) => [t.source, t.homeOn, t.dueOn])).toEqual([['return', '2027-01-24', '2027-01-31']]);
  });
});

describe('the visits, who is home when, the make-up session', () => {
  it('a home visit logged on or after the home day closes the task; the secretary sees what is open and overdue', async () => {
    // A visit before 张建国 is home does not count.
    await send('李联络员', press(`contact:visit:${ids.zhang}`));
    await send('李联络员', say(`/log ${ids.chen} 走访 在家，身体好，活动证已查验`));
    h.clock.current = new Date('2027-02-02T03:00:00Z');
    const list = (await send('王书记', say('/visits'))).text;
    expect(list).toContain('未完成的登门走访 2 项（逾期 1 项');
    expect(list).toContain('• 刘秀英（李联络员）2027-01-24 → 2027-01-31 ⚠');
    expect(list).toContain('• 张建国（李联络员）2027-01-30 → 2027-02-06');
    expect(list).not.toContain('陈志强');
    // Past the listed, the count of all: one line shown, the rest counted (a county's Spring Festival is one message).
    const [zhangHome] = await h.database.db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, ids.zhang));
    const [branch] = await h.database.db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, zhangHome!.orgId));
    const all = await openVisits(h.database.db, branch!.path, '2027-02-02');
    const first = await openVisits(h.database.db, branch!.path, '2027-02-02', 1);
    expect([all.total, all.overdue, all.rows.length]).toEqual([2, 1, 2]);
    expect([first.total, first.overdue, first.rows]).toEqual([2, 1, all.rows.slice(0, 1)]);
  });

  it('lists who is home when with their make-up count, and attendance at the session clears the list', async () => {
    const before = (await send('王书记', say('返乡名单'))).text;
    expect(before).toContain('• 2027-01-24 刘秀英（2）');
    expect(before).toContain('• 2027-01-25 陈志强（2）');
    expect(before).toContain('• 2027-01-30 张建国（1）');
    const [zhangHome] = await h.database.db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, ids.zhang));
    const [branch] = await h.database.db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, zhangHome!.orgId));
    const all = await homecomingRows(h.database.db, branch!.path, '2027-02-02');
    const firstTwo = await homecomingRows(h.database.db, branch!.path, '2027-02-02', 2);
    expect(all.total).toBe(3);
    expect(firstTwo).toEqual({ rows: all.rows.slice(0, 2), total: 3 });
    const recorded = await send('王书记', say(`/makeup 2027-02-01 ${ids.zhang} ${ids.chen}`));
    expect(recorded.text).toContain('出席 2 人');
    expect(await makeUpItems(h.database.db, ids.zhang, '2027-02-02')).toEqual([]);
    expect((await makeUpItems(h.database.db, ids.liu, '2027-02-02')).map((i) => i.id)).toEqual([items.unread, items.read]);
    // The secretary's make-up digest before the festival leaves out what the session covered.
    await h.database.db.transaction((tx) => runMakeUpList(tx, h.clock.now(), h.config));
    const digest = (await lastQueued(h.database, as('王书记'))).text;
    expect(digest).toContain('刘秀英（2）');
    expect(digest).not.toContain('张建国');
    expect(digest).not.toContain('陈志强');
  });

  it('an organisation’s own holiday is asked about too', async () => {
    expect((await send('王书记', say('/holiday 2027-10-01 国庆节'))).text).toContain('国庆节');
    // After the festival all three went out to work again.
    await h.database.db.update(members).set({ status: 'mobile' }).where(inArray(members.personId, [ids.liu, ids.zhang, ids.chen]));
    h.clock.current = new Date('2027-09-10T02:00:00Z');
    expect(await run(runHolidayQuestions)).toEqual({ queued: 3, held: 0 });
    const asked = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'holiday:2027-10-01:%'));
    expect(asked.map((r) => r.personId).sort()).toEqual([ids.zhang, ids.liu, ids.chen].sort());
    expect((asked[0]!.payload as { text: string }).text).toContain('国庆节');
  });

  it('a member lost contact who says they are home is found and returned', async () => {
    await h.database.db.update(members).set({ status: 'lost_contact', lostContactSince: new Date('2027-06-01T00:00:00Z'), categoryWhileLost: 'mobile' }).where(eq(members.personId, ids.chen));
    h.clock.current = new Date('2027-10-02T03:00:00Z');
    expect((await send('陈志强', say('我回来了'))).text).toContain('返乡党员');
    await send('陈志强', press('home:yes:2027-10-02'));
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, ids.chen));
    expect([m!.status, m!.lostContactSince, m!.categoryWhileLost]).toEqual(['returned', null, null]);
    const found = await h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, ids.chen), eq(trackingEntries.kind, 'status_change')));
    expect(found.map((e) => (e.details as { found?: boolean }).found)).toEqual([true]);
    // His January visit closed the last task: this homecoming is a new one.
    expect((await task(ids.chen)).map((t) => t.homeOn)).toEqual(['2027-01-25', '2027-10-02']);
    // His tracking card tells the story: the absence registered, home by his own word, the visit tasks.
    const cards = await send('王书记', say(`/export 登记卡 ${ids.chen}`));
    const lines = await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3);
    expect(lines).toContain('外出登记：2026-11-01 起，广东省 深圳市');
    expect(lines.filter((l) => l === '本人说已回到家，确认后改为返乡党员')).toHaveLength(2);
    expect(lines).toContain('登门走访任务（本人说已到家）：2027-01-25 到家，2027-02-01 前走访');
    expect(lines).toContain('重新联系上了');
  });
});
