import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { identities, orgChats, outboxMessages } from '../../../src/db/schema/index.js';
import { createInviteCode } from '../../../src/bot/invites.js';
import { enqueue } from '../../../src/outbox/enqueue.js';
import { ALLOWED_UPDATES } from '../../../src/adapters/telegram/index.js';
import { updates, type TestUser } from '../../support/fakeTelegram.js';
import { member, startTelegramTest, type TelegramTest } from './setup.js';

const secretary: TestUser = { id: 610_000_010, first_name: '王书记', language_code: 'zh-hans' };

/** What Telegram says about chats rather than messages: blocked, unblocked, removed, upgraded, topics. */
describe('telegram chat changes', () => {
  let t: TelegramTest;
  let notices = 0;
  const db = () => t.tb.database.db;
  const account = async (user: TestUser) => (await db().select().from(identities).where(and(eq(identities.platform, 'telegram'), eq(identities.externalUserId, String(user.id)))))[0]!;
  const bindings = () => db().select().from(orgChats).where(eq(orgChats.platform, 'telegram'));
  /** A notice to every group bound to an organisation, as the broadcasts feature queues one. */
  async function noticeToGroups(text: string) {
    const now = t.tb.clock.now();
    const chats = await bindings();
    notices++;
    await enqueue(db(), chats.map((c) => ({ idempotencyKey: `test-notice:${notices}:${c.chatId}`, platform: 'telegram' as const, chatId: c.chatId, chatKind: 'group' as const, purpose: 'broadcast', message: { text }, notBefore: now })), now);
    t.tb.bot.core.kick();
    await t.tb.bot.sender.drain(['telegram']);
  }

  beforeAll(async () => {
    t = await startTelegramTest();
    await t.deliver(updates.text(member, `/start ${t.tb.demo.inviteCode}`));
    await t.press(member, 'consent:yes');
    const { code } = await createInviteCode(db(), t.tb.person('王书记').personId, null, t.tb.clock.now(), 14);
    await t.deliver(updates.text(secretary, `/start ${code}`));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('asks Telegram for my_chat_member updates', async () => {
    expect(ALLOWED_UPDATES).toContain('my_chat_member');
    const polled = t.fake.callsOf('getUpdates').at(-1)!;
    expect(JSON.stringify(polled.params.allowed_updates)).toContain('my_chat_member');
  });

  it('marks a member who blocks the bot unreachable at once and tells the liaison; unblocking makes them reachable', async () => {
    await t.change(updates.membership(member, { id: member.id, type: 'private' }, 'member', 'kicked'));
    expect((await account(member)).unreachableSince).not.toBeNull();
    const liaison = t.tb.person('李联络员');
    const told = await db().select().from(outboxMessages).where(eq(outboxMessages.personId, liaison.personId));
    expect(told.some((r) => (r.payload as { text: string }).text.includes('赵小红') || (r.payload as { text: string }).text.includes('telegram'))).toBe(true);
    // Nothing is written to a blocked account: a prompt for the member is not even queued.
    const sent = t.fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(member.id)).length;

    await t.change(updates.membership(member, { id: member.id, type: 'private' }, 'kicked', 'member'));
    expect((await account(member)).unreachableSince).toBeNull();
    await t.deliver(updates.text(member, '/status'));
    expect(t.fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(member.id)).length).toBeGreaterThan(sent);
  });

  it('posts a bound forum group\'s notices to the topic where /bind was typed, and /bind in another topic moves it there', async () => {
    const forum = -100_777_001;
    await t.deliver(updates.inTopic(secretary, forum, 42, '/bind'));
    expect((await bindings()).map((b) => b.chatId)).toEqual([`${forum}:42`]);
    // The answer to /bind went to the topic too.
    expect(t.fake.messagesIn(forum).at(-1)!.message_thread_id).toBe(42);

    await noticeToGroups('通知一');
    const first = t.fake.messagesIn(forum).at(-1)!;
    expect(first.text).toBe('通知一');
    expect(first.message_thread_id).toBe(42);

    await t.deliver(updates.inTopic(secretary, forum, 7, '/bind'));
    expect((await bindings()).map((b) => b.chatId)).toEqual([`${forum}:7`]);
    await noticeToGroups('通知二');
    expect(t.fake.messagesIn(forum).filter((m) => m.text === '通知二').map((m) => m.message_thread_id)).toEqual([7]);
  });

  it('closes the binding of a group the bot was removed from, and cancels what still waited for it', async () => {
    const forum = -100_777_001;
    const now = t.tb.clock.now();
    // A notice held back (off-peak), still waiting when the bot is removed.
    await enqueue(db(), [{ idempotencyKey: 'test-later', platform: 'telegram', chatId: `${forum}:7`, chatKind: 'group', purpose: 'broadcast', message: { text: '晚点发' }, notBefore: new Date(now.getTime() + 3_600_000) }], now);
    await t.change(updates.membership(secretary, { id: forum, type: 'supergroup' }, 'member', 'left'));
    expect(await bindings()).toEqual([]);
    const [later] = await db().select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'test-later'));
    expect(later!.status).toBe('cancelled');
  });

  it('follows a group upgraded to a supergroup: the service message moves the binding to the new id', async () => {
    const group = -5_001;
    const supergroup = -100_500_1;
    await t.deliver(updates.text(secretary, '/bind', { id: group, type: 'group' }));
    expect((await bindings()).map((b) => b.chatId)).toEqual([String(group)]);
    await t.change(updates.migrated(secretary, group, supergroup, 'old'));
    expect((await bindings()).map((b) => b.chatId)).toEqual([String(supergroup)]);
    // The new group's own service message says the same: nothing changes twice.
    await t.change(updates.migrated(secretary, group, supergroup, 'new'));
    expect((await bindings()).map((b) => b.chatId)).toEqual([String(supergroup)]);
    await noticeToGroups('升级后的通知');
    expect(t.fake.messagesIn(supergroup).at(-1)!.text).toBe('升级后的通知');
  });

  it('retries a send refused with "group chat was upgraded" at the new id, and keeps the new id', async () => {
    const group = -6_001;
    const supergroup = -100_600_1;
    await db().delete(orgChats);
    await t.deliver(updates.text(secretary, '/bind', { id: group, type: 'group' }));
    t.fake.failNext({ kind: 'migrated', to: supergroup }, { chatId: group, methods: ['sendMessage'] });
    await noticeToGroups('迁移中的通知');
    expect(t.fake.messagesIn(supergroup).at(-1)!.text).toBe('迁移中的通知');
    expect(t.fake.messagesIn(group).some((m) => m.text === '迁移中的通知')).toBe(false);
    const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `test-notice:${notices}:${group}`));
    expect(row!.status).toBe('sent');
    expect((await bindings()).map((b) => b.chatId)).toEqual([String(supergroup)]);
    // The next notice goes straight to the new id.
    const refusedBefore = t.fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(group)).length;
    await noticeToGroups('再一条');
    expect(t.fake.messagesIn(supergroup).at(-1)!.text).toBe('再一条');
    expect(t.fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(group)).length).toBe(refusedBefore);
  });

  it('logs chat changes with ids only', () => {
    expect(t.tb.logs.text).not.toContain('王书记');
    expect(t.tb.logs.text).not.toContain('赵小红');
  });
});
