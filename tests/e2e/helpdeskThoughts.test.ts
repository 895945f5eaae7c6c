import { Api } from 'grammy';
import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { helpRequests, identities, reports } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { incoming, press, say, type TestBot } from '../support/bot.js';
import { noChromium, PHONE, LAPTOP, startBrowserConsole, type BrowserConsole } from '../support/browser.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.js';
import { addNote, answerThoughtReport, openRequest, resolveRequest, takeRequest } from './deskSteps.js';
import { signIn } from './steps.js';

/** 张建国's Telegram chat on the fake Bot API: where the branch's answers reach him. */
const ZHANG_TELEGRAM = '71001';

/**
 * Issue 15, the help desk and thought reports in a real browser: 张建国 asks for help and hands in his
 * thought report in the chat; 王书记 takes and resolves the request and answers the report in the console;
 * 张建国's Telegram chat (the fake Bot API, through the real grammY transport) receives what the chat path
 * sends. The tests run in order as one session; a browser console error or failed request fails each.
 */
describe.skipIf(noChromium !== undefined)('the help desk and thought reports in a real browser', () => {
  let b: BrowserConsole;
  let fake: FakeTelegram;
  let requestId = 0;
  const tb = (): TestBot => b.h.tb;
  const member = (body: Parameters<typeof incoming>[1]) => tb().bot.core.handle(incoming(tb().person('张建国').terminalUserId!, body));
  const delivered = async () => {
    await tb().bot.sender.drain(['telegram'], 30_000);
    return fake.messagesIn(ZHANG_TELEGRAM).map((m) => m.text);
  };

  beforeAll(async () => {
    b = await startBrowserConsole('helpdeskThoughts');
    fake = await startFakeTelegram();
    tb().bot.sender.register(createTelegramTransport(new Api(fake.token, { apiRoot: fake.url }), createLogger('silent'), () => 'bot'));
    // 张建国 also uses Telegram, and used it last: notices from the branch go there.
    await tb().database.db.insert(identities).values({
      platform: 'telegram', externalUserId: ZHANG_TELEGRAM, chatId: ZHANG_TELEGRAM, personId: tb().person('张建国').personId,
      linkedAt: tb().clock.now(), lastSeenAt: new Date(tb().clock.now().getTime() + 86_400_000),
    });
    // In his chat: an urgent request about unpaid wages (with markup in his words), and his thought report.
    for (const body of [press('menu:help'), press('help:cat:wages'), say('老板拖欠三个月工资 <script>alert(1)</script>'), press('help:described'), press('help:urgent'), press('help:submit')]) await member(body);
    for (const body of [press('menu:thoughtReport'), say('这个季度在东莞打工，坚持学习党章。'), press('tr:done'), press('tr:submit')]) await member(body);
    const [request] = await tb().database.db.select().from(helpRequests).orderBy(desc(helpRequests.id)).limit(1);
    requestId = request!.id;
    expect(await tb().database.db.select().from(reports).where(eq(reports.kind, 'thought'))).toHaveLength(1);
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await fake?.stop();
  });
  afterEach(() => {
    expect(b.takeProblems()).toEqual([]);
  });

  it('王书记 signs in and finds the urgent request in the queue, the member’s words shown as text', async () => {
    await signIn(b, '王书记');
    await b.open('/console/help');
    const row = b.page.locator('table.help-queue tr', { hasText: '张建国' });
    expect(await row.textContent()).toContain('讨要工资');
    expect(await row.textContent()).toContain('紧急');
    expect(await row.textContent()).toContain('<script>alert(1)</script>');
    expect(await b.page.locator('main script').count()).toBe(0);
    await b.shot('queue');
  });

  it('takes the request, adds a note and resolves it; 张建国’s Telegram chat is asked to confirm', async () => {
    await openRequest(b, requestId);
    await b.shot('request');
    await takeRequest(b);
    await addNote(b, '已联系劳动监察大队');
    await resolveRequest(b);
    await b.shot('request-resolved');
    expect(await delivered()).toEqual(expect.arrayContaining([expect.stringContaining(`求助 ${requestId} 支部说已经解决了`)]));
  });

  it('shows 张建国’s confirmation once he taps 解决了', async () => {
    await member(press(`hr:confirm:${requestId}`));
    await b.page.reload();
    await expect.poll(() => b.page.locator('main').textContent()).toContain('确认问题已解决');
    expect(await b.page.locator('td.help-status').textContent()).toBe('党员已确认解决');
    await b.shot('request-confirmed');
  });

  it('answers the thought report; the reply reaches 张建国’s Telegram chat as "书记已阅：…"', async () => {
    await answerThoughtReport(b, '张建国', '写得很实在，继续保持。');
    await b.shot('thoughts-answered');
    expect(await delivered()).toContain('书记已阅：写得很实在，继续保持。');
  });

  it('fits a phone without sideways scrolling', async () => {
    await b.page.setViewportSize(PHONE);
    for (const [path, name] of [['/console/help', 'queue-phone'], [`/console/help/${requestId}`, 'request-phone'], ['/console/thoughts', 'thoughts-phone']] as const) {
      await b.open(path);
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width + 1);
      await b.shot(name);
    }
    await b.page.setViewportSize(LAPTOP);
  });
});
