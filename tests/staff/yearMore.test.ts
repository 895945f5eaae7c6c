import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcasts, certificateActivities, helperAssignments, identities, jobWishStatements, members, organisations, outboxMessages, persons, recognitions, staffRoles } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';
import { columnOf } from '../support/xlsx.js';

/**
 * What is left of issue 18 in chat: the 先进 list with revoke (with a reason) and an announcement through the broadcast
 * path, activities the inflow organisation records on the 活动证, and a laid-off member's own 就业意向.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen' | 'helper' | 'inflowLiaison', number>;
const STAFF: Record<string, string> = { 帮扶人: 'helper', 流入地联络员: 'inflow-liaison' };
const as = (name: string) => STAFF[name] ?? h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}

beforeAll(async () => {
  // A Tuesday morning in Beijing: outside the members' afternoon.
  h = await startTestBot({ at: new Date('2026-11-10T01:00:00Z') });
  const db = h.database.db;
  ids = { zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId, helper: 0, inflowLiaison: 0 };
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  const now = h.clock.now();
  for (const [key, name, role, org] of [['helper', '帮扶人', 'helper', await orgId('幸福村党支部')], ['inflowLiaison', '流入地联络员', 'liaison', await orgId('东莞市长安镇流动党员党支部')]] as const) {
    const [p] = await db.insert(persons).values({ name }).returning({ id: persons.id });
    ids[key] = p!.id;
    await db.insert(staffRoles).values({ personId: p!.id, role, orgId: org });
    await db.insert(identities).values({ platform: 'terminal', externalUserId: STAFF[name]!, chatId: STAFF[name]!, personId: p!.id, linkedAt: now, lastSeenAt: now });
  }
  await db.insert(helperAssignments).values({ memberId: ids.liu, helperId: ids.helper });
  const [zhang] = await db.select().from(members).where(eq(members.personId, ids.zhang));
  expect(zhang!.inflowOrgId).not.toBeNull();
});
afterAll(() => h?.close());

describe('先进: the list, revoking with a reason, announcing to the branch', () => {
  it('the secretary records one with a button to announce it; the announcement is a broadcast paced like every notice', async () => {
    const saved = await send('王书记', say('/example 张建国 帮助工友讨回欠薪'));
    expect(saved.text).toContain('张建国');
    const [rec] = await h.database.db.select().from(recognitions).where(eq(recognitions.memberId, ids.zhang));
    expect(payloadsOf(saved)).toEqual([`example:announce:${rec!.id}`]);
    // The inflow organisation may propose one too, but not send to the home branch: no button.
    expect(payloadsOf(await send('流入地联络员', say(`/example ${ids.zhang} 积极参加流入地支部活动`)))).toEqual([]);
    // Said like a sent notice: 赵小红 has no account the bot can reach, so the last line names her.
    expect((await send('王书记', press(`example:announce:${rec!.id}`))).text).toContain('赵小红');
    const [b] = await h.database.db.select().from(broadcasts).orderBy(broadcasts.id);
    const [marked] = await h.database.db.select().from(recognitions).where(eq(recognitions.id, rec!.id));
    expect(marked!.announcedBroadcastId).toBe(b!.id);
    const notices = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, `notice:${b!.id}:%`));
    // Every member of the branch, each in their afternoon (it is morning in Beijing now), none at once.
    expect(notices.map((n) => n.personId).sort()).toEqual([ids.zhang, ids.liu, ids.chen].sort());
    for (const n of notices) {
      expect((n.payload as { text: string }).text).toContain('帮助工友讨回欠薪');
      expect(localDate(n.nextAttemptAt, 'Asia/Shanghai').hour).toBeGreaterThanOrEqual(h.config.OFF_PEAK_START_HOUR);
    }
    expect((await send('王书记', press(`example:announce:${rec!.id}`))).text).toContain('已经通报过了');
  });

  it('/examples lists them; revoking asks why, keeps the record, and counts it nowhere', async () => {
    const list = await send('王书记', say('先进名单'));
    expect(list.text).toContain('2 人');
    const [first] = await h.database.db.select().from(recognitions).where(eq(recognitions.memberId, ids.zhang)).orderBy(recognitions.id);
    expect(payloadsOf(list)).toContain(`example:revoke:${first!.id}`);
    // Someone who may not act on it is answered as for one that does not exist.
    expect((await send('帮扶人', press(`example:revoke:${first!.id}`))).text).toBe((await send('帮扶人', press('example:revoke:999999'))).text);
    expect((await send('王书记', press(`example:revoke:${first!.id}`))).text).toContain('理由');
    expect((await send('王书记', say('事迹核实有误'))).text).toContain('已撤销');
    const [row] = await h.database.db.select().from(recognitions).where(eq(recognitions.id, first!.id));
    expect([row!.revokeReason, row!.revokedBy]).toEqual(['事迹核实有误', h.person('王书记').personId]);
    expect((await send('王书记', say('/stats'))).text).toContain('本年先进 1 人。');
    const again = await send('王书记', say('/examples'));
    expect(again.text).toContain('已于');
    expect(again.text).toContain('事迹核实有误');
    expect(payloadsOf(again)).not.toContain(`example:revoke:${first!.id}`);
  });
});

describe('节日: the holidays members away are asked about', () => {
  it('/holiday alone lists them with the Spring Festival; /holiday 日期 删除 takes one off', async () => {
    await send('王书记', say('/holiday 2027-10-01 国庆节'));
    const list = await send('王书记', say('/holiday'));
    expect(list.text).toContain(`${h.config.SPRING_FESTIVAL_DATE} 春节`);
    expect(list.text).toContain('2027-10-01 国庆节（幸福村党支部）');
    expect((await send('王书记', say('/holiday 2027-10-02 删除'))).text).toContain('没有本组织设的节日');
    expect((await send('王书记', say('/holiday 2027-10-01 删除'))).text).toContain('已删除');
    expect((await send('王书记', say('/holiday'))).text).not.toContain('国庆节');
    // Not a secretary's list for a helper.
    expect((await send('帮扶人', say('/holiday'))).text).not.toContain('春节');
  });
});

describe('活动证: activities the inflow organisation records', () => {
  it('the inflow liaison records one for an attached member; it is on the card and in the year summary', async () => {
    expect((await send('流入地联络员', say(`/activity ${ids.zhang} 2026-11-05 参加流入地支部主题党日`))).text).toContain('主题党日');
    expect((await send('流入地联络员', say(`/activity ${ids.zhang} 2026-11-31 x`))).text).toContain('2026-11-31');
    expect((await send('流入地联络员', say(`/activity ${ids.liu} 2026-11-05 x`))).text).toContain('没找到');
    // The home branch records no activity at the destination: not theirs to write.
    expect((await send('王书记', say(`/activity ${ids.zhang} 2026-11-06 x`))).text).toContain('没找到');
    expect(await h.database.db.select().from(certificateActivities)).toHaveLength(1);
    expect((await send('王书记', say(`/yearsummary ${ids.zhang}`))).text).toContain('流入地活动（活动证）1 次');
    const cards = await send('王书记', say(`/export 登记卡 ${ids.zhang}`));
    const lines = await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3);
    expect(lines.some((l) => l.includes('2026-11-05 参加流入地支部主题党日'))).toBe(true);
  });
});

describe('就业意向 in the member’s own words', () => {
  it('a laid-off member finds it in the menu, answers three questions, and the helper is told', async () => {
    expect(payloadsOf(await send('刘秀英', say('/menu')))).toContain('menu:jobWish');
    expect(payloadsOf(await send('张建国', say('/menu')))).not.toContain('menu:jobWish');
    expect((await send('刘秀英', press('menu:jobWish'))).text).toContain('想做什么工作');
    await send('刘秀英', say('电工、保安'));
    await send('刘秀英', press('jw:place:local'));
    expect((await send('刘秀英', say('焊工'))).text).toContain('电工、保安');
    const [own] = await h.database.db.select().from(jobWishStatements).where(eq(jobWishStatements.memberId, ids.liu));
    expect([own!.work, own!.place, own!.training]).toEqual([['电工', '保安'], 'local', ['焊工']]);
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, ids.liu));
    expect(m!.jobWishes).toEqual(['电工', '保安', '焊工']);
    expect((await lastQueued(h.database, as('帮扶人'))).text).toContain('刘秀英 说了自己的就业意向');
    const seen = await send('帮扶人', say(`/employment ${ids.liu}`));
    expect(seen.text).toContain('在本地');
    expect(seen.text).toContain('焊工');
    expect((await send('帮扶人', say(`/employment ${ids.zhang}`))).text).toContain('没找到');
    const cards = await send('王书记', say(`/export 登记卡 ${ids.liu}`));
    expect(await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3)).toContain('本人说的就业意向：想做 电工、保安；地点 在本地；想参加的培训 焊工');
  });

  it('when nothing suits, 我想报名 offers to say it; a course for a training they wished for then reaches them', async () => {
    const none = await send('陈志强', say('我想报名'));
    expect(payloadsOf(none)).toEqual(['menu:jobWish']);
    await send('王书记', say('/offer 培训 | 焊工培训班 | 县职业技术学校 | 2026-12-01 | 焊工'));
    const typed = await send('刘秀英', say('我想报名'));
    expect(typed.text).toContain('焊工培训班');
    expect((await queuedFor(h.database, as('陈志强'))).some((q) => q.text.includes('焊工培训班'))).toBe(false);
    const notes = await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, ids.helper), like(outboxMessages.idempotencyKey, 'job-wish:%')));
    expect(notes).toHaveLength(1);
  });
});
