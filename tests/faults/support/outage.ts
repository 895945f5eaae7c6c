import { createBot, type Bot } from '../../../src/app.js';
import type { Core, HandleResult } from '../../../src/bot/core.js';
import type { Incoming } from '../../../src/bot/types.js';
import { systemClock } from '../../../src/bot/clock.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { createLogger } from '../../../src/logger.js';
import { LogCapture } from '../../support/bot.js';
import { openTestDatabase } from '../../support/db.js';
import { TcpProxy } from '../../support/tcpProxy.js';

/** The outage tests need a server whose connection can be cut: CI's PostgreSQL pass (TEST_DATABASE_URL). */
export const serverUrl = process.env.TEST_DATABASE_URL;

export interface OutageBot {
  /** The test's own connection, straight to the server (never cut). */
  direct: Database & { url?: string };
  /** The URL through the proxy, for a bot in another process. */
  proxiedUrl: string;
  proxy: TcpProxy;
  /** A bot in this process whose database connection goes through the proxy. */
  bot: Bot;
  config: Config;
  logs: LogCapture;
  /** Every update the core was handed, with what it answered or threw. */
  outcomes: { incoming: Incoming; result?: HandleResult; threw?: string }[];
  /** The core as the adapters see it: the bot's core, recording what it answered. */
  core: Core;
  close(): Promise<void>;
}

/**
 * A fresh database on the PostgreSQL server, a TCP proxy in front of it on 127.0.0.1, and a real bot (engine,
 * outbox) connected through the proxy with the real clock. Cutting the proxy refuses every new connection and
 * drops the open ones, as an outage or a restarting server does.
 */
export async function startOutageBot(env: Record<string, string> = {}): Promise<OutageBot> {
  const { direct, proxy, proxiedUrl } = await proxiedDatabase();
  const viaProxy = await openDatabase({ url: proxiedUrl, dataDir: '', maxConnections: 4, connectTimeoutSeconds: 2 });
  const config = loadConfig({ LOG_LEVEL: 'debug', ...env });
  const logs = new LogCapture();
  const bot = createBot({ database: viaProxy, clock: systemClock, logger: createLogger('debug', logs), config, sender: { pollMs: 100 } });
  const outcomes: OutageBot['outcomes'] = [];
  const core: Core = {
    commands: bot.core.commands,
    async handle(incoming) {
      try {
        const result = await bot.core.handle(incoming);
        outcomes.push({ incoming, result });
        return result;
      } catch (err) {
        outcomes.push({ incoming, threw: (err as { code?: string }).code ?? (err as Error).name });
        throw err;
      }
    },
    registerTransport: (t) => bot.core.registerTransport(t),
    kick: (p) => bot.core.kick(p),
  };
  bot.sender.start();
  return {
    direct, proxiedUrl, proxy, bot, config, logs, outcomes, core,
    async close() {
      await proxy.restore().catch(() => {});
      await bot.sender.stop();
      await viaProxy.close().catch(() => {});
      await proxy.stop();
      await direct.close();
    },
  };
}

/** A fresh database on the server, and a proxy in front of it that a test can cut. */
export async function proxiedDatabase(): Promise<{ direct: Database & { url?: string }; proxy: TcpProxy; proxiedUrl: string }> {
  const direct = await openTestDatabase();
  const url = new URL(direct.url!);
  const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  await proxy.start();
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { direct, proxy, proxiedUrl: url.toString() };
}

export async function waitFor(what: () => boolean | Promise<boolean>, label: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one chat received, sorted into the real answer, the apology for a bug, and everything else. */
export function sortReplies(texts: string[], answer: string, apology: string) {
  return {
    answers: texts.filter((x) => x === answer).length,
    apologies: texts.filter((x) => x === apology).length,
    others: texts.filter((x) => x !== answer && x !== apology),
  };
}
