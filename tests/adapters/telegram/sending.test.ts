import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { identities, outboxMessages } from '../../../src/db/schema/index.js';
import { updates } from '../../support/fakeTelegram.js';
import { member, startTelegramTest, type TelegramTest } from './setup.js';

/** The outbox sender driving the Telegram transport: what Telegram's refusals do to queued messages. */
describe('telegram sending through the outbox', () => {
  let t: TelegramTest;
  const rowsTo = (chatId: number) => t.tb.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.platform, 'telegram'), eq(outboxMessages.chatId, String(chatId)))).orderBy(outboxMessages.id);
  const telegramIdentity = async () => (await t.tb.database.db.select().from(identities).where(and(eq(identities.platform, 'telegram'), eq(identities.externalUserId, String(member.id)))))[0]!;

  beforeAll(async () => {
    t = await startTelegramTest();
    await t.deliver(updates.text(member, `/start ${t.tb.demo.inviteCode}`));
    await t.press(member, 'consent:yes');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pauses all sending for retry_after on a 429, then delivers everything in order', async () => {
    const sentBefore = t.fake.callsOf('sendMessage').length;
    const shownBefore = t.chat(member).length;
    t.fake.failNext({ kind: 'retry_after', seconds: 5 });
    await t.deliver(updates.text(member, '/report'));
    // One attempt, refused; nothing else went out while Telegram asked us to wait.
    expect(t.fake.callsOf('sendMessage').length).toBe(sentBefore + 1);
    expect(t.chat(member)).toHaveLength(shownBefore);
    const waiting = (await rowsTo(member.id)).filter((r) => r.status === 'pending');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const now = t.tb.clock.now().getTime();
    for (const row of waiting) expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now + 4_000);
    expect(waiting[0]!.lastError).toBe('429:retry_after_5');

    t.tb.clock.advance(5_000);
    await t.tb.bot.sender.drain(['telegram']);
    const delivered = t.chat(member).slice(shownBefore);
    expect(delivered).toHaveLength(waiting.length);
    expect(delivered.at(-1)!.reply_markup?.inline_keyboard.flat().map((b) => 'callback_data' in b && b.callback_data)).toEqual(['ci:same', 'ci:moved']);
    expect((await rowsTo(member.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('retries a 5xx later with backoff, and delivers', async () => {
    const shownBefore = t.chat(member).length;
    t.fake.failNext({ kind: 'server', status: 502 });
    await t.deliver(updates.text(member, '/status'));
    const failed = (await rowsTo(member.id)).filter((r) => r.status === 'pending');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]!.lastError).toBe('502:Bad_Gateway');
    t.tb.clock.advance(60_000);
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.chat(member).length).toBeGreaterThan(shownBefore);
    expect((await rowsTo(member.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('fails a message Telegram will never take, and keeps writing to the member', async () => {
    t.fake.failNext({ kind: 'bad_request', description: 'message is too long' }, { chatId: member.id });
    const shownBefore = t.chat(member).length;
    await t.deliver(updates.text(member, '/help'));
    const rows = await rowsTo(member.id);
    expect(rows.filter((r) => r.status === 'failed').map((r) => r.lastError)).toEqual(['400:message_is_too_long']);
    expect((await telegramIdentity()).unreachableSince).toBeNull();
    await t.deliver(updates.text(member, '/status'));
    expect(t.chat(member).length).toBeGreaterThan(shownBefore);
  });

  it('marks a member who blocked the bot unreachable, stops writing, and tells the liaison', async () => {
    const sentBefore = t.fake.callsOf('sendMessage').length;
    t.fake.failNext({ kind: 'blocked' }, { chatId: member.id, times: 100 });
    await t.deliver(updates.text(member, '/menu'));
    const identity = await telegramIdentity();
    expect(identity.unreachableSince).not.toBeNull();
    expect(t.fake.callsOf('sendMessage').length).toBe(sentBefore + 1);
    const liaison = t.tb.person('李联络员');
    const told = await t.tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.personId, liaison.personId));
    expect(told.some((r) => (r.payload as { text: string }).text.includes('telegram'))).toBe(true);
  });

  it('writes again when the member writes again', async () => {
    // Unblocking on Telegram shows up as a new message from the member.
    t.fake.clearFailures();
    const shownBefore = t.chat(member).length;
    await t.deliver(updates.text(member, '/status'));
    expect((await telegramIdentity()).unreachableSince).toBeNull();
    expect(t.chat(member).length).toBeGreaterThan(shownBefore);
  });

  // A group's answer is not queued under the asking member's account: a group that removed the bot must
  // not mark the member unreachable nor alarm their liaison.
  it('does not take a group that removed the bot for a member who blocked it', async () => {
    const group = { id: -100_777, type: 'supergroup' as const };
    t.fake.failNext({ kind: 'forbidden', description: 'bot was kicked from the supergroup chat' }, { chatId: group.id });
    await t.deliver(updates.text(member, '/report', group));
    const [row] = await rowsTo(group.id);
    expect(row).toMatchObject({ status: 'failed', lastError: '403:bot_was_kicked_from_the_supergroup_chat' });
    expect((await telegramIdentity()).unreachableSince).toBeNull();
  });
});
