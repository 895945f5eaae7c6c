import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeFor } from '../../../src/bot/views/home.js';
import { localMinute } from '../../../src/bot/period.js';
import { refreshRollups } from '../../../src/features/rollups/index.js';
import { and, eq } from 'drizzle-orm';
import { auditLog, reports, trackingEntries } from '../../../src/db/schema/index.js';
import type { SlackBlock } from '../../support/fakeSlack.js';
import { eventRequest, findButton, homeButtonPress } from '../../support/slackRequests.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness, expectCleanLogs } from './setup.js';

/** App Home per role, from the platform-neutral read models. */
describe('Slack App Home', () => {
  let h: SlackHarness;
  const member = 'UHOMEMBER1';
  const liaison = 'UHOMELIAIS';
  const secretary = 'UHOMESECRE';

  beforeAll(async () => {
    h = await startSlackHarness();
    await linkSlackUser(h, member, '张建国');
    await linkSlackUser(h, liaison, '李联络员');
    await linkSlackUser(h, secretary, '王书记');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function openHome(user: string): Promise<SlackBlock[]> {
    const published = h.fake.callsOf('views.publish').length;
    expect((await h.post(eventRequest({ type: 'app_home_opened', user, channel: dmChannelOf(user), tab: 'home' }))).status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsOf('views.publish').slice(published).find((c) => c.args.user_id === user));
    const view = call.args.view as { type: string; blocks: SlackBlock[] };
    expect(view.type).toBe('home');
    return view.blocks;
  }
  const textOf = (blocks: SlackBlock[]) => JSON.stringify(blocks);

  it('asks someone not linked yet for their code', async () => {
    expect(textOf(await openHome('UNOBODY001'))).toContain('邀请码');
  });

  it('does not publish anything for the Messages tab', async () => {
    const published = h.fake.callsOf('views.publish').length;
    await h.post(eventRequest({ type: 'app_home_opened', user: member, channel: dmChannelOf(member), tab: 'messages' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.callsOf('views.publish')).toHaveLength(published);
  });

  it('shows a member their record with buttons to report, and a tap starts the flow in the DM', async () => {
    const blocks = await openHome(member);
    expect(textOf(blocks)).toContain('东莞');
    expect(textOf(blocks)).toContain('还没报到');
    for (const payload of ['menu:checkIn', 'menu:location', 'menu:help', 'menu:thoughtReport']) expect(findButton(blocks, payload)).toBeDefined();
    const before = h.handed.length;
    await h.post(homeButtonPress(member, { blocks }, 'menu:checkIn'));
    await h.settled(before + 1);
    expect(h.handed[before]).toMatchObject({ chatId: dmChannelOf(member), chatKind: 'private', userId: member, body: { kind: 'button', payload: 'menu:checkIn' } });
    await h.drain();
    expect(JSON.stringify(h.fake.messagesIn(dmChannelOf(member)).at(-1)!.blocks)).toContain('ci:same');
  });

  it('shows a liaison the caseload: who is overdue, not contacted, with buttons to log a call or visit', async () => {
    const blocks = await openHome(liaison);
    const text = textOf(blocks);
    expect(text).toContain('我联系的党员（4 人）');
    for (const name of ['张建国', '刘秀英', '陈志强', '赵小红']) expect(text).toContain(name);
    const zhang = h.test.person('张建国').personId;
    expect(findButton(blocks, `contact:call:${zhang}`)).toBeDefined();
    expect(findButton(blocks, `contact:visit:${zhang}`)).toBeDefined();
  });

  it('logs a call from the caseload on the tracking card, audited, and the next Home shows the member contacted', async () => {
    const db = h.test.database.db;
    const liu = h.test.person('刘秀英').personId;
    const blocks = await openHome(liaison);
    const before = h.handed.length;
    const published = h.fake.callsOf('views.publish').length;
    await h.post(homeButtonPress(liaison, { blocks }, `contact:call:${liu}`));
    await h.settled(before + 1);
    await h.drain();
    // The Home is published again with the call counted.
    const republished = await h.fake.waitFor(() => h.fake.callsOf('views.publish').slice(published).find((c) => c.args.user_id === liaison));
    expect(JSON.stringify(republished.args.view)).toContain('本月未联系 3 人');
    const entries = await db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, liu), eq(trackingEntries.kind, 'call')));
    expect(entries).toEqual([expect.objectContaining({ actorId: h.test.person('李联络员').personId })]);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, 'log_contact'))).map((a) => a.targetId)).toEqual([String(liu)]);
    expect(JSON.stringify(h.fake.messagesIn(dmChannelOf(liaison)).at(-1)!.blocks)).toContain('通了电话');
    const again = await homeFor(db, h.test.person('李联络员').personId, h.test.clock.now(), { reportDueDay: 20 });
    expect(again!.caseload!.entries.find((e) => e.personId === liu)?.contactedThisMonth).toBe(true);
  });

  it('does not let a member, or anyone for a member outside their scope, log a contact', async () => {
    const db = h.test.database.db;
    const count = async () => (await db.select().from(trackingEntries).where(eq(trackingEntries.kind, 'visit'))).length;
    const before = await count();
    const zhangBlocks = await openHome(liaison);
    const handed = h.handed.length;
    // A member forging the payload, and the liaison naming someone who is not theirs.
    await h.post(homeButtonPress(member, { blocks: zhangBlocks }, `contact:visit:${h.test.person('刘秀英').personId}`));
    await h.post(homeButtonPress(liaison, { blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'choice:x', value: 'contact:visit:99999', text: { type: 'plain_text', text: 'x' } }] }] }, 'contact:visit:99999'));
    await h.settled(handed + 2);
    expect(await count()).toBe(before);
  });

  it('shows a secretary the branch summary', async () => {
    const text = textOf(await openHome(secretary));
    expect(text).toContain('幸福村党支部');
    expect(text).toContain('党员 4 人');
    // Counted live: no note of when.
    expect(text).not.toContain('以上数字统计于');
  });

  it('says when the summary was computed once it comes from the rollup', async () => {
    const now = h.test.clock.now();
    await refreshRollups(h.test.database.db, now, { timezone: 'Asia/Shanghai', reportDueDay: 20 });
    const text = textOf(await openHome(secretary));
    expect(text).toContain('党员 4 人');
    expect(text).toContain(`以上数字统计于 ${localMinute(now, 'Asia/Shanghai')}`);
  });

  it('keeps texts, names and places out of the logs', () => {
    expectCleanLogs(h);
  });
});

describe('home read models', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts reports, contacts and overdue members in each member’s own month', async () => {
    const db = h.test.database.db;
    const liaison = h.test.person('李联络员').personId;
    const zhang = h.test.person('张建国').personId;
    const liu = h.test.person('刘秀英').personId;
    const now = h.test.clock.now();
    await db.insert(reports).values({ memberId: zhang, kind: 'monthly', period: '2026-11', submittedAt: now, work: 'working', movedSinceLast: false, hasDifficulty: false, studied: true });
    await db.insert(trackingEntries).values({ memberId: liu, at: now, actorId: liaison, kind: 'call' });

    const early = (await homeFor(db, liaison, now, { reportDueDay: 20 }))!;
    expect(early.member).toBeUndefined();
    expect(early.caseload).toMatchObject({ total: 4, overdue: 0, notReported: 3, notContactedThisMonth: 3, withOpenRequest: 0 });
    expect(early.caseload!.entries.find((e) => e.personId === zhang)).toMatchObject({ reportedThisMonth: true, overdue: false });
    expect(early.caseload!.entries.find((e) => e.personId === liu)).toMatchObject({ contactedThisMonth: true, visitedThisQuarter: false });

    const late = (await homeFor(db, liaison, new Date('2026-11-25T06:00:00Z'), { reportDueDay: 20 }))!;
    expect(late.caseload).toMatchObject({ overdue: 3 });
    // Overdue first: the people who need the liaison come to the top.
    expect(late.caseload!.entries.at(-1)!.personId).toBe(zhang);

    const nextMonth = (await homeFor(db, liaison, new Date('2026-12-02T06:00:00Z'), { reportDueDay: 20 }))!;
    expect(nextMonth.caseload).toMatchObject({ notReported: 4, notContactedThisMonth: 4 });

    const secretary = (await homeFor(db, h.test.person('王书记').personId, now, { reportDueDay: 20 }))!;
    expect(secretary.branches).toEqual([
      expect.objectContaining({ orgName: '幸福村党支部', role: 'secretary', members: 4, mobile: 3, laidOff: 1, probationary: 1, reportedThisMonth: 1, notContactedThisMonth: 3 }),
    ]);

    const own = (await homeFor(db, zhang, now, { reportDueDay: 20 }))!;
    expect(own.member).toMatchObject({ regionCode: '441900', locationConsent: 'granted', reportedThisMonth: true, openHelpRequests: [] });
    expect(own.caseload).toBeUndefined();
    // Withdrawn consent: no place shown even if one were stored.
    const liuHome = (await homeFor(db, liu, now, { reportDueDay: 20 }))!;
    expect(liuHome.member).toMatchObject({ regionCode: undefined, locationConsent: 'withdrawn' });
  });
});
