import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAttachments, reports, trackingEntries } from '../../src/db/schema/index.js';
import { cardContents } from '../../src/roster/cardContent.js';
import { incoming, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Issue 13: a thought report reaches the liaison and the secretary, who can read it (photos of a handwritten
 * one included) and answer; the answer reaches the member and the card holds the text. Driven through the
 * terminal platform of the real core; what each person saw is read from the outbox.
 */
let h: TestBot;
const handle = (chatId: string, body: Parameters<typeof incoming>[1]) => h.bot.core.handle(incoming(chatId, body));
const chatOf = (name: string) => h.person(name).terminalUserId!;
const seenBy = (name: string) => queuedFor(h.database, chatOf(name));
const last = async (name: string) => (await seenBy(name)).at(-1)!;

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T06:00:00Z') });
});
afterAll(() => h.close());

describe('a thought report reaches a person', () => {
  let reportId = 0;

  it('accepts text and a photo of a handwritten page, and tells the liaison and the secretary with read and reply buttons', async () => {
    const liu = chatOf('刘秀英');
    await handle(liu, press('menu:thoughtReport'));
    expect((await last('刘秀英')).text).toContain('手写的可以拍照发来');
    await handle(liu, say('这个季度学习了党章，参加了再就业培训。'));
    await handle(liu, { kind: 'file', fileRef: 'page-1', mime: 'image/jpeg' });
    expect((await last('刘秀英')).text).toContain('1 张照片');
    // A voice message is not a page: said so, and the report stays as it was.
    await handle(liu, { kind: 'file', fileRef: 'voice-1', mime: 'audio/ogg' });
    expect((await seenBy('刘秀英')).at(-2)!.text).toContain('语音和文件暂时看不了');
    await handle(liu, press('tr:done'));
    expect((await last('刘秀英')).text).toContain('1 张照片');
    await handle(liu, press('tr:submit'));
    const [report] = await h.database.db.select().from(reports).where(eq(reports.memberId, h.person('刘秀英').personId));
    reportId = report!.id;
    expect(report!.body).toBe('这个季度学习了党章，参加了再就业培训。');
    expect(await h.database.db.select({ fileRef: reportAttachments.fileRef }).from(reportAttachments).where(eq(reportAttachments.reportId, reportId))).toEqual([{ fileRef: 'page-1' }]);

    for (const staff of ['李联络员', '王书记']) {
      const notice = await last(staff);
      expect(notice.text).toBe('刘秀英 交了第四季度思想汇报（手写，1 张照片）。');
      expect(payloadsOf(notice)).toEqual([`thought:read:${reportId}`, `thought:reply:${reportId}`]);
    }
  });

  it('"read" shows the text, then the photo by reference, to staff who may see the member', async () => {
    const before = (await seenBy('李联络员')).length;
    await handle(chatOf('李联络员'), press(`thought:read:${reportId}`));
    const [text, photo] = (await seenBy('李联络员')).slice(before);
    expect(text!.text).toContain('刘秀英 的2026年第四季度思想汇报');
    expect(text!.text).toContain('这个季度学习了党章，参加了再就业培训。');
    expect(text!.text).toContain('另有 1 张手写稿照片');
    expect(payloadsOf(text!)).toEqual([`thought:reply:${reportId}`]);
    expect(photo!.text).toContain('手写稿第 1 页');
    expect(photo!.photo).toEqual({ platform: 'terminal', fileRef: 'page-1', mime: 'image/jpeg' });
    // A member cannot press a staff button to read someone's report.
    await handle(chatOf('张建国'), press(`thought:read:${reportId}`));
    expect((await last('张建国')).text).not.toContain('党章');
  });

  it('"reply" takes a short text and sends it to the member under the reader\'s title; the card keeps both', async () => {
    await handle(chatOf('王书记'), press(`thought:reply:${reportId}`));
    expect((await last('王书记')).text).toContain('请写给党员的回复');
    await handle(chatOf('王书记'), say('写得实在，培训坚持下去。'));
    expect((await last('王书记')).text).toBe('已把回复转给 刘秀英。');
    expect((await last('刘秀英')).text).toBe('书记已阅：写得实在，培训坚持下去。');

    await handle(chatOf('李联络员'), press(`thought:reply:${reportId}`));
    await handle(chatOf('李联络员'), say('有困难随时说。'));
    expect((await last('刘秀英')).text).toBe('李联络员已阅：有困难随时说。');

    const memberId = h.person('刘秀英').personId;
    const entries = await h.database.db.select().from(trackingEntries).where(eq(trackingEntries.memberId, memberId)).orderBy(trackingEntries.id);
    const card = await cardContents(h.database.db, memberId, entries, 'zh-CN');
    expect(card).toContain('提交了 2026-Q4 思想汇报，共 19 字，另有 1 张手写稿照片：这个季度学习了党章，参加了再就业培训。');
    expect(card).toContain('写得实在，培训坚持下去。');
  });

  it('keeps the report and the replies out of the logs', () => {
    for (const secret of ['党章', '写得实在', 'page-1']) expect(h.logs.text).not.toContain(secret);
  });
});

describe('what the bot cannot read gets an answer', () => {
  it('a sticker, or a photo with no question open, is answered with what the bot reads; in a conversation the question stands', async () => {
    await handle(chatOf('张建国'), { kind: 'unreadable', what: 'sticker' });
    const [sticker, menu] = (await seenBy('张建国')).slice(-2);
    expect(sticker!.text).toContain('贴纸我看不懂');
    expect(menu!.buttons?.length).toBeGreaterThan(0);
    await handle(chatOf('张建国'), { kind: 'file', fileRef: 'p', mime: 'image/jpeg' });
    expect((await seenBy('张建国')).at(-2)!.text).toContain('照片要放在“求助”或“思想汇报”里发');
    await handle(chatOf('张建国'), press('menu:checkIn'));
    const asked = (await last('张建国')).text;
    await handle(chatOf('张建国'), { kind: 'unreadable', what: 'sticker' });
    expect((await last('张建国')).text).toContain('贴纸我看不懂');
    await handle(chatOf('张建国'), press('ci:same'));
    expect((await last('张建国')).text).not.toBe(asked);
  });

  it('a sticker from an account not linked yet is answered, and asked for the invite code', async () => {
    await h.bot.core.handle(incoming('stranger-1', { kind: 'unreadable', what: 'sticker' }));
    const [first, second] = await queuedFor(h.database, 'stranger-1');
    expect(first!.text).toContain('贴纸我看不懂');
    expect(second!.text).toContain('邀请码');
  });
});
