import { createTelegramAdapter, type TelegramAdapter } from '../../../src/adapters/telegram/index.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import type { Update } from 'grammy/types';
import { startFakeTelegram, updates, type FakeTelegram, type StoredMessage, type TestUser } from '../../support/fakeTelegram.js';
import type { AdapterDriver, SeenMessage } from '../driver.js';

/** What a person sees of a message: inline buttons with their callback data; reply keys send their label. */
export function seen(m: StoredMessage): SeenMessage {
  const inline = (m.reply_markup?.inline_keyboard ?? []).map((row) => row.filter((b) => 'callback_data' in b).map((b) => ({ label: b.text, payload: (b as { callback_data: string }).callback_data })));
  const keys = m.keyboard && 'keyboard' in m.keyboard ? m.keyboard.keyboard.map((row) => row.filter((b) => typeof b === 'string' || !('request_location' in b)).map((b) => { const label = typeof b === 'string' ? b : b.text; return { label, payload: label }; })) : [];
  return { text: m.text, buttons: [...inline, ...keys].filter((r) => r.length > 0) };
}

const WEBHOOK_SECRET = 'contract-webhook-secret-0123456789';

/**
 * Drives the Telegram adapter through the real grammY client against the fake Bot API server, by long
 * polling (updates queued on the fake, fetched by the runner) or by webhook (updates posted to the
 * adapter's server with the secret). What a person saw is read back from the messages the fake server
 * holds for their private chat.
 */
export function telegramDriver(mode: 'polling' | 'webhook' = 'polling'): AdapterDriver & { fake(): FakeTelegram; adapter(): TelegramAdapter; user(name: string): TestUser } {
  let fake: FakeTelegram;
  let adapter: TelegramAdapter;
  let endpoint = '';
  // Webhook calls go out one after another, as Telegram sends one chat's updates.
  let posting: Promise<unknown> = Promise.resolve();
  const deliver = async (update: Omit<Update, 'update_id'>) => {
    if (mode === 'polling') return void fake.inject(update);
    const body = JSON.stringify({ update_id: fake.updateId(), ...update });
    const post = async () => {
      for (;;) {
        const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body });
        if (res.status === 200) return;
        if (res.status !== 503) throw new Error(`webhook answered ${res.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    posting = posting.then(post, post);
    await posting;
  };
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
    name: `telegram (${mode})`,
    fake: () => fake,
    adapter: () => adapter,
    user,
    async start(ctx) {
      fake = await startFakeTelegram();
      const webhook = mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET } : {};
      const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...webhook });
      adapter = createTelegramAdapter({ config, core: ctx.bot.core, logger: createLogger('debug', ctx.logs), pollTimeoutSeconds: 1, port: 0, host: '127.0.0.1' });
      await adapter.start();
      endpoint = `http://127.0.0.1:${adapter.port()}/tg`;
    },
    async stop() {
      await adapter?.stop();
      await fake?.stop();
    },
    async sendText(name, text) {
      await deliver(updates.text(user(name), text));
    },
    async pressButton(name, payload) {
      const u = user(name);
      const message = [...fake.messagesIn(u.id)].reverse().find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data === payload));
      if (!message) throw new Error(`no button ${payload} on screen`);
      await deliver(updates.press(u, message, payload));
    },
    async shareLocation(name, lat, lng) {
      await deliver(updates.location(user(name), lat, lng));
    },
    async sendPhoto(name) {
      await deliver(updates.photo(user(name)));
      return 'photo-large';
    },
    async sendSticker(name) {
      await deliver(updates.sticker(user(name)));
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
