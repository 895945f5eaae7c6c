import { declaredCommands } from '../../support/commands.js';
import type { Update } from 'grammy/types';
import { createTelegramAdapter, type TelegramAdapter } from '../../../src/adapters/telegram/index.js';
import type { Core, HandleResult } from '../../../src/bot/core.js';
import type { Incoming, PlatformEvent } from '../../../src/bot/types.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { startFakeTelegram, updates, type FakeTelegram, type StoredMessage, type TestUser } from '../../support/fakeTelegram.js';

export const WEBHOOK_SECRET = 'webhook-secret-for-tests_0123456789';
export const WEBHOOK_URL = 'https://bot.example.org/telegram/hook';

/** The fixture member: the name is one the log scan looks for. */
export const member: TestUser = { id: 610_000_001, first_name: '赵小红', username: 'zhao_xh', language_code: 'zh-hans' };
export const stranger: TestUser = { id: 610_000_002, first_name: '张建国', language_code: 'en' };

export interface TelegramTest {
  tb: TestBot;
  fake: FakeTelegram;
  adapter: TelegramAdapter;
  /** Every chat change (blocked, removed, upgraded) the core recorded, in order. */
  events: PlatformEvent[];
  /** Queues an update that changes a chat, and waits until the core has recorded it. */
  change(update: Omit<Update, 'update_id'>): Promise<void>;
  /** Every update the core saw, with what it answered, in order. */
  handled: { incoming: Incoming; result: HandleResult }[];
  /** The most updates of one chat the core was handling at the same moment, per chat. */
  overlap: Map<string, number>;
  /** Lets a test make the core answer 'unavailable' (a database outage) without a database outage. */
  outage: { on: boolean };
  /** Queues an update and waits until the core has answered it and its replies are on the fake server. */
  deliver(update: Omit<Update, 'update_id'> & { update_id?: number }): Promise<Update>;
  /** The bot's messages in a chat, as they stand now. */
  chat(user: TestUser): StoredMessage[];
  /** The latest message in the chat offering a button with this payload. */
  withButton(user: TestUser, payload: string): StoredMessage;
  press(user: TestUser, payload: string): Promise<Update>;
  waitFor(what: () => boolean, label: string, ms?: number): Promise<void>;
  /** Stops the adapter and starts a new one on the same core, as a restarted process would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTelegramTest(opts: { mode?: 'polling' | 'webhook' } = {}): Promise<TelegramTest> {
  const tb = await startTestBot();
  const fake = await startFakeTelegram();
  const handled: TelegramTest['handled'] = [];
  const events: PlatformEvent[] = [];
  const outage = { on: false };
  const inFlight = new Map<string, number>();
  const overlap = new Map<string, number>();
  const core: Core = {
    commands: declaredCommands,
    async handle(incoming) {
      const now = (inFlight.get(incoming.chatId) ?? 0) + 1;
      inFlight.set(incoming.chatId, now);
      overlap.set(incoming.chatId, Math.max(now, overlap.get(incoming.chatId) ?? 0));
      try {
        // A little time in the core, so that updates handled side by side would show as overlapping.
        await new Promise((r) => setTimeout(r, 5));
        const result: HandleResult = outage.on ? { status: 'unavailable' } : await tb.bot.core.handle(incoming);
        handled.push({ incoming, result });
        return result;
      } finally {
        inFlight.set(incoming.chatId, (inFlight.get(incoming.chatId) ?? 1) - 1);
      }
    },
    async platformEvent(event) {
      await tb.bot.core.platformEvent!(event);
      events.push(event);
    },
    registerTransport: (t) => tb.bot.core.registerTransport(t),
    kick: (p) => tb.bot.core.kick(p),
  };
  const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url };
  if (opts.mode === 'webhook') Object.assign(env, { TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET });
  const logger = createLogger('debug', tb.logs);
  const makeAdapter = () => createTelegramAdapter({ config: loadConfig(env), core, logger, port: 0, host: '127.0.0.1', pollTimeoutSeconds: 1 });
  const adapter = makeAdapter();
  await adapter.start();

  async function waitFor(what: () => boolean, label: string, ms = 10_000) {
    const deadline = Date.now() + ms;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const t: TelegramTest = {
    tb, fake, adapter, handled, outage, overlap, waitFor, events,
    async change(update) {
      const before = events.length;
      fake.inject(update);
      await waitFor(() => events.length > before, 'the chat change');
      await tb.bot.sender.drain(['telegram']);
    },
    async deliver(update) {
      const queued = fake.inject(update);
      await waitFor(() => handled.some((h) => h.incoming.updateId === String(queued.update_id)), `update ${queued.update_id}`);
      await tb.bot.sender.drain(['telegram']);
      if (queued.callback_query) await waitFor(() => fake.callsOf('answerCallbackQuery').some((c) => c.params.callback_query_id === queued.callback_query!.id), 'the callback answer');
      return queued;
    },
    chat: (user) => fake.messagesIn(user.id),
    withButton(user, payload) {
      const found = [...fake.messagesIn(user.id)].reverse().find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data === payload));
      if (!found) throw new Error(`no button ${payload} on screen`);
      return found;
    },
    async press(user, payload) {
      const update = await t.deliver(updates.press(user, t.withButton(user, payload), payload));
      // The edit that takes the buttons away follows the answer.
      await waitFor(() => fake.calls.some((c) => c.method.startsWith('editMessage') && c.params.message_id === update.callback_query!.message!.message_id), 'the edit of the pressed message');
      return update;
    },
    async restart() {
      await t.adapter.stop();
      t.adapter = makeAdapter();
      await t.adapter.start();
    },
    async close() {
      await t.adapter.stop();
      await fake.stop();
      await tb.close();
    },
  };
  return t;
}

/** Texts of the bot's messages in a chat from index `from` on. */
export function textsFrom(messages: StoredMessage[], from: number): string[] {
  return messages.slice(from).map((m) => m.text);
}
