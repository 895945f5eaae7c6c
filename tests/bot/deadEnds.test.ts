import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, persons } from '../../src/db/schema/index.js';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/** The refusals, the apology after a bug and place names, in the person's own terms (issue 13, member dead ends). */
let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(() => h?.close());

const chat = (name: string) => h.person(name).terminalUserId!;
async function ask(name: string, text: string): Promise<string> {
  const before = (await queuedFor(h.database, chat(name))).length;
  await h.bot.core.handle(incoming(chat(name), say(text)));
  return (await queuedFor(h.database, chat(name))).slice(before).map((m) => m.text).join('\n');
}

describe('refusals say what the person can use instead', () => {
  it('a liaison asking /stats is pointed to their own tools, not told it is for liaisons', async () => {
    const answer = await ask('李联络员', '/stats');
    expect(answer).not.toContain('联络员和支部书记');
    expect(answer).toContain('支部书记和组织管理员');
    expect(answer).toContain('/caseload');
  });

  it('so are a liaison\'s /load and /tempbranch, which are the secretary\'s', async () => {
    for (const tool of ['/load', '/tempbranch']) expect(await ask('李联络员', tool), tool).toContain('/caseload');
  });

  it('a member asking for a staff tool is pointed to the menu', async () => {
    const answer = await ask('刘秀英', '/stats');
    expect(answer).toContain('菜单');
  });

  it('a secretary without a member record asking to check in is pointed to their tools', async () => {
    const answer = await ask('王书记', '/report');
    expect(answer).toContain('/caseload');
  });
});

describe('the person\'s language', () => {
  it('the apology after a bug is in English for an English speaker', async () => {
    const zhang = h.person('张建国').personId;
    await h.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, zhang));
    // A conversation whose stored state no step can read: the turn fails inside, as a bug would.
    await h.database.db.insert(conversations).values({ personId: zhang, flow: 'thoughtReport', state: { s: null }, version: 1, updatedAt: h.clock.now() });
    await h.bot.core.handle(incoming(chat('张建国'), say('hello')));
    expect((await lastQueued(h.database, chat('张建国'))).text).toBe('Sorry, something went wrong. Please try again later, or contact your liaison directly.');
    await h.database.db.delete(conversations).where(eq(conversations.personId, zhang));
  });

  it('names places in English (pinyin) where the data has it, Chinese for districts', async () => {
    const status = await ask('张建国', '/status');
    expect(status).toContain('Dongguan, Guangdong');
    await ask('张建国', '/location');
    const confirm = await ask('张建国', '杭州西湖区');
    expect(confirm).toContain('西湖区, Hangzhou, Zhejiang');
    // /location again resumes the open question (the place to confirm) rather than starting over.
    expect(await ask('张建国', '/location')).toContain('西湖区, Hangzhou, Zhejiang');
    await h.bot.core.handle(incoming(chat('张建国'), press('loc:pick')));
    const provinces = (await lastQueued(h.database, chat('张建国'))).buttons!.flat().map((b) => b.label);
    expect(provinces).toContain('Beijing');
    expect(provinces.join(' ')).not.toMatch(/省|市/);
  });
});

describe('typed labels', () => {
  it('match with the emoji, without it, and with spaces around', async () => {
    for (const typed of ['✍️ 思想汇报', '思想汇报', '  思想汇报 ', '✍思想汇报']) {
      await ask('陈志强', '/cancel');
      expect(await ask('陈志强', typed), typed).toContain('思想汇报');
      expect(payloadsOf(await lastQueued(h.database, chat('陈志强')))).toEqual(['cancel']);
    }
    await ask('陈志强', '/cancel');
  });
});

describe('coming back to an open question', () => {
  it('after a pause, something unrelated gets the question again; after a restart, /start does too', async () => {
    await ask('刘秀英', '/report');
    await h.bot.core.handle(incoming(chat('刘秀英'), press('ci:same')));
    const work = payloadsOf(await lastQueued(h.database, chat('刘秀英')));
    expect(work[0]).toMatch(/^ci:work:/);
    h.clock.advance(5 * 3_600_000);
    await ask('刘秀英', '今天天气不错');
    expect(payloadsOf(await lastQueued(h.database, chat('刘秀英')))).toEqual(work);
    // A new process on the same database: nothing was kept in memory, the question comes back.
    const restarted = createBot({ database: h.database, clock: h.clock, logger: createLogger('silent'), config: h.config });
    const before = (await queuedFor(h.database, chat('刘秀英'))).length;
    await restarted.core.handle(incoming(chat('刘秀英'), say('/start')));
    const [lead, again] = (await queuedFor(h.database, chat('刘秀英'))).slice(before);
    expect(lead!.text).toContain('刚才说到');
    expect(payloadsOf(again!)).toEqual(work);
    await restarted.sender.stop();
  });
});

describe('staff read places in their language too', () => {
  it('a secretary who chose English sees the destinations of /stats in English', async () => {
    await h.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, h.person('王书记').personId));
    const stats = await ask('王书记', '/stats');
    expect(stats).toContain('Dongguan, Guangdong');
    expect(stats).not.toContain('东莞');
  });
});
