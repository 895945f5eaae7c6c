import { join } from 'node:path';
import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, migrateDatabase, DataDirInUseError, type Database } from './db/client.js';
import { databaseErrorCode, describeStartupDatabaseError, isDatabaseOutage } from './db/errors.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock } from './bot/clock.js';
import { createBot } from './app.js';
import { createTerminalAdapter } from './adapters/terminal/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import { createTelegramAdapter } from './adapters/telegram/index.js';
import { launchTelegram } from './adapters/telegram/startup.js';
import { preloadGeo } from './bot/regions/index.js';
import { staffChats } from './bot/views/staffAccounts.js';
import { JobCoordinator, scheduledJobs } from './schedules/index.js';
import { terminalDemo } from './demo/index.js';
import type { Bot } from './app.js';

/** The one wiring point: config → database → migrations → bot → adapters → housekeeping → clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabaseOrExit(config);
  logger.info({ database: database.kind }, 'database ready');
  rideOutDatabaseOutages(logger);

  const clock = systemClock;
  const bot = createBot({ database, clock, logger, config });
  const stoppers: (() => Promise<void>)[] = [];
  const schedules = config.SCHEDULES === 'on' ? new JobCoordinator({ database, clock, logger, jobs: scheduledJobs(config, bot.engine) }) : undefined;

  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    await schedules?.stop();
    await bot.rosterImports.stop();
    // Stop taking input first, then let the outbox finish what is on the wire, then close the database.
    for (const stop of stoppers.reverse()) await stop().catch((err: Error) => logger.warn({ err }, 'stop failed'));
    await bot.sender.stop();
    await database.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  bot.sender.start();
  bot.rosterImports.start();
  schedules?.start();
  // Half a second of parsing, done now rather than when the first member shares a location.
  setImmediate(() => preloadGeo());

  if (config.SLACK_BOT_TOKEN) {
    const slack = createSlackAdapter({ config, core: bot.core, logger });
    await slack.start();
    stoppers.push(() => slack.stop());
  }

  const degraded: string[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramAdapter({ config, core: bot.core, logger, onFatal: () => void shutdown('telegram polling stopped', 1) });
    stoppers.push(() => telegram.stop());
    const state = await launchTelegram({
      start: () => telegram.start(),
      logger,
      stopping: () => stopping,
      onLateStart: () => showStaffMenus(bot, database, logger),
      onRefused: (err) => {
        process.stderr.write(`${err.message}\n`);
        void shutdown('telegram settings refused', 2);
      },
    });
    if (state === 'degraded') degraded.push('telegram');
  }
  await showStaffMenus(bot, database, logger);

  const platformsConfigured = Boolean(config.SLACK_BOT_TOKEN || config.TELEGRAM_BOT_TOKEN);
  const terminalWanted = config.TERMINAL === 'on' || (config.TERMINAL === 'auto' && !platformsConfigured);
  if (terminalWanted) {
    const terminal = createTerminalAdapter({
      core: bot.core,
      demo: terminalDemo(database, clock, { inviteTtlDays: config.INVITE_CODE_TTL_DAYS, timezone: config.DEFAULT_TIMEZONE }),
      clock,
      input: process.stdin,
      output: process.stdout,
      drain: () => bot.sender.drain(['terminal']),
      exportsDir: config.EXPORTS_DIR ?? join(config.DATA_DIR, 'exports'),
    });
    void terminal.run().then(
      () => shutdown('terminal input ended'),
      (err: Error) => {
        logger.error({ err }, 'terminal failed');
        void shutdown('terminal failed', 1);
      },
    );
  }
  logStarted(logger, terminalWanted, degraded);
}

/**
 * Staff get their own command menu in their private chat, with the tools of their roles, on every platform that
 * can show one (Telegram's per-chat scope). A role granted or revoked later refreshes it (bot/menus.ts).
 */
async function showStaffMenus(bot: Bot, database: Database, logger: Logger): Promise<void> {
  for (const [platform, port] of bot.ports) {
    if (!port.showMenu) continue;
    for (const chat of await staffChats(database.db, platform)) {
      await port.showMenu(chat.chatId, chat.language, 'staff', chat.roles).catch((err: Error) => logger.warn({ platform, err }, 'staff menu not set'));
    }
  }
}

function logStarted(logger: Logger, terminal: boolean, degraded: string[]) {
  logger.info({ terminal, ...(degraded.length ? { degraded } : {}) }, 'bot started');
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Opens and migrates the database, or says which setting, which server and why, and exits. */
async function openDatabaseOrExit(config: Config): Promise<Database> {
  try {
    const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR });
    await migrateDatabase(database);
    return database;
  } catch (err) {
    // Never a bare "Failed query", never the password.
    process.stderr.write(`${err instanceof DataDirInUseError ? err.message : describeStartupDatabaseError(err, { url: config.DATABASE_URL, dataDir: config.DATA_DIR })}\n`);
    process.exit(3);
  }
}

/**
 * A driver may leave a dropped connection's failure unhandled when the server goes away: that is an outage to
 * ride out (the core answers "unavailable" meanwhile), not a reason to end the process. Anything else still is.
 */
function rideOutDatabaseOutages(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseOutage(reason)) return void logger.warn({ code: databaseErrorCode(reason) }, 'database connection lost');
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
}

main().catch((err: Error) => {
  process.stderr.write(`start-up failed: ${err.name}: ${err.message}\n`);
  process.exit(1);
});
