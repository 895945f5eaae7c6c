import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { broadcasts, identities, locationRecords, outboxMessages, persons, staffRoles, organisations } from '../../src/db/schema/index.js';
import { incoming, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/** 02:45 on 11 November in Beijing: the night the five notices went out at once. */
const NIGHT = new Date('2026-11-10T18:45:00Z');
/** 14:00 Beijing, the start of members' afternoon. */
const AFTERNOON = new Date('2026-11-11T06:00:00Z');

let h: TestBot;
let secretary: string;
let admin: string;
beforeAll(async () => {
  h = await startTestBot({ at: NIGHT });
  secretary = h.person('王书记').terminalUserId!;
  // 张建国 has since said he works in 杭州 西湖区: a district under the city the secretary names.
  await h.database.db.insert(locationRecords).values({ memberId: h.person('张建国').personId, regionCode: '330106', source: 'picked', recordedAt: NIGHT });
  const [county] = await h.database.db.select().from(organisations).where(eq(organisations.name, '示范县委组织部'));
  const [adminPerson] = await h.database.db.insert(persons).values({ name: '县管理员' }).returning();
  await h.database.db.insert(staffRoles).values({ personId: adminPerson!.id, role: 'org_admin', orgId: county!.id });
  admin = 'county-admin';
  await h.database.db.insert(identities).values({ platform: 'terminal', externalUserId: admin, chatId: admin, personId: adminPerson!.id, linkedAt: NIGHT, lastSeenAt: NIGHT });
});
afterAll(() => h?.close());

async function ask(chat: string, text: string): Promise<string> {
  const before = (await queuedFor(h.database, chat)).length;
  await h.bot.core.handle(incoming(chat, say(text)));
  return (await queuedFor(h.database, chat)).slice(before).map((m) => m.text).join('\n');
}

describe('audience filters say what they understood', () => {
  it('takes the category words secretaries use', async () => {
    expect(await ask(secretary, '/audience 流动党员')).toContain('共 3 名党员');
    expect(await ask(secretary, '/audience 下岗失业党员')).toContain('共 1 名党员');
    expect(await ask(secretary, '/audience 预备党员')).toContain('共 1 名党员');
  });

  it('refuses a word it does not know, with the list of those it does, and sends nothing', async () => {
    const answer = await ask(secretary, '/audience 流动的党员');
    expect(answer).toContain('看不懂这些条件：流动的党员');
    expect(answer).toContain('下岗失业党员');
    expect(answer).toContain('排除=');
    expect(await ask(secretary, '/broadcast 全体流动 | 明天开会')).toContain('看不懂这些条件：全体流动');
    expect(await h.database.db.select().from(broadcasts)).toHaveLength(0);
  });

  it('leaves out people by name, and says so when the name is nobody there', async () => {
    expect(await ask(secretary, '/audience 流动党员 排除=张建国')).toContain('共 2 名党员');
    expect(await ask(secretary, '/audience 流动党员 排除=张建国,陈志强')).toContain('共 1 名党员');
    expect(await ask(secretary, '/audience 排除=张三')).toContain('没有叫 张三 的党员');
  });

  it('matches a place by name, the districts under it included, and refuses a place it cannot find', async () => {
    // 赵小红 registered 杭州 as her destination; 张建国 last said 西湖区, which is in 杭州.
    expect(await ask(secretary, '/audience 地点=杭州')).toContain('共 2 名党员');
    expect(await ask(secretary, '/audience 地点=深圳')).toContain('共 1 名党员');
    expect(await ask(secretary, '/audience 地点=杭州 排除=赵小红')).toContain('共 1 名党员');
    const unknown = await ask(secretary, '/audience 地点=火星基地');
    expect(unknown).toContain('没找到这个地点：火星基地');
    expect(unknown).not.toMatch(/\d{6}/);
  });
});

describe('notices keep members\' quiet hours and weekly cap', () => {
  const noticeRows = async (id: number) => h.database.db.select().from(outboxMessages).where(eq(outboxMessages.broadcastId, id));
  const latestBroadcast = async () => (await h.database.db.select().from(broadcasts).orderBy(broadcasts.id)).at(-1)!.id;

  it('a notice confirmed at 02:45 Beijing time waits for the members\' afternoon', async () => {
    await ask(secretary, '/broadcast 流动党员 | 本月主题党日改在 25 日');
    const before = (await queuedFor(h.database, secretary)).length;
    await h.bot.core.handle(incoming(secretary, press('bc:send')));
    const told = (await queuedFor(h.database, secretary)).slice(before).map((m) => m.text).join('\n');
    const rows = await noticeRows(await latestBroadcast());
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.nextAttemptAt.toISOString()).toBe(AFTERNOON.toISOString());
    expect(told).toContain('2 位党员现在是休息时间或本周消息已满');
  });

  it('over the weekly cap a member gets the next notice when a week has passed since the oldest', async () => {
    const zhang = h.person('张建国').personId;
    // Two more notices the same night: 张建国 now has three this week (the cap, WEEKLY_PROMPT_CAP=3).
    for (const text of ['第二条', '第三条']) {
      await ask(secretary, `/broadcast 流动党员 排除=陈志强 | ${text}`);
      await h.bot.core.handle(incoming(secretary, press('bc:send')));
    }
    await ask(secretary, '/broadcast 流动党员 | 第四条');
    await h.bot.core.handle(incoming(secretary, press('bc:send')));
    const fourth = await noticeRows(await latestBroadcast());
    const forZhang = fourth.find((r) => r.personId === zhang)!;
    const forChen = fourth.find((r) => r.personId === h.person('陈志强').personId)!;
    // His first three arrive at 14:00 on the 11th; the fourth a week later, in his afternoon.
    expect(forZhang.nextAttemptAt.toISOString()).toBe('2026-11-18T06:00:00.000Z');
    // 陈志强 had only one: his comes that same afternoon.
    expect(forChen.nextAttemptAt.toISOString()).toBe(AFTERNOON.toISOString());
  });

  it('an organisation admin may mark a notice urgent: it goes at once; a secretary may not', async () => {
    expect(await ask(secretary, '/broadcast 紧急 流动党员 | 台风停工')).toContain('只有组织管理员');
    const preview = await ask(admin, '/broadcast 紧急 流动党员 | 台风停工，注意安全');
    expect(preview).toContain('紧急通知：马上发出');
    await h.bot.core.handle(incoming(admin, press('bc:send')));
    const rows = await noticeRows(await latestBroadcast());
    expect(rows.length).toBe(2);
    for (const r of rows) expect(r.nextAttemptAt.toISOString()).toBe(NIGHT.toISOString());
  });

  it('counts notices as prompts, so the monthly reminder respects them too', async () => {
    const { promptsThisWeek } = await import('../../src/schedules/prompts.js');
    const counts = await promptsThisWeek(h.database.db, [h.person('张建国').personId], h.clock.now());
    expect(counts.get(h.person('张建国').personId)).toBe(5);
    const purposes = await h.database.db.select({ p: outboxMessages.purpose }).from(outboxMessages).where(and(eq(outboxMessages.personId, h.person('张建国').personId), inArray(outboxMessages.purpose, ['broadcast'])));
    expect(purposes).toHaveLength(5);
  });
});
