import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { createSlackAdapter, SLACK_ENDPOINT, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { Api } from 'grammy';
import { t } from '../../src/bot/i18n/index.js';
import type { Platform } from '../../src/bot/types.js';
import { loadConfig } from '../../src/config.js';
import { processedUpdates } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { startFakeTelegram, updates, type FakeTelegram } from '../support/fakeTelegram.js';
import { dmChannelOf, FakeSlack } from '../support/fakeSlack.js';
import { directMessage, postToSlackApp } from '../support/slackRequests.js';
import { serverUrl, sleep, sortReplies, startOutageBot, waitFor, type OutageBot } from './support/outage.js';

/**
 * The database refuses connections for a while (a TCP proxy in front of PostgreSQL, cut and restored) while
 * members write on Telegram (webhook and polling) and Slack. Nothing they sent may be lost, nobody gets the
 * apology meant for bugs, each hears once that the message will be handled, and each gets the real answer once.
 */
const MEMBERS = 8;
const WEBHOOK_SECRET = 'outage-webhook-secret_0123456789';

describe.skipIf(!serverUrl)('a database that refuses connections', () => {
  let h: OutageBot;
  let stop: (() => Promise<void>) | undefined;
  const answer = t('zh-CN', 'onboarding-ask-code');
  const apology = t('zh-CN', 'common-error');

  beforeAll(async () => {
    h = await startOutageBot();
  });
  afterEach(async () => {
    await h.proxy.restore().catch(() => {});
    await stop?.();
    stop = undefined;
  });
  afterAll(async () => h?.close());

  /** Cuts the database, lets `send` deliver one message per member, keeps it cut while they are retried, restores. */
  async function throughOutage(platform: Platform, user: (i: number) => string, send: (i: number) => Promise<void>, notices: () => number) {
    const tried = (i: number) => h.outcomes.filter((o) => o.incoming.platform === platform && o.incoming.userId === user(i)).length;
    await h.proxy.cut();
    const sent = Array.from({ length: MEMBERS }, (_, i) => send(i));
    // Everyone is told, and every message is tried again while the database is still away.
    await waitFor(() => notices() >= MEMBERS, 'a notice to every member', 20_000);
    await waitFor(() => Array.from({ length: MEMBERS }, (_, i) => tried(i)).every((n) => n >= 2), 'a second try of every message', 30_000);
    await h.proxy.restore();
    await Promise.all(sent);
  }

  const storedFor = async (platform: Platform) =>
    (await h.direct.db.select({ n: sql<number>`count(*)::int` }).from(processedUpdates).where(eq(processedUpdates.platform, platform)))[0]!.n;

  async function expectNothingLost(platform: Platform, received: (i: number) => string[], storedBefore: number) {
    await waitFor(() => Array.from({ length: MEMBERS }, (_, i) => received(i).includes(answer)).every(Boolean), 'the answer to every member');
    await h.bot.sender.drain([platform], 30_000, true);
    const held = t('zh-CN', 'common-held');
    for (let i = 0; i < MEMBERS; i++) {
      expect({ member: i, ...sortReplies(received(i), answer, apology) }).toEqual({ member: i, answers: 1, apologies: 0, others: [held] });
    }
    expect((await storedFor(platform)) - storedBefore).toBe(MEMBERS);
    expect(h.outcomes.filter((o) => o.threw)).toEqual([]);
    expect(h.logs.text).not.toContain('handling failed');
  }

  it('telegram webhook: a refused update is answered 503, redelivered, and applied once', async () => {
    const fake = await startFakeTelegram();
    const adapter = telegram(fake, 'webhook');
    await adapter.start();
    stop = async () => {
      await adapter.stop();
      await fake.stop();
    };
    const hook = `http://127.0.0.1:${adapter.port()}/telegram/hook`;
    // Telegram's part: post each update until it is answered 200.
    const post = async (i: number) => {
      const update = { update_id: fake.updateId(), ...updates.text({ id: telegramUser(i), first_name: 'm' }, `hello ${i}`) };
      for (let tries = 0; tries < 400; tries++) {
        const res = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body: JSON.stringify(update) });
        if (res.status === 200) return;
        await sleep(300);
      }
      throw new Error(`update ${update.update_id} never accepted`);
    };
    const texts = (i: number) => fake.messagesIn(telegramUser(i)).map((m) => m.text);
    const before = await storedFor('telegram');
    await throughOutage('telegram', (i) => String(telegramUser(i)), post, () => countChats(texts));
    await expectNothingLost('telegram', texts, before);
  }, 180_000);

  it('telegram polling: updates held through the outage are applied once it is over', async () => {
    const fake = await startFakeTelegram();
    const adapter = telegram(fake, 'polling');
    await adapter.start();
    stop = async () => {
      await adapter.stop();
      await fake.stop();
    };
    const base = 100;
    const texts = (i: number) => fake.messagesIn(telegramUser(base + i)).map((m) => m.text);
    const before = await storedFor('telegram');
    await throughOutage('telegram', (i) => String(telegramUser(base + i)), async (i) => void fake.inject({ update_id: 200_000 + i, ...updates.text({ id: telegramUser(base + i), first_name: 'm' }, `hello ${i}`) }), () => countChats(texts));
    await expectNothingLost('telegram', texts, before);
  }, 180_000);

  it('slack: events acknowledged during the outage are kept and applied once it is over', async () => {
    const fake = await new FakeSlack().start();
    const adapter: SlackAdapter = createSlackAdapter({
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-outage', SLACK_SIGNING_SECRET: 'outage-secret', SLACK_API_URL: fake.url }),
      core: h.core,
      logger: createLogger('debug', h.logs),
      port: 0,
      host: '127.0.0.1',
    });
    const { port } = await adapter.start();
    stop = async () => {
      await adapter.stop();
      await fake.stop();
    };
    const url = `http://127.0.0.1:${port}${SLACK_ENDPOINT}`;
    const post = async (i: number) => {
      const res = await postToSlackApp(url, 'outage-secret', directMessage(slackUser(i), dmChannelOf(slackUser(i)), `hello ${i}`));
      expect(res.status).toBe(200);
    };
    const texts = (i: number) => fake.messagesIn(dmChannelOf(slackUser(i))).map((m) => m.text);
    const before = await storedFor('slack');
    await throughOutage('slack', slackUser, post, () => countChats(texts));
    await expectNothingLost('slack', texts, before);
  }, 180_000);

  it('outbox: what was being sent when the database went away goes once, and the rest after it is back', async () => {
    const fake = await startFakeTelegram();
    stop = () => fake.stop();
    h.bot.core.registerTransport(createTelegramTransport(new Api(fake.token, { apiRoot: fake.url }), createLogger('silent'), () => 'outage_bot'));
    const N = 60;
    const chat = (i: number) => 650_000_000 + i;
    const now = new Date();
    await enqueue(h.direct.db, Array.from({ length: N }, (_, i) => ({
      idempotencyKey: `outage-send:${i}`, platform: 'telegram' as const, chatId: String(chat(i)), purpose: 'broadcast', message: { text: `notice ${i}` }, notBefore: now,
    })), now);
    h.bot.core.kick();
    const delivered = () => Array.from({ length: N }, (_, i) => fake.messagesIn(chat(i)).length).reduce((a, b) => a + b, 0);
    await waitFor(() => delivered() >= 15, 'the first messages out');
    await h.proxy.cut();
    await sleep(3000);
    const duringOutage = delivered();
    await h.proxy.restore();
    await waitFor(() => Array.from({ length: N }, (_, i) => fake.messagesIn(chat(i)).length > 0).every(Boolean), 'every message out');
    await h.bot.sender.drain(['telegram'], 30_000, true);
    expect(delivered()).toBe(N);
    expect(duringOutage).toBeLessThan(N);
  }, 180_000);

  function telegram(fake: FakeTelegram, mode: 'webhook' | 'polling'): TelegramAdapter {
    const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url };
    if (mode === 'webhook') Object.assign(env, { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET });
    return createTelegramAdapter({ config: loadConfig(env), core: h.core, logger: createLogger('debug', h.logs), port: 0, host: '127.0.0.1', pollTimeoutSeconds: 1 });
  }
});

const telegramUser = (i: number) => 630_000_000 + i;
const slackUser = (i: number) => `UOUTAGE${String(i).padStart(3, '0')}`;

/** How many members have heard anything at all. */
function countChats(texts: (i: number) => string[]): number {
  return Array.from({ length: MEMBERS }, (_, i) => texts(i).length > 0).filter(Boolean).length;
}
