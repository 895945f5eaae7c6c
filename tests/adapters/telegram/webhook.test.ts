import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { identities, processedUpdates } from '../../../src/db/schema/index.js';
import { updates } from '../../support/fakeTelegram.js';
import { member, startTelegramTest, WEBHOOK_SECRET, WEBHOOK_URL, type TelegramTest } from './setup.js';

/** Webhook mode: Telegram posts each update to our small HTTP server, with the secret it was given. */
describe('telegram adapter, webhook', () => {
  let t: TelegramTest;
  let endpoint: string;

  beforeAll(async () => {
    t = await startTelegramTest({ mode: 'webhook' });
    endpoint = `http://127.0.0.1:${t.adapter.port()}${new URL(WEBHOOK_URL).pathname}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (update: Update | string, secret?: string, path = endpoint) =>
    fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: typeof update === 'string' ? update : JSON.stringify(update),
    });
  const withId = (u: Omit<Update, 'update_id'>): Update => ({ update_id: t.fake.updateId(), ...u }) as Update;
  const telegramRows = () => t.tb.database.db.select().from(processedUpdates).where(eq(processedUpdates.platform, 'telegram'));

  it('registers the webhook with its secret and does not poll', () => {
    expect(t.fake.webhook).toEqual({ url: WEBHOOK_URL, secret_token: WEBHOOK_SECRET });
    const set = t.fake.callsOf('setWebhook')[0]!;
    expect(set.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
    expect(t.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('refuses a call without the secret, or with a wrong one, with 401 and changes nothing', async () => {
    const update = withId(updates.text(member, `/start ${t.tb.demo.inviteCode}`));
    expect((await post(update)).status).toBe(401);
    expect((await post(update, 'wrong-secret-of-the-same-kind-000')).status).toBe(401);
    expect((await post(update, '')).status).toBe(401);
    expect(t.handled).toHaveLength(0);
    expect(await telegramRows()).toHaveLength(0);
    const linked = await t.tb.database.db.select().from(identities).where(eq(identities.platform, 'telegram'));
    expect(linked).toHaveLength(0);
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.fake.callsOf('sendMessage')).toHaveLength(0);
  });

  it('answers other paths with 404 and nonsense with 400', async () => {
    expect((await post(withId(updates.text(member, 'hi')), WEBHOOK_SECRET, endpoint.replace('/hook', '/other'))).status).toBe(404);
    expect((await post('{not json', WEBHOOK_SECRET)).status).toBe(400);
    expect(t.handled).toHaveLength(0);
  });

  it('applies a call with the secret, and answers 200 once the update is stored', async () => {
    const update = withId(updates.text(member, `/start ${t.tb.demo.inviteCode}`));
    const res = await post(update, WEBHOOK_SECRET);
    expect(res.status).toBe(200);
    // The update is in the database when Telegram hears 200.
    expect((await telegramRows()).map((r) => r.updateId)).toContain(String(update.update_id));
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.chat(member)[0]!.text).toContain('绑定成功');
  });

  it('applies a retried delivery once', async () => {
    const update = withId(updates.text(member, '/status'));
    const before = t.chat(member).length;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(update, WEBHOOK_SECRET)).status);
    expect(statuses).toEqual([200, 200, 200]);
    await t.tb.bot.sender.drain(['telegram']);
    expect(t.handled.filter((h) => h.incoming.updateId === String(update.update_id)).map((h) => h.result.status)).toEqual(['applied', 'duplicate', 'duplicate']);
    const after = t.chat(member).length;
    expect(after).toBeGreaterThan(before);
    const once = after - before;
    expect(once).toBeLessThanOrEqual(2);
  });

  it("handles one chat's updates one at a time when Telegram posts several at once, other chats alongside", async () => {
    const other = { id: 610_000_009, first_name: 'other' };
    const burst = ['/status', '/menu', '/help'].flatMap((text) => [withId(updates.text(member, text)), withId(updates.text(other, text))]);
    const results = await Promise.all(burst.map((u) => post(u, WEBHOOK_SECRET)));
    expect(results.map((r) => r.status)).toEqual(burst.map(() => 200));
    expect(t.overlap.get(String(member.id))).toBe(1);
    expect(t.overlap.get(String(other.id))).toBe(1);
    const mine = t.handled.filter((h) => h.incoming.chatId === String(member.id)).slice(-3).map((h) => h.incoming.updateId).sort();
    expect(mine).toEqual(burst.filter((u) => u.message!.chat.id === member.id).map((u) => String(u.update_id)).sort());
  });

  it('answers a pressed button after the 200, and edits the message', async () => {
    await t.tb.bot.sender.drain(['telegram']);
    const menu = t.withButton(member, 'menu:status');
    const press = withId(updates.press(member, menu, 'menu:status'));
    expect((await post(press, WEBHOOK_SECRET)).status).toBe(200);
    await t.waitFor(() => t.fake.callsOf('answerCallbackQuery').some((c) => c.params.callback_query_id === press.callback_query!.id), 'the answer');
    await t.waitFor(() => t.fake.callsOf('editMessageText').some((c) => c.params.message_id === menu.message_id), 'the edit');
    expect(t.chat(member).find((m) => m.message_id === menu.message_id)!.reply_markup).toBeUndefined();
  });

  it('answers 503 while the database is out of reach, so that Telegram delivers again', async () => {
    const update = withId(updates.text(member, '/status'));
    t.outage.on = true;
    try {
      expect((await post(update, WEBHOOK_SECRET)).status).toBe(503);
    } finally {
      t.outage.on = false;
    }
    expect((await post(update, WEBHOOK_SECRET)).status).toBe(200);
    expect(t.handled.filter((h) => h.incoming.updateId === String(update.update_id)).map((h) => h.result.status)).toEqual(['unavailable', 'applied']);
  });

  it('keeps the secret and what was said out of the logs', () => {
    const logs = t.tb.logs.text;
    expect(logs).toContain('wrong or missing secret token');
    for (const secret of [WEBHOOK_SECRET, '赵小红', 'zhao_xh', t.tb.demo.inviteCode]) expect(logs).not.toContain(secret);
  });
});
