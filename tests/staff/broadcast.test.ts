import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { createBot } from '../../src/app.js';
import { Api } from 'grammy';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { broadcasts, identities, outboxMessages } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { reportEndedNotices } from '../../src/features/broadcasts/report.js';
import { incoming, lastQueued, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.js';

let h: TestBot;
let fake: FakeTelegram;
beforeAll(async () => {
  h = await startTestBot();
  fake = await startFakeTelegram();
  // Members on Telegram: the notice goes to their last-used account there.
  for (const [i, name] of ['张建国', '刘秀英', '陈志强'].entries()) {
    await h.database.db.insert(identities).values({
      platform: 'telegram', externalUserId: String(70_000 + i), chatId: String(70_000 + i), personId: h.person(name).personId,
      linkedAt: h.clock.now(), lastSeenAt: new Date(h.clock.now().getTime() + 60_000),
    });
  }
});
afterAll(async () => {
  await fake?.stop();
  await h?.close();
});

describe('a secretary broadcasts a notice', () => {
  it('previews the audience, queues one message per member, and shows delivered and failed afterwards', async () => {
    const secretary = h.person('王书记').terminalUserId!;
    await h.bot.core.handle(incoming(secretary, say('/broadcast 流动 | 本月主题党日改在 25 日')));
    const preview = await lastQueued(h.database, secretary);
    // Mobile members: 张建国, 陈志强, 赵小红 (who has not joined, so cannot be reached).
    expect(preview.text).toContain('将发给 3 位党员（其中 2 位能收到机器人消息）');
    expect(preview.text).toContain('本月主题党日改在 25 日');
    expect(await h.database.db.select().from(broadcasts)).toHaveLength(0);

    await h.bot.core.handle(incoming(secretary, press('bc:send')));
    const queued = (await queuedFor(h.database, secretary)).map((m) => m.text).join('\n');
    expect(queued).toMatch(/已排队：2 位党员/);
    // 赵小红 has not joined: the secretary is told by name that nothing went to her.
    expect(queued).toContain('没有发出：赵小红');
    const [b] = await h.database.db.select().from(broadcasts);
    const rows = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.broadcastId, b!.id));
    expect(rows.map((r) => r.chatId).sort()).toEqual(['70000', '70002']);

    // Delivered through the real grammY transport to the fake Bot API; 陈志强 has blocked the bot.
    h.bot.sender.register(createTelegramTransport(new Api(fake.token, { apiRoot: fake.url }), createLogger('silent'), () => 'bot'));
    fake.failNext({ kind: 'blocked' }, { chatId: '70002', methods: ['sendMessage'] });
    await h.bot.sender.drain(['telegram'], 30_000, true);
    expect(fake.messagesIn('70000').map((m) => m.text)).toEqual([expect.stringContaining('本月主题党日改在 25 日')]);
    expect(fake.messagesIn('70002')).toHaveLength(0);

    // Sending has ended: the secretary is told once, by name, who did not get it; checking again adds nothing.
    const reports = async () => (await queuedFor(h.database, secretary)).map((m) => m.text).filter((t) => t.includes('已发完'));
    expect(await reports()).toEqual([expect.stringContaining(`通知 ${b!.id} 已发完：送达 1 位党员，失败 1 位。`)]);
    expect((await reports())[0]).toContain('没收到的：陈志强');
    await Promise.all([reportEndedNotices(h.database.db, h.clock.now()), reportEndedNotices(h.database.db, h.clock.now(), [b!.id])]);
    expect(await reports()).toHaveLength(1);

    await h.bot.core.handle(incoming(secretary, say('/delivery')));
    const report = (await queuedFor(h.database, secretary)).map((m) => m.text).join('\n');
    expect(report).toContain(`#${b!.id}: ✓1 ⏳0 ✗1`);
  });

  it('tells the sender once when two instances send the same notice side by side', async () => {
    const secretary = h.person('王书记').terminalUserId!;
    await h.bot.core.handle(incoming(secretary, say('/broadcast 流动党员 排除=陈志强 | 两台一起发')));
    await h.bot.core.handle(incoming(secretary, press('bc:send')));
    const [b] = await h.database.db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(1);
    const second = createBot({ database: h.database, clock: h.clock, logger: createLogger('silent'), config: h.config });
    for (const bot of [h.bot, second]) bot.sender.register(createTelegramTransport(new Api(fake.token, { apiRoot: fake.url }), createLogger('silent'), () => 'bot'));
    await Promise.all([h.bot.sender.drain(['telegram'], 30_000, true), second.sender.drain(['telegram'], 30_000, true)]);
    await second.sender.stop();
    const reports = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `notice-report:${b!.id}`));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.payload).toMatchObject({ text: expect.stringContaining('送达 1 位党员，失败 0 位') });
    expect(fake.messagesIn('70000').map((m) => m.text)).toEqual(expect.arrayContaining([expect.stringContaining('两台一起发')]));
  });

  it('refuses a member, and sends nothing without the confirming tap', async () => {
    const member = h.person('刘秀英').terminalUserId!;
    await h.bot.core.handle(incoming(member, say('/broadcast | hello')));
    expect((await lastQueued(h.database, member)).text).toContain('是给联络员和支部书记用的');
    const secretary = h.person('王书记').terminalUserId!;
    const before = (await h.database.db.select().from(broadcasts)).length;
    await h.bot.core.handle(incoming(secretary, say('/broadcast 流动 | 第二条')));
    await h.bot.core.handle(incoming(secretary, say('/cancel')));
    expect(await h.database.db.select().from(broadcasts)).toHaveLength(before);
    await h.bot.core.handle(incoming(secretary, say('/broadcast 没有分隔符')));
    expect((await lastQueued(h.database, secretary)).text).toContain('用法');
  });
});
