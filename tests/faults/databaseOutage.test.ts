import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { incoming, LogCapture, press, say, startTestBot, type TestBot } from '../support/bot.js';
import { systemClock } from '../../src/bot/clock.js';
import { TcpProxy } from '../support/tcpProxy.js';

/** Needs a server to cut the connection to: runs in CI's PostgreSQL pass (TEST_DATABASE_URL). */
const serverUrl = process.env.TEST_DATABASE_URL;

class RecordingTerminal implements Transport {
  readonly platform = 'terminal' as const;
  received: { chat: string; text: string }[] = [];
  async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
    this.received.push({ chat: chat.chatId, text: message.text });
    return { ok: true };
  }
}

describe.skipIf(!serverUrl)('database connection cut for 30 seconds', () => {
  let h: TestBot;
  let proxy: TcpProxy;
  let viaProxy: Database;

  beforeAll(async () => {
    h = await startTestBot();
    const url = new URL((h.database as Database & { url: string }).url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    viaProxy = await openDatabase({ url: url.toString(), dataDir: '', maxConnections: 4, connectTimeoutSeconds: 2 });
  });
  afterAll(async () => {
    await viaProxy?.close().catch(() => {});
    await proxy?.stop();
    await h?.close();
  });

  it('answers "try again shortly" while cut, loses nothing queued, and recovers by itself', async () => {
    const clock = systemClock;
    const logs = new LogCapture();
    const bot = createBot({ database: viaProxy, clock, logger: createLogger('info', logs), config: h.config, sender: { pollMs: 100 } });
    const terminal = new RecordingTerminal();
    bot.core.registerTransport(terminal);
    bot.sender.start();
    const chat = h.person('刘秀英').terminalUserId!;
    try {
      expect(await bot.core.handle(incoming(chat, press('menu:checkIn')))).toEqual({ status: 'applied' });
      await bot.sender.drain(['terminal']);
      const before = terminal.received.length;

      await proxy.cut();
      const during = await bot.core.handle(incoming(chat, press('ci:same')));
      expect(during).toEqual({ status: 'unavailable' });
      await new Promise((r) => setTimeout(r, 30_000));
      await proxy.restore();

      // The platform redelivers (or the member taps again): the same update now applies, once.
      const retried = incoming(chat, press('ci:same'));
      let result = await bot.core.handle(retried);
      for (let i = 0; i < 20 && result.status === 'unavailable'; i++) {
        await new Promise((r) => setTimeout(r, 500));
        result = await bot.core.handle(retried);
      }
      expect(result).toEqual({ status: 'applied' });
      expect(await bot.core.handle(retried)).toEqual({ status: 'duplicate' });
      await bot.sender.drain(['terminal']);
      expect(terminal.received.length).toBeGreaterThan(before);
      expect(terminal.received.at(-1)!.text).toContain('工作情况');
      expect(await bot.core.handle(incoming(chat, say('/cancel')))).toEqual({ status: 'applied' });
      expect(logs.text).toContain('database unavailable');
    } finally {
      await bot.sender.stop();
    }
  }, 90_000);
});
