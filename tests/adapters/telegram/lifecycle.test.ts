import { declaredCommands } from '../../support/commands.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../../src/adapters/telegram/index.js';
import type { Core } from '../../../src/bot/core.js';
import type { Incoming, Transport } from '../../../src/bot/types.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { LogCapture } from '../../support/bot.js';
import { BOT_USERNAME, startFakeTelegram, updates, type FakeTelegram } from '../../support/fakeTelegram.js';

/** A core that only records: start, stop and the end of polling need no database. */
function recordingCore() {
  const seen: Incoming[] = [];
  const transports: Transport[] = [];
  const core: Core = {
    commands: declaredCommands,
    handle: async (incoming) => {
      seen.push(incoming);
      return { status: 'applied' };
    },
    registerTransport: (t) => void transports.push(t),
    kick: () => {},
  };
  return { core, seen, transports };
}

describe('telegram adapter lifecycle', () => {
  let fake: FakeTelegram;
  let adapter: TelegramAdapter | undefined;
  const logs = new LogCapture();
  afterEach(async () => {
    await adapter?.stop();
    await fake?.stop();
  });

  async function start(extra: { onFatal?: (err: Error) => void; env?: Record<string, string>; pollTimeoutSeconds?: number } = {}) {
    fake = await startFakeTelegram();
    const rec = recordingCore();
    adapter = createTelegramAdapter({
      config: loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...extra.env }),
      core: rec.core,
      logger: createLogger('debug', logs),
      pollTimeoutSeconds: extra.pollTimeoutSeconds ?? 1,
      ...(extra.onFatal ? { onFatal: extra.onFatal } : {}),
    });
    await adapter.start();
    return rec;
  }

  it('registers its transport, learns its username from getMe, and polls', async () => {
    const rec = await start();
    expect(rec.transports.map((t) => t.platform)).toEqual(['telegram']);
    expect(adapter!.username()).toBe(BOT_USERNAME);
    fake.inject(updates.text({ id: 77, first_name: 'm' }, 'hi'));
    const deadline = Date.now() + 5000;
    while (rec.seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(rec.seen[0]).toMatchObject({ platform: 'telegram', chatId: '77', body: { kind: 'text', text: 'hi' } });
    expect(fake.callsOf('getUpdates')[0]!.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
  });

  it('prefers TELEGRAM_BOT_USERNAME for deep links', async () => {
    await start({ env: { TELEGRAM_BOT_USERNAME: '@branch_bot' } });
    expect(adapter!.username()).toBe('branch_bot');
  });

  it('stops at once, even in the middle of a long poll', async () => {
    await start({ pollTimeoutSeconds: 20 });
    await new Promise((r) => setTimeout(r, 100));
    const began = Date.now();
    await adapter!.stop();
    expect(Date.now() - began).toBeLessThan(2000);
  });

  it('reports the end of polling when another process polls with the same token', async () => {
    let fatal: Error | undefined;
    await start({ onFatal: (err) => (fatal = err) });
    fake.failNext({ kind: 'conflict' }, { methods: ['getUpdates'] });
    const deadline = Date.now() + 5000;
    while (!fatal && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect((fatal as { error_code?: number } | undefined)?.error_code).toBe(409);
    expect(logs.text).toContain('polling stopped');
  });

  it('shows the staff menu in one chat only', async () => {
    await start();
    await adapter!.showStaffMenu('620000003', 'zh-CN');
    const call = fake.callsOf('setMyCommands').at(-1)!;
    expect(call.params.scope).toEqual({ type: 'chat', chat_id: '620000003' });
    expect((call.params.commands as { command: string }[]).map((c) => c.command)).toEqual(expect.arrayContaining(['members', 'invite', 'report']));
  });
});
