import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { t } from '../../src/bot/i18n/index.js';
import { startFakeTelegram, updates } from '../support/fakeTelegram.js';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { proxiedDatabase, serverUrl, sortReplies, waitFor } from './support/outage.js';

/**
 * The real bot process long-polls a fake Bot API while its database refuses connections. Members write; the bot
 * is restarted in the middle of the outage — killed with SIGKILL, or stopped cleanly with SIGTERM — and started
 * again once the database is back. Every message must still be answered, once: an update Telegram was told
 * is confirmed is gone for good.
 */
const MEMBERS = 5;
const cleanup: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe.skipIf(!serverUrl)('restarting the polling bot during a database outage', () => {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`loses nothing when stopped with ${signal}`, async () => {
      const fake = await startFakeTelegram();
      cleanup.push(() => fake.stop());
      const { direct, proxy, proxiedUrl } = await proxiedDatabase();
      cleanup.push(async () => {
        await proxy.stop();
        await direct.close();
      });
      const dataDir = mkdtempSync(join(tmpdir(), 'bot-restart-'));
      cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const env = {
        DATABASE_URL: proxiedUrl, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url,
        SCHEDULES: 'off', TERMINAL: 'off', LOG_LEVEL: 'info',
      };
      const start = async () => {
        const bot: BotProcess = startBotProcess(env);
        cleanup.push(() => bot.stop('SIGKILL'));
        await bot.waitForOutput('bot started');
        return bot;
      };

      const first = await start();
      await proxy.cut();
      const members = Array.from({ length: MEMBERS }, (_, i) => 640_000_000 + i + (signal === 'SIGKILL' ? 0 : 100));
      for (const [i, id] of members.entries()) fake.inject({ update_id: 300_000 + i, ...updates.text({ id, first_name: 'm' }, `hello ${i}`) });
      // The bot has fetched them all and told each member; then it polls again before it goes.
      await waitFor(() => members.every((id) => fake.messagesIn(id).length > 0), 'a notice to every member');
      const polls = fake.callsOf('getUpdates').length;
      await waitFor(() => fake.callsOf('getUpdates').length > polls, 'another getUpdates');
      const stopped = await first.stop(signal);
      expect(stopped.signal === signal || stopped.code === 0).toBe(true);

      await proxy.restore();
      const second = await start();
      const answer = t('zh-CN', 'onboarding-ask-code');
      await waitFor(() => members.every((id) => fake.messagesIn(id).some((m) => m.text === answer)), 'the answer to every member', 90_000);
      await second.stop('SIGTERM');
      for (const id of members) {
        const got = sortReplies(fake.messagesIn(id).map((m) => m.text), answer, t('zh-CN', 'common-error'));
        expect({ id, answers: got.answers, apologies: got.apologies, notices: got.others.length }).toEqual({ id, answers: 1, apologies: 0, notices: 1 });
      }
    }, 240_000);
  }
});
