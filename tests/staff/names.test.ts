import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departures, liaisonAssignments, members, organisations, persons, staffRoles, trackingEntries } from '../../src/db/schema/index.js';
import { t } from '../../src/bot/i18n/index.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { addOrg, addPerson } from './fixture.js';
import { incoming, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Staff name members as people do (by name, in their scope), every mistake in a command gets its own answer,
 * and a transfer is asked before it is done: in the terminal, with the demo branch.
 */
let h: TestBot;
let namesake: number;
let outsider: number;

beforeAll(async () => {
  h = await startTestBot();
  const db = h.database.db;
  const [zhang] = await db.select().from(members).where(eq(members.personId, h.person('张建国').personId));
  // A second 张建国 in the same branch, and a third in another county (out of everyone's scope here).
  const [p] = await db.insert(persons).values({ name: '张建国', phone: '139-0000-4321' }).returning({ id: persons.id });
  namesake = p!.id;
  await db.insert(members).values({ personId: namesake, homeOrgId: zhang!.homeOrgId, status: 'resident' });
  const other = await addOrg(db, '别县委组织部', 'county', null);
  const otherBranch = await addOrg(db, '别村党支部', 'branch', other.id);
  outsider = await addPerson(db, '张建国');
  await db.insert(members).values({ personId: outsider, homeOrgId: otherBranch.id, status: 'mobile' });
  await addPerson(db, '别村党员');
});
afterAll(() => h.close());

const as = (name: string) => h.person(name).terminalUserId!;
/** Everything the bot answered to one message, in order. */
async function turn(name: string, body: Parameters<typeof incoming>[1]): Promise<OutgoingMessage[]> {
  const before = (await queuedFor(h.database, as(name))).length;
  await h.bot.core.handle(incoming(as(name), body));
  return (await queuedFor(h.database, as(name))).slice(before);
}
const texts = (ms: OutgoingMessage[]) => ms.map((m) => m.text);
const contactsOf = async (memberId: number) => h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, memberId), eq(trackingEntries.kind, 'call')));

describe('members by name', () => {
  it('runs the command on the one member in scope with the name', async () => {
    const liu = h.person('刘秀英').personId;
    const [answer] = await turn('李联络员', say('/log 刘秀英 电话 身体好'));
    expect(answer!.text).toContain('刘秀英');
    expect((await contactsOf(liu)).map((c) => c.note)).toEqual(['身体好']);
  });

  it('typed words with arguments parse like the slash command, for staff', async () => {
    const liu = h.person('刘秀英').personId;
    const [answer] = await turn('李联络员', say('记录 刘秀英 电话 又打了一次'));
    expect(answer!.text).toContain('刘秀英');
    expect((await contactsOf(liu)).map((c) => c.note)).toContain('又打了一次');
    // A member's words stand alone: "记录 …" from a member is not a staff command refused.
    const [fromMember] = await turn('陈志强', say('记录 今天很好'));
    expect(fromMember!.text).not.toBe(t('zh-CN', 'common-staff-only'));
    // Nor is the word alone, written as the answer to a free-text question: it is the answer.
    await turn('陈志强', say('/thought'));
    const [kept] = await turn('陈志强', say('记录'));
    expect(kept!.text).not.toBe(t('zh-CN', 'common-staff-only'));
    await turn('陈志强', say('/cancel'));
  });

  it('offers namesakes as buttons with branch and phone tail; the tap continues the same command', async () => {
    const [ask] = await turn('王书记', say('/log 张建国 电话 问过工资的事'));
    expect(ask!.text).toBe(t('zh-CN', 'staff-member-pick', { name: '张建国', count: 2 }));
    const labels = (ask!.buttons ?? []).flat().map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['张建国（幸福村党支部，手机尾号 8003）', '张建国（幸福村党支部，手机尾号 4321）']));
    expect(labels).toHaveLength(2); // the namesake in the other county is not offered
    const pick = payloadsOf(ask!).find((p) => p.endsWith(`:${namesake}`))!;
    const [done] = await turn('王书记', press(pick));
    expect(done!.text).toContain('张建国');
    expect((await contactsOf(namesake)).map((c) => c.note)).toEqual(['问过工资的事']);
    // Once only.
    expect(texts(await turn('王书记', press(pick)))).toContain(t('zh-CN', 'common-stale-button'));
    expect(await contactsOf(namesake)).toHaveLength(1);
  });

  it('says so when nobody in scope has the name, the same for a member outside scope', async () => {
    const unknown = texts(await turn('王书记', say('/log 王小二 电话')));
    expect(unknown).toEqual([t('zh-CN', 'staff-member-no-such-name', { name: '王小二' })]);
    expect(texts(await turn('王书记', say('/log 别村党员 电话')))[0]).toBe(t('zh-CN', 'staff-member-no-such-name', { name: '别村党员' }));
  });

  it('exports a member\'s cards by name, typed as 导出 with its arguments; namesakes are asked', async () => {
    const [one] = await turn('王书记', say('导出 登记卡 刘秀英'));
    expect(one!.document?.fileName).toContain('刘秀英');
    const [ask] = await turn('王书记', say('导出 登记卡 张建国'));
    const pick = payloadsOf(ask!).find((p) => p.endsWith(`:${namesake}`))!;
    const [file] = await turn('王书记', press(pick));
    expect(file!.document?.fileName).toContain('张建国');
  });

  it('a pick button pressed by someone else does nothing', async () => {
    const [ask] = await turn('王书记', say('/log 张建国 走访'));
    const pick = payloadsOf(ask!)[0]!;
    expect(texts(await turn('李联络员', press(pick)))).toEqual([t('zh-CN', 'staff-pending-not-yours')]);
    const visits = await h.database.db.select().from(trackingEntries).where(eq(trackingEntries.kind, 'visit'));
    expect(visits).toHaveLength(0);
  });
});

describe('departures and returns: every mistake its own answer', () => {
  it('names the bad date, the missing part, and gives the usage', async () => {
    const cases: [string, string][] = [
      ['/depart 3 2026-13-01 东莞', t('zh-CN', 'staff-bad-date', { date: '2026-13-01' })],
      ['/depart 赵小红 2026-13-01 东莞', t('zh-CN', 'staff-bad-date', { date: '2026-13-01' })],
      ['/depart', t('zh-CN', 'staff-missing-member')],
      ['/depart 赵小红', t('zh-CN', 'staff-missing-date')],
      ['/depart 赵小红 东莞', t('zh-CN', 'staff-not-a-date', { word: '东莞' })],
      ['/depart 赵小红 2026-03-01', t('zh-CN', 'staff-missing-destination')],
      ['/return 赵小红 昨天', t('zh-CN', 'staff-not-a-date', { word: '昨天' })],
    ];
    for (const [text, first] of cases) {
      const answers = texts(await turn('王书记', say(text)));
      expect(answers[0], text).toBe(first);
      expect(answers[1], text).toMatch(/^用法：\/(depart|return) /);
    }
    expect(texts(await turn('王书记', say('/depart 李四 2026-03-01 东莞')))).toEqual([t('zh-CN', 'staff-member-no-such-name', { name: '李四' })]);
    expect(h.logs.text).not.toContain('handling failed');
  });

  it('registers a departure by name with the place named, and refuses a second open one', async () => {
    const zhao = h.person('赵小红').personId;
    const [ok] = await turn('王书记', say('/depart 赵小红 2026-11-01 东莞 某厂 普工'));
    expect(ok!.text).toBe(t('zh-CN', 'staff-departure-registered', { name: '赵小红', date: '2026-11-01', place: '广东省 东莞市' }));
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, zhao));
    expect(m!.destinationRegionCode).toBe('441900');
    const [again] = await turn('王书记', say('外出登记 赵小红 2026-11-05 杭州'));
    expect(again!.text).toBe(t('zh-CN', 'staff-departure-open', { name: '赵小红', date: '2026-11-01' }));
    expect(await h.database.db.select().from(departures).where(eq(departures.memberId, zhao))).toHaveLength(1);
  });

  it('a return said without a date is the organisation\'s local day (02:30 Beijing time is that day)', async () => {
    const zhao = h.person('赵小红').personId;
    const early = texts(await turn('王书记', say('返乡登记 赵小红 2026-10-30')));
    expect(early[0]).toBe(t('zh-CN', 'staff-return-before-departure', { name: '赵小红', date: '2026-10-30', departed: '2026-11-01' }));
    expect(early[1]).toMatch(/^用法：\/return /);
    h.clock.current = new Date('2026-11-11T18:30:00Z'); // 2026-11-12 02:30 in Beijing
    const [ok] = await turn('王书记', say('返乡登记 赵小红'));
    expect(ok!.text).toContain('2026-11-12');
    const [dep] = await h.database.db.select().from(departures).where(eq(departures.memberId, zhao));
    expect(dep!.returnedOn).toBe('2026-11-12');
    expect(await h.database.db.select().from(departures).where(and(eq(departures.memberId, zhao), isNull(departures.returnedOn)))).toHaveLength(0);
  });
});

describe('a transfer is asked first, by the person who asked only', () => {
  it('asks, ignores someone else\'s tap, transfers on the confirmation and then says where the member went', async () => {
    const chen = h.person('陈志强').personId;
    const [inflow] = await h.database.db.select().from(organisations).where(eq(organisations.name, '东莞市长安镇流动党员党支部'));
    const [ask] = await turn('王书记', say('/transfer 陈志强 东莞市长安镇流动党员党支部'));
    expect(ask!.text).toBe(t('zh-CN', 'staff-transfer-confirm', { name: '陈志强', from: '幸福村党支部', to: '东莞市长安镇流动党员党支部' }));
    const [yes, no] = payloadsOf(ask!);
    expect(texts(await turn('李联络员', press(yes!)))).toEqual([t('zh-CN', 'staff-pending-not-yours')]);
    const home = async () => (await h.database.db.select().from(members).where(eq(members.personId, chen)))[0]!.homeOrgId;
    expect(await home()).not.toBe(inflow!.id);

    const [done] = await turn('王书记', press(yes!));
    expect(done!.text).toContain('东莞市长安镇流动党员党支部');
    expect(await home()).toBe(inflow!.id);
    // The old branch's liaison stays behind with the branch.
    expect(await h.database.db.select().from(liaisonAssignments).where(eq(liaisonAssignments.memberId, chen))).toHaveLength(0);
    expect(texts(await turn('王书记', press(no!)))).toContain(t('zh-CN', 'common-stale-button'));

    const date = '2026-11-12';
    const moved = t('zh-CN', 'staff-member-transferred-away', { name: '陈志强', org: '东莞市长安镇流动党员党支部', date });
    expect(texts(await turn('王书记', say('/log 陈志强 电话')))).toEqual([moved]);
    expect(texts(await turn('王书记', say(`/return ${chen}`)))).toEqual([moved]);
  });

  it('"不办了" leaves everything as it was', async () => {
    const liu = h.person('刘秀英').personId;
    const [ask] = await turn('王书记', say('转接 刘秀英 东莞市长安镇流动党员党支部'));
    const [, no] = payloadsOf(ask!);
    expect(texts(await turn('王书记', press(no!)))).toEqual([t('zh-CN', 'staff-confirm-cancelled')]);
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, liu));
    const [branch] = await h.database.db.select().from(organisations).where(eq(organisations.name, '幸福村党支部'));
    expect(m!.homeOrgId).toBe(branch!.id);
  });
});

describe('taking a role away is asked first', () => {
  it('names the members who lose their liaison, waits for the secretary\'s own tap, then tells the liaison', async () => {
    const liaison = h.person('李联络员').personId;
    expect(texts(await turn('李联络员', say('/revoke 李联络员 联络员')))).toEqual([t('zh-CN', 'staff-revoke-none', { name: '李联络员', role: 'liaison' })]);
    const [ask] = await turn('王书记', say('/revoke 李联络员 联络员'));
    expect(ask!.text).toContain('确认取消 李联络员 在 幸福村党支部 的联络员角色');
    expect(ask!.text).toContain('刘秀英');
    const [yes] = payloadsOf(ask!);
    expect(texts(await turn('李联络员', press(yes!)))).toEqual([t('zh-CN', 'staff-pending-not-yours')]);
    expect(await h.database.db.select().from(staffRoles).where(eq(staffRoles.personId, liaison))).toHaveLength(1);

    const [done] = await turn('王书记', press(yes!));
    expect(done!.text).toContain('已取消 李联络员 在 幸福村党支部 的联络员角色');
    expect(await h.database.db.select().from(staffRoles).where(eq(staffRoles.personId, liaison))).toHaveLength(0);
    expect(await h.database.db.select().from(liaisonAssignments).where(eq(liaisonAssignments.liaisonId, liaison))).toHaveLength(0);
    const told = await queuedFor(h.database, as('李联络员'));
    expect(told.at(-1)!.text).toBe(t('zh-CN', 'staff-role-revoked-you', { role: 'liaison', org: '幸福村党支部' }));
  });
});
