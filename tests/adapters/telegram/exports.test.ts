import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, identities, organisations, outboxMessages } from '../../../src/db/schema/index.js';
import { enqueue } from '../../../src/outbox/enqueue.js';
import { runHousekeeping } from '../../../src/schedules/housekeeping.js';
import type { OutgoingMessage } from '../../../src/bot/types.js';
import { updates, type TestUser } from '../../support/fakeTelegram.js';
import { cellOf, openXlsx } from '../../support/xlsx.js';
import { startTelegramTest, type TelegramTest } from './setup.js';

/** Exports asked for in a Telegram chat arrive there as files: sendDocument, multipart, through the outbox. */
describe('telegram: exports arrive as files in the chat', () => {
  let t: TelegramTest;
  const secretary: TestUser = { id: 630_000_001, first_name: '王书记', language_code: 'zh-hans' };
  const liaison: TestUser = { id: 630_000_002, first_name: '李联络员', language_code: 'zh-hans' };

  /** What the core put in the outbox for this chat last: the size the file must arrive with. */
  const lastPayload = async (user: TestUser) =>
    (await t.tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, String(user.id))).orderBy(desc(outboxMessages.id)).limit(1))[0]!.payload as OutgoingMessage;

  beforeAll(async () => {
    t = await startTelegramTest();
    const now = t.tb.clock.now();
    for (const [user, name] of [[secretary, '王书记'], [liaison, '李联络员']] as const) {
      await t.tb.database.db.insert(identities).values({ platform: 'telegram', externalUserId: String(user.id), chatId: String(user.id), personId: t.tb.person(name).personId, linkedAt: now, lastSeenAt: now });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the roster as an .xlsx with a caption, the bytes the core built', async () => {
    const before = t.fake.documents.length;
    await t.deliver(updates.text(secretary, '/export 花名册'));
    expect(t.fake.documents).toHaveLength(before + 1);
    const doc = t.fake.documents.at(-1)!;
    expect(doc.chatId).toBe(String(secretary.id));
    expect(doc.fileName).toBe('花名册-幸福村党支部-2026-11-10.xlsx');
    expect(doc.caption).toBe('幸福村党支部 花名册（2026-11-10）');
    const built = Buffer.from((await lastPayload(secretary)).document!.base64, 'base64');
    expect(doc.data.length).toBe(built.length);
    expect(doc.data.length).toBeGreaterThan(1000);
    expect(await cellOf(doc.data, '花名册', 'A1')).toBe('姓名');
    const names = (await openXlsx(doc.data)).getWorksheet('花名册')!.getColumn(1).values.map(String);
    expect(names).toEqual(expect.arrayContaining(['张建国', '刘秀英', '陈志强', '赵小红']));
    // The upload went as multipart with the file, not as a text message.
    expect(t.fake.callsOf('sendDocument').at(-1)!.params.document).toMatch(/^attach:\/\//);
  });

  it('sends a member\'s two cards, and the statistics', async () => {
    const zhang = t.tb.person('张建国').personId;
    await t.deliver(updates.text(secretary, `/export 登记卡 ${zhang}`));
    const cards = t.fake.documents.at(-1)!;
    expect(cards.fileName).toBe('一档双卡-张建国-2026-11-10.xlsx');
    expect((await openXlsx(cards.data)).worksheets.map((w) => w.name)).toEqual(['登记卡', '跟踪管理卡']);
    expect(await cellOf(cards.data, '登记卡', 'A1')).toBe('流动党员登记卡');

    await t.deliver(updates.text(secretary, '/export 统计'));
    const stats = t.fake.documents.at(-1)!;
    expect(stats.fileName).toBe('统计表-幸福村党支部-2026-11-10.xlsx');
    expect(stats.data.length).toBe(Buffer.from((await lastPayload(secretary)).document!.base64, 'base64').length);
    expect(await cellOf(stats.data, '汇总', 'A2')).toBe('单位');
  });

  it('sends fresh invite codes for the members not linked yet, audited', async () => {
    await t.deliver(updates.text(secretary, '/export invites'));
    const codes = t.fake.documents.at(-1)!;
    expect(codes.fileName).toBe('邀请码-幸福村党支部-2026-11-10.xlsx');
    expect(await cellOf(codes.data, '邀请码', 'D1')).toBe('邀请码');
    expect(await cellOf(codes.data, '邀请码', 'A2')).toBe('赵小红');
    const [audit] = await t.tb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'invite.bulk'), eq(auditLog.actorId, t.tb.person('王书记').personId)));
    expect(audit?.details).toMatchObject({ allowed: true, export: 'invites', via: 'chat' });
  });

  it('refuses what is outside the asker\'s scope with words, and sends no file', async () => {
    const before = t.fake.documents.length;
    await t.deliver(updates.text(liaison, '/export 花名册'));
    expect(t.chat(liaison).at(-1)!.text).toContain('不是哪个组织的书记或管理员');
    const [inflow] = await t.tb.database.db.select().from(organisations).where(eq(organisations.kind, 'inflow'));
    await t.deliver(updates.text(secretary, `/export roster ${inflow!.id}`));
    expect(t.chat(secretary).at(-1)!.text).toBe('这个组织不在您的管理范围内。');
    await t.deliver(updates.text(secretary, '/export 工资条'));
    expect(t.chat(secretary).at(-1)!.text).toContain('/export 花名册');
    // Typed alone, the word shows how to ask.
    await t.deliver(updates.text(secretary, '导出'));
    expect(t.chat(secretary).at(-1)!.text).toContain('/export 登记卡 党员姓名');
    expect(t.fake.documents).toHaveLength(before);
    expect(t.tb.logs.text).not.toContain('花名册-');
  });

  it('puts a caption over 1024 characters in a message of its own before the file', async () => {
    const chat = { chatId: String(secretary.id), chatKind: 'private' as const };
    const sent = t.fake.callsOf('sendMessage').length;
    const outcome = await t.adapter.transport.sendDocument!(chat, { fileName: 'long.xlsx', mime: 'application/octet-stream', base64: Buffer.from('x').toString('base64') }, { text: '长'.repeat(1100) });
    expect(outcome.ok).toBe(true);
    expect(t.fake.callsOf('sendMessage')).toHaveLength(sent + 1);
    expect(t.fake.documents.at(-1)).toMatchObject({ fileName: 'long.xlsx' });
    expect(t.fake.documents.at(-1)!.caption).toBeUndefined();
  });

  it('edits a sent message that a later one replaces, and sends anew when it cannot be edited', async () => {
    const db = t.tb.database.db;
    const chatId = String(secretary.id);
    const queue = async (key: string, text: string, replaces?: string) => {
      await enqueue(db, [{ idempotencyKey: key, platform: 'telegram', chatId, purpose: 'reply', message: { text, ...(replaces ? { replaces } : {}) }, notBefore: t.tb.clock.now() }], t.tb.clock.now());
      await t.tb.bot.sender.drain(['telegram']);
    };
    await queue('progress:1', '导入中：0/3');
    const shown = t.chat(secretary).length;
    const first = t.chat(secretary).at(-1)!;
    await queue('progress:2', '导入中：3/3', 'progress:1');
    expect(t.chat(secretary)).toHaveLength(shown);
    expect(t.fake.callsOf('editMessageText').at(-1)!.params).toMatchObject({ chat_id: chatId, message_id: first.message_id, text: '导入中：3/3' });
    expect(first.text).toBe('导入中：3/3');
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'progress:2'));
    expect(row).toMatchObject({ status: 'sent', platformMessageId: String(first.message_id) });

    // The message was deleted on the phone: Telegram refuses the edit, the news goes as a new message.
    t.fake.failNext({ kind: 'bad_request', description: 'message to edit not found' }, { methods: ['editMessageText'] });
    await queue('progress:3', '导入完成', 'progress:2');
    expect(t.chat(secretary)).toHaveLength(shown + 1);
    expect(t.chat(secretary).at(-1)!.text).toBe('导入完成');
  });

  it('keeps no exported file in the outbox once housekeeping has run: only its name', async () => {
    await t.deliver(updates.text(secretary, '/export 花名册'));
    const sent = await t.tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, String(secretary.id)));
    expect(sent.filter((r) => (r.payload as OutgoingMessage).document).length).toBeGreaterThan(0);
    await runHousekeeping(t.tb.database.db, t.tb.clock.now(), t.tb.config);
    const after = await t.tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, String(secretary.id)));
    expect(after.filter((r) => (r.payload as OutgoingMessage).document)).toEqual([]);
    expect(after.map((r) => (r.payload as { documentName?: string }).documentName)).toContain('花名册-幸福村党支部-2026-11-10.xlsx');
  });
});
