import { createBot, type Bot } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { createLogger } from '../../src/logger.js';
import { LogCapture } from '../support/bot.js';
import { systemClock, type Clock } from '../../src/bot/clock.js';
import { openTestDatabase } from '../support/db.js';

/** What an adapter driver gets: a real bot core on a real database, with the demo branch and a fresh code. */
export interface ContractContext {
  bot: Bot;
  database: Database;
  config: Config;
  clock: Clock;
  logs: LogCapture;
  /** A one-time code that links an account to the demo member 赵小红. */
  inviteCode: string;
}

/**
 * Builds a bot for a contract run. The clock is real time (adapters wait on real sockets) but injectable,
 * and the sender is started so queued replies reach the platform.
 */
export async function createContractContext(env: Record<string, string> = {}): Promise<ContractContext & { close(): Promise<void> }> {
  const database = await openTestDatabase();
  // Real time passes for the platform libraries, so the bot runs on the system clock here.
  const clock = systemClock;
  const config = loadConfig({ LOG_LEVEL: 'debug', ...env });
  const logs = new LogCapture();
  const bot = createBot({ database, clock, logger: createLogger('debug', logs), config, sender: { pollMs: 50 } });
  const demo = await database.db.transaction((tx) => seedDemo(tx, clock.now(), { inviteTtlDays: config.INVITE_CODE_TTL_DAYS, timezone: config.DEFAULT_TIMEZONE }));
  bot.sender.start();
  return {
    bot, database, config, clock, logs,
    inviteCode: demo.inviteCode,
    close: async () => {
      await bot.sender.stop();
      await database.close();
    },
  };
}
