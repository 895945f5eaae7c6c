import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { helpAttachments, helpRequests, identities, locationRecords, processedUpdates } from '../../../src/db/schema/index.js';
import { BOT_USERNAME, updates } from '../../support/fakeTelegram.js';
import { member, startTelegramTest, stranger, textsFrom, type TelegramTest } from './setup.js';

/**
 * A member's month on Telegram, in long-polling mode: grammY's runner fetching from the fake Bot API
 * server, the real core on a real database, the outbox delivering the replies.
 */
describe('telegram adapter, polling', () => {
  let t: TelegramTest;
  const zhao = () => t.tb.person('赵小红');

  beforeAll(async () => {
    t = await startTelegramTest();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes the command menu in Chinese and English, for private chats and for groups', () => {
    const calls = t.fake.callsOf('setMyCommands');
    const privateMenus = calls.filter((c) => (c.params.scope as { type: string }).type === 'all_private_chats');
    expect(privateMenus.map((c) => c.params.language_code ?? 'default').sort()).toEqual(['default', 'en', 'zh']);
    const zh = privateMenus.find((c) => c.params.language_code === 'zh')!.params.commands as { command: string; description: string }[];
    expect(zh.map((c) => c.command)).toContain('report');
    expect(zh.find((c) => c.command === 'report')!.description).toBe('月度报到');
    const en = privateMenus.find((c) => c.params.language_code === 'en')!.params.commands as { command: string; description: string }[];
    expect(en.find((c) => c.command === 'report')!.description).toBe('Monthly check-in');
    expect(calls.filter((c) => (c.params.scope as { type: string }).type === 'all_group_chats')).toHaveLength(3);
    expect(t.fake.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('onboards in one tap: /start CODE from a deep link links the account and asks for consent', async () => {
    await t.deliver(updates.text(member, `/start ${t.tb.demo.inviteCode}`));
    const chat = t.chat(member);
    expect(chat[0]!.text).toContain('绑定成功');
    expect(chat[1]!.reply_markup?.inline_keyboard.flat().map((b) => 'callback_data' in b && b.callback_data)).toEqual(['consent:yes', 'consent:no']);
    const [identity] = await t.tb.database.db.select().from(identities).where(and(eq(identities.platform, 'telegram'), eq(identities.externalUserId, String(member.id))));
    expect(identity!.personId).toBe(zhao().personId);
    expect(identity!.chatId).toBe(String(member.id));
  });

  it('answers a pressed button, and edits the message to show the choice without buttons', async () => {
    const consent = t.withButton(member, 'consent:yes');
    const before = t.chat(member).length;
    const press = await t.press(member, 'consent:yes');
    const answer = t.fake.callsOf('answerCallbackQuery').find((c) => c.params.callback_query_id === press.callback_query!.id);
    expect(answer).toBeDefined();
    const edited = t.chat(member).find((m) => m.message_id === consent.message_id)!;
    expect(edited.reply_markup).toBeUndefined();
    expect(edited.text).toMatch(/✓ .+$/);
    expect(t.chat(member).length).toBeGreaterThan(before);
  });

  it('runs a full check-in by buttons', async () => {
    const from = t.chat(member).length;
    await t.deliver(updates.text(member, '/report'));
    for (const payload of ['ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes']) await t.press(member, payload);
    const texts = textsFrom(t.chat(member), from).join('\n');
    expect(texts).toContain('报到完成');
    // Every question answered shows its answer and has no buttons left.
    const answered = t.chat(member).slice(from).filter((m) => m.text.includes('✓'));
    expect(answered).toHaveLength(4);
    for (const m of answered) expect(m.reply_markup).toBeUndefined();
  });

  it('offers the "send my location" key as a one-time reply keyboard, with the other choices as keys', async () => {
    const from = t.chat(member).length;
    await t.deliver(updates.text(member, '/location'));
    const ask = t.chat(member).slice(from).find((m) => m.keyboard && 'keyboard' in m.keyboard)!;
    expect(ask).toBeDefined();
    const keyboard = ask.keyboard as { keyboard: { text: string; request_location?: boolean }[][]; one_time_keyboard?: boolean };
    expect(keyboard.one_time_keyboard).toBe(true);
    expect(keyboard.keyboard[0]![0]!.request_location).toBe(true);
    expect(keyboard.keyboard.length).toBeGreaterThan(1);
  });

  it('takes a shared location, keeps only the city, and takes the keyboard away afterwards', async () => {
    const from = t.chat(member).length;
    await t.deliver(updates.location(member, 23.0207, 113.7518));
    const confirm = t.chat(member)[from]!;
    expect(confirm.text).toContain('东莞');
    await t.press(member, 'loc:yes');
    const saved = t.chat(member).at(-1)!;
    expect(saved.text).toContain('已记录');
    expect(saved.keyboard).toEqual({ remove_keyboard: true });
    const records = await t.tb.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, zhao().personId));
    expect(records.at(-1)!.regionCode).toBe('441900');
  });

  it('keeps the file id of a photo sent with a help request, not the photo', async () => {
    await t.deliver(updates.text(member, '/helpme'));
    await t.press(member, 'help:cat:wages');
    await t.deliver(updates.photo(member, '老板拖欠三个月工资'));
    await t.press(member, 'help:described');
    await t.press(member, 'help:normal');
    await t.press(member, 'help:submit');
    const [request] = await t.tb.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, zhao().personId));
    expect(request).toBeDefined();
    expect(request!.description).toContain('老板拖欠');
    const files = await t.tb.database.db.select().from(helpAttachments).where(eq(helpAttachments.requestId, request!.id));
    expect(files.map((f) => [f.platform, f.fileRef, f.mime])).toEqual([['telegram', 'photo-large', 'image/jpeg']]);
  });

  it('applies an update delivered twice once (a restart before Telegram saw it confirmed)', async () => {
    const from = t.chat(member).length;
    const first = await t.deliver(updates.text(member, '/status'));
    const afterFirst = t.chat(member).length;
    expect(afterFirst).toBeGreaterThan(from);
    // The process died before its next getUpdates confirmed the offset: Telegram hands the update out again.
    await t.restart();
    t.fake.inject({ ...first });
    await t.waitFor(() => t.handled.filter((h) => h.incoming.updateId === String(first.update_id)).length === 2, 'the second delivery');
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.handled.filter((h) => h.incoming.updateId === String(first.update_id)).map((h) => h.result.status)).toEqual(['applied', 'duplicate']);
    expect(t.chat(member)).toHaveLength(afterFirst);
    const rows = await t.tb.database.db.select().from(processedUpdates).where(and(eq(processedUpdates.platform, 'telegram'), eq(processedUpdates.updateId, String(first.update_id))));
    expect(rows).toHaveLength(1);
  });

  it('does nothing harmful when an old button is pressed again', async () => {
    const old = t.fake.messagesIn(member.id).find((m) => m.text.includes('✓'))!;
    const from = t.chat(member).length;
    // The member's app still shows the old keyboard (say, a second device that missed the edit).
    const payload = 'ci:same';
    const stale = { ...old, reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: payload }]] } };
    await t.deliver(updates.press(member, stale, payload));
    const replies = textsFrom(t.chat(member), from);
    expect(replies[0]).toContain('已经用过');
    // Nothing was recorded a second time: the check-in of this month stands as it was.
    expect(replies.join('\n')).not.toContain('报到完成');
  });

  it('answers a command in a group with the way to the private chat, and nothing of what was written', async () => {
    const group = { id: -100_200_300, type: 'supergroup' as const };
    await t.deliver(updates.text(member, `/start@${BOT_USERNAME} ${t.tb.demo.inviteCode}`, group));
    const seen = t.handled.at(-1)!.incoming;
    expect(seen).toMatchObject({ chatKind: 'group', chatId: String(group.id), body: { kind: 'text', text: '/start' } });
    const answer = t.fake.messagesIn(group.id).at(-1)!;
    expect(answer.text).toContain('私聊');
    const link = answer.reply_markup!.inline_keyboard.flat().find((b) => 'url' in b) as { url: string };
    expect(link.url).toBe(`https://t.me/${BOT_USERNAME}`);
  });

  it('ignores group chatter and commands meant for other bots: nothing reaches the core', async () => {
    const group = { id: -100_200_300, type: 'supergroup' as const };
    const count = t.handled.length;
    const chatter = t.fake.inject(updates.text(member, '大家好，我在东莞', group));
    const other = t.fake.inject(updates.text(member, '/start@some_other_bot', group));
    const marker = await t.deliver(updates.text(stranger, 'hello'));
    expect(t.handled.slice(count).map((h) => h.incoming.updateId)).toEqual([String(marker.update_id)]);
    const rows = await t.tb.database.db.select().from(processedUpdates).where(eq(processedUpdates.platform, 'telegram'));
    expect(rows.map((r) => r.updateId)).not.toContain(String(chatter.update_id));
    expect(rows.map((r) => r.updateId)).not.toContain(String(other.update_id));
  });

  it('answers a button pressed on a group message in the presser\'s private chat, and leaves the group message alone', async () => {
    const notice = await t.tb.bot.sender.drain(['telegram']).then(() => t.fake.messagesIn(-100_200_300).at(-1)!);
    const withButtons = { ...notice, reply_markup: { inline_keyboard: [[{ text: '已学习', callback_data: 'study:done:7' }]] } };
    const from = t.chat(member).length;
    const update = await t.deliver(updates.press(member, withButtons, 'study:done:7'));
    expect(t.handled.at(-1)!.incoming).toMatchObject({ chatId: String(member.id), chatKind: 'private', body: { kind: 'button', payload: 'study:done:7' } });
    const answer = t.fake.callsOf('answerCallbackQuery').find((c) => c.params.callback_query_id === update.callback_query!.id)!;
    expect(String(answer.params.text)).toContain('私聊');
    expect(t.chat(member).length).toBeGreaterThan(from);
    expect(t.fake.calls.filter((c) => c.method.startsWith('editMessage') && c.params.chat_id === -100_200_300)).toHaveLength(0);
  });

  it('tells the member once that the message will be handled while the database is out of reach, and applies it once it is back', async () => {
    t.outage.on = true;
    const from = t.chat(stranger).length;
    const update = t.fake.inject(updates.text(stranger, 'hello again'));
    const tries = () => t.handled.filter((h) => h.incoming.updateId === String(update.update_id)).map((h) => h.result.status);
    try {
      await t.waitFor(() => t.chat(stranger).length > from, 'the apology');
      expect(t.chat(stranger).at(-1)!.text).toContain('busy');
      await t.waitFor(() => tries().length >= 2, 'a second try');
      // Said once, however often it is tried.
      expect(t.chat(stranger).length).toBe(from + 1);
    } finally {
      t.outage.on = false;
    }
    await t.waitFor(() => tries().at(-1) === 'applied', 'the update applied after the outage');
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.chat(stranger).length).toBeGreaterThan(from + 1);
  });

  it("handles one chat's updates one at a time, different chats side by side", async () => {
    const other = { id: 610_000_008, first_name: 'other' };
    const queued = ['/status', '/menu', '/help'].flatMap((text) => [t.fake.inject(updates.text(member, text)), t.fake.inject(updates.text(other, text))]);
    await t.waitFor(() => queued.every((u) => t.handled.some((h) => h.incoming.updateId === String(u.update_id))), 'all six');
    expect(t.overlap.get(String(member.id))).toBe(1);
    expect(t.overlap.get(String(other.id))).toBe(1);
    const order = t.handled.filter((h) => h.incoming.chatId === String(member.id)).slice(-3).map((h) => Number(h.incoming.updateId));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await t.tb.bot.sender.drain(['telegram']);
  });

  it('keeps names, texts, codes and places out of the logs', () => {
    const logs = t.tb.logs.text;
    expect(logs).toContain('update handed to core');
    for (const secret of ['赵小红', '张建国', 'zhao_xh', '老板拖欠', '东莞', '23.02', '113.75', '大家好', t.tb.demo.inviteCode, 'photo-large']) {
      expect(logs).not.toContain(secret);
    }
  });
});
