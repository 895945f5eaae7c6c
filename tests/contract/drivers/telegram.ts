import { createTelegramAdapter, type TelegramAdapter } from '../../../src/adapters/telegram/index.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startFakeTelegram, updates, type FakeTelegram, type StoredMessage, type TestUser } from '../../support/fakeTelegram.js';
import type { AdapterDriver, SeenMessage } from '../driver.js';

/** What a person sees of a message: inline buttons with their callback data; reply keys send their label. */
export function seen(m: StoredMessage): SeenMessage {
  const inline = (m.reply_markup?.inline_keyboard ?? []).map((row) => row.filter((b) => 'callback_data' in b).map((b) => ({ label: b.text, payload: (b as { callback_data: string }).callback_data })));
  const keys = m.keyboard && 'keyboard' in m.keyboard ? m.keyboard.keyboard.map((row) => row.filter((b) => typeof b === 'string' || !('request_location' in b)).map((b) => { const label = typeof b === 'string' ? b : b.text; return { label, payload: label }; })) : [];
  return { text: m.text, buttons: [...inline, ...keys].filter((r) => r.length > 0) };
}

/**
 * Drives the Telegram adapter in polling mode through the real grammY client and runner, against the fake
 * Bot API server: a person's taps and messages become queued updates, and what they saw is read back from
 * the messages the fake server holds for their private chat.
 */
export function telegramDriver(): AdapterDriver & { fake(): FakeTelegram; adapter(): TelegramAdapter; user(name: string): TestUser } {
  let fake: FakeTelegram;
  let adapter: TelegramAdapter;
  const users = new Map<string, TestUser>();
  const user = (name: string): TestUser => {
    let u = users.get(name);
    if (!u) {
      // The name is a fixture the log scan looks for.
      u = { id: 500_000_000 + users.size + 1, first_name: '赵小红', username: `member_${users.size + 1}`, language_code: 'zh-hans' };
      users.set(name, u);
    }
    return u;
  };
  return {
    name: 'telegram',
    fake: () => fake,
    adapter: () => adapter,
    user,
    async start(ctx) {
      fake = await startFakeTelegram();
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
      adapter = createTelegramAdapter({ config, core: ctx.bot.core, logger: createLogger('debug', ctx.logs), pollTimeoutSeconds: 1 });
      await adapter.start();
    },
    async stop() {
      await adapter?.stop();
      await fake?.stop();
    },
    async sendText(name, text) {
      fake.inject(updates.text(user(name), text));
    },
    async pressButton(name, payload) {
      const u = user(name);
      const message = [...fake.messagesIn(u.id)].reverse().find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data === payload));
      if (!message) throw new Error(`no button ${payload} on screen`);
      fake.inject(updates.press(u, message, payload));
    },
    async shareLocation(name, lat, lng) {
      fake.inject(updates.location(user(name), lat, lng));
    },
    async messages(name, count) {
      const u = user(name);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const all = fake.messagesIn(u.id);
        if (all.length >= count) return all.map(seen);
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`expected ${count} messages, saw ${fake.messagesIn(u.id).length}`);
    },
  };
}
