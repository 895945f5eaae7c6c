import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { studyItems, studyReads } from '../../src/db/schema/index.js';
import { createTerminalPort, type TerminalScreen } from '../../src/adapters/terminal/port.js';
import { tellLiaisonUnreachable } from '../../src/bot/unreachable.js';
import { createLogger } from '../../src/logger.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { runStudyPush } from '../../src/schedules/study.js';
import { incoming, press } from '../support/bot.js';
import { noChromium, PHONE, LAPTOP, startBrowserConsole, type BrowserConsole } from '../support/browser.js';
import { signIn } from './steps.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Issue 15's study library in a real browser: 王书记 adds a study item with a file; the study job, run on the test
 * bot's clock, pushes it, and the outbox delivers it to 张建国's terminal chat with its buttons; he taps 已学习, and
 * the item's page shows him as having studied it.
 */
describe.skipIf(noChromium !== undefined)('the study library in a real browser', () => {
  let b: BrowserConsole;
  let itemId = 0;
  const screen: string[] = [];
  let terminal: TerminalScreen;
  beforeAll(async () => {
    b = await startBrowserConsole('study');
    terminal = {
      lang: 'zh-CN', write: (line) => screen.push(line), currentUser: () => b.h.tb.person('张建国').terminalUserId!,
      names: new Map(), lastButtons: new Map(), exportsDir: '/tmp',
    };
  }, 90_000);
  afterAll(async () => b?.close());
  afterEach(() => {
    expect(b.takeProblems()).toEqual([]);
  });

  it('王书记 adds a study item for this month, with a PDF, through the form', async () => {
    await signIn(b, '王书记');
    await b.open('/console/study');
    await b.shot('plan-empty');
    await b.page.getByRole('link', { name: '＋ 添加学习内容' }).click();
    await b.page.getByLabel('标题').fill('根治欠薪政策解读');
    await b.page.getByLabel('类别').selectOption({ label: '政策法规' });
    await b.page.getByLabel('推送日期').fill('2026-11-10');
    await b.page.getByLabel('正文').fill('签合同、留凭证，讨薪有门路。');
    await b.page.getByLabel('附件').setInputFiles({ name: '欠薪政策.pdf', mimeType: 'application/pdf', buffer: PDF });
    await b.shot('add-form');
    await b.page.getByRole('button', { name: '保存' }).click();
    await b.page.waitForURL(/\/console\/study\/item\/\d+/);
    itemId = Number(/item\/(\d+)/.exec(b.page.url())![1]);
    await expect.poll(() => b.page.locator('p.notice').textContent()).toContain('已保存');
    expect(await b.page.locator('.study-readers').textContent()).toContain('张建国');
    await b.shot('item-added');
    const [stored] = await b.h.tb.database.db.select().from(studyItems).where(eq(studyItems.id, itemId));
    expect(stored?.title).toBe('根治欠薪政策解读');
  });

  it('the study job pushes it to 张建国’s terminal chat in his afternoon, with 已学习 and the file', async () => {
    const tb = b.h.tb;
    // 14:20 in Beijing, inside the prompt hours (and inside the console session's idle time).
    tb.clock.current = new Date('2026-11-10T06:20:00Z');
    const pushed = await runStudyPush(tb.database.db, tb.clock.now(), tb.config);
    expect(pushed.members).toBeGreaterThan(0);
    const sender = new OutboxSender({ database: tb.database, clock: tb.clock, logger: createLogger('silent'), maxAttempts: 3, onUnreachable: tellLiaisonUnreachable });
    sender.register(createTerminalPort(terminal));
    for (let i = 0; i < 20 && (await sender.runOnce()) > 0; i++);
    const shown = screen.join('\n');
    expect(shown).toContain('🤖 📚 学习材料 · 政策法规');
    expect(shown).toContain('根治欠薪政策解读');
    expect(shown).toContain('📎 欠薪政策.pdf');
    expect(shown).toContain('[1] ✅ 已学习   [2] 📎 下载附件');
  });

  it('he taps 已学习, and the item’s page and the plan show it', async () => {
    const tb = b.h.tb;
    const chat = tb.person('张建国').terminalUserId!;
    const [studied] = terminal.lastButtons.get(chat)!;
    expect(studied).toBe(`study:done:${itemId}`);
    await tb.bot.core.handle(incoming(chat, press(studied!)));
    expect(await tb.database.db.select().from(studyReads).where(eq(studyReads.itemId, itemId))).toHaveLength(1);
    await b.open(`/console/study/item/${itemId}`);
    const row = b.page.locator('tr.study-read', { hasText: '张建国' });
    await expect.poll(() => row.textContent()).toContain('✅ 已学习');
    expect(await b.page.locator('tr.study-unread').count()).toBeGreaterThan(0);
    await b.shot('item-read');
    await b.open('/console/study');
    expect(await b.page.locator('table.study-plan').textContent()).toContain('1 / 4 人');
    await b.shot('plan');
    await b.page.setViewportSize(PHONE);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await b.shot('plan-phone');
    await b.page.setViewportSize(LAPTOP);
  });

  it('shows the member’s own page and the 补课 list without a browser error', async () => {
    await b.open(`/console/study/member/${b.h.tb.person('张建国').personId}`);
    expect(await b.page.locator('main').textContent()).toContain('已学习 1 条');
    await b.shot('member');
    await b.open('/console/study/makeup');
    const text = await b.page.locator('main').textContent();
    expect(text).toContain('幸福村党支部');
    expect(text).not.toContain('张建国');
    await b.shot('makeup');
  });
});
