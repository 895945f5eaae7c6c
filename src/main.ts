import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, migrateDatabase, DataDirInUseError, type Database } from './db/client.js';
import { databaseErrorCode, describeStartupDatabaseError, isDatabaseOutage } from './db/errors.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock } from './bot/clock.js';
import { createBot } from './app.js';
import { createTerminalAdapter } from './adapters/terminal/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import { createTelegramAdapter, type TelegramAdapter } from './adapters/telegram/index.js';
import { TelegramConfigError, TelegramUnreachableError } from './adapters/telegram/startup.js';
import { PlatformFiles } from './adapters/files.js';
import { preloadGeo } from './bot/regions/index.js';
import { staffChats } from './bot/views/staffAccounts.js';
import { JobCoordinator, scheduledJobs } from './schedules/index.js';

/** The one wiring point: config → database → migrations → bot → adapters → housekeeping → clean shutdown. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let database: Database;
  try {
    database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR });
    await migrateDatabase(database);
  } catch (err) {
    // Which setting, which server, and why: never a bare "Failed query", never the password.
    process.stderr.write(`${err instanceof DataDirInUseError ? err.message : describeStartupDatabaseError(err, { url: config.DATABASE_URL, dataDir: config.DATA_DIR })}\n`);
    process.exit(3);
  }
  logger.info({ database: database.kind }, 'database ready');
  // A driver may leave a dropped connection's failure unhandled when the server goes away: that is an outage
  // to ride out (the core answers "unavailable" meanwhile), not a reason to end the process.
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseOutage(reason)) return void logger.warn({ code: databaseErrorCode(reason) }, 'database connection lost');
    logger.fatal({ name: (reason as Error)?.name, code: (reason as { code?: string })?.code }, 'unhandled rejection');
    process.exit(1);
  });

  const clock = systemClock;
  const files = new PlatformFiles();
  const bot = createBot({ database, clock, logger, config, files });
  const stoppers: (() => Promise<void>)[] = [];
  const schedules = config.SCHEDULES === 'on' ? new JobCoordinator({ database, clock, logger, jobs: scheduledJobs(config, bot.engine) }) : undefined;

  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    await schedules?.stop();
    // Stop taking input first, then let the outbox finish what is on the wire, then close the database.
    for (const stop of stoppers.reverse()) await stop().catch((err: Error) => logger.warn({ name: err.name }, 'stop failed'));
    await bot.sender.stop();
    await database.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  bot.sender.start();
  schedules?.start();
  // Half a second of parsing, done now rather than when the first member shares a location.
  setImmediate(() => preloadGeo());

  if (config.SLACK_BOT_TOKEN) {
    const slack = createSlackAdapter({ config, core: bot.core, logger, database, clock });
    await slack.start();
    stoppers.push(() => slack.stop());
    files.register('slack', (fileRef) => slack.fetchFile(fileRef));
  }

  const degraded: string[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramAdapter({ config, core: bot.core, logger, onFatal: () => void shutdown('telegram polling stopped', 1) });
    stoppers.push(() => telegram.stop());
    files.register('telegram', (fileRef) => telegram.fetchFile(fileRef));
    const ready = async () => {
      // Staff get their own command menu in their private chat (Telegram's per-chat scope). People who become
      // staff later get it at the next start.
      for (const chat of await staffChats(database.db, 'telegram')) {
        await telegram.showStaffMenu(chat.chatId, chat.language).catch((err: Error) => logger.warn({ name: err.name }, 'telegram: staff menu not set'));
      }
    };
    const started = await startTelegram(telegram, logger, () => stopping).catch(async (err: unknown) => {
      if (!(err instanceof TelegramConfigError)) throw err;
      process.stderr.write(`${err.message}\n`);
      await shutdown('telegram settings refused', 2);
      return false;
    });
    if (started) await ready();
    else if (!stopping) {
      degraded.push('telegram');
      void keepTryingTelegram(telegram, logger, () => stopping).then((ok) => (ok ? ready() : undefined)).catch(() => void shutdown('telegram settings refused', 2));
    }
  }

  const platformsConfigured = Boolean(config.SLACK_BOT_TOKEN || config.TELEGRAM_BOT_TOKEN);
  const terminalWanted = config.TERMINAL === 'on' || (config.TERMINAL === 'auto' && !platformsConfigured);
  if (terminalWanted) {
    const terminal = createTerminalAdapter({
      core: bot.core,
      database,
      clock,
      input: process.stdin,
      output: process.stdout,
      drain: () => bot.sender.drain(['terminal']),
      inviteTtlDays: config.INVITE_CODE_TTL_DAYS,
      defaultTimezone: config.DEFAULT_TIMEZONE,
    });
    void terminal.run().then(
      () => shutdown('terminal input ended'),
      (err: Error) => {
        logger.error({ name: err.name }, 'terminal failed');
        void shutdown('terminal failed', 1);
      },
    );
  }
  logStarted(logger, terminalWanted, degraded);
}

function logStarted(logger: Logger, terminal: boolean, degraded: string[]) {
  logger.info({ terminal, ...(degraded.length ? { degraded } : {}) }, 'bot started');
}

/**
 * One try at Telegram. An unreachable Bot API is said once, with the setting and host, and the bot runs
 * without Telegram meanwhile (false); refused settings throw TelegramConfigError.
 */
async function startTelegram(telegram: TelegramAdapter, logger: Logger, stopping: () => boolean): Promise<boolean> {
  try {
    await telegram.start();
    return !stopping();
  } catch (err) {
    if (!(err instanceof TelegramUnreachableError)) throw err;
    logger.warn({ variable: 'TELEGRAM_API_ROOT', host: err.host, code: err.code }, 'telegram: the Bot API does not answer; running without Telegram and trying again');
    return false;
  }
}

/** Tries Telegram again, backing off to five minutes, until it answers or the bot stops. */
async function keepTryingTelegram(telegram: TelegramAdapter, logger: Logger, stopping: () => boolean): Promise<boolean> {
  for (let attempt = 0; !stopping(); attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(300_000, 5000 * 2 ** attempt)).unref());
    if (stopping()) return false;
    try {
      await telegram.start();
      if (stopping()) return false;
      logger.info({ attempts: attempt + 2 }, 'telegram: connected after all');
      return true;
    } catch (err) {
      if (!(err instanceof TelegramUnreachableError)) {
        if (err instanceof TelegramConfigError) process.stderr.write(`${err.message}\n`);
        throw err;
      }
    }
  }
  return false;
}

main().catch((err: Error) => {
  process.stderr.write(`start-up failed: ${err.name}: ${err.message}\n`);
  process.exit(1);
});
