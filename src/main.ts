import { join } from 'node:path';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock } from './bot/clock.js';
import { createBot } from './app.js';
import { createTerminalAdapter } from './adapters/terminal/index.js';
import { launchTelegram } from './adapters/telegram/startup.js';
import { staffChats } from './bot/views/staffAccounts.js';
import { JobCoordinator, scheduledJobs } from './schedules/index.js';
import { ScheduledNotices } from './schedules/scheduledNotices.js';
import { terminalDemo } from './demo/index.js';
import { healthModule } from './http/health.js';
import { consoleModule } from './console/index.js';
import { consoleSections } from './console/sections/index.js';
import { BotMetrics } from './ops/metrics.js';
import { embeddedDatabaseJobs } from './ops/upkeep.js';
import { PlatformStatus, readinessChecks } from './ops/readiness.js';
import { instanceIdOf, loadConfigOrExit, openDatabaseOrExit, rideOutDatabaseOutages, startHttpOrExit, terminalLogFile, terminalWanted } from './ops/startup.js';
import type { Bot } from './app.js';

type Shutdown = (reason: string, code?: number) => Promise<void>;

/** The one wiring point: config → database → migrations → bot → HTTP → adapters → housekeeping → clean shutdown. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const instance = instanceIdOf(config);
  const terminal = terminalWanted(config);
  const logger = createLogger(config.LOG_LEVEL, terminal ? terminalLogFile(config).destination : undefined, { instance });
  logger.info({ pid: process.pid }, 'starting');
  const database = await openDatabaseOrExit(config, logger);
  rideOutDatabaseOutages(logger);

  const clock = systemClock;
  const metrics = new BotMetrics({ database, clock, instance, ...(database.kind === 'postgres' ? { poolMax: 10 } : {}) });
  const bot = createBot({ database, clock, logger, config, observe: metrics, sender: { instanceId: instance } });
  const platforms = new PlatformStatus();
  const stoppers: (() => Promise<void>)[] = [];
  // The embedded database is backed up nightly and vacuumed hourly by the bot itself (PostgreSQL: pg_dump and autovacuum, docs/deploy.md).
  const jobs = [...scheduledJobs(config, bot.engine), ...embeddedDatabaseJobs(database, config)];
  const schedules = config.SCHEDULES === 'on' ? new JobCoordinator({ database, clock, logger, jobs, instance }) : undefined;
  // Notices a secretary set for a time (console 通知): looked at every half minute, each sent once across instances.
  const notices = config.SCHEDULES === 'on' ? new ScheduledNotices({ database, clock, logger, pacing: { defaults: config, timezone: config.DEFAULT_TIMEZONE } }) : undefined;

  let stopping = false;
  const shutdown: Shutdown = async (reason, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // Something that cannot finish (a database that stopped answering mid-query) must not keep the process.
    setTimeout(() => {
      logger.error({ timeoutSeconds: config.SHUTDOWN_TIMEOUT_S }, 'shutdown did not finish in time; exiting anyway');
      process.exit(code || 1);
    }, config.SHUTDOWN_TIMEOUT_S * 1000).unref();
    await schedules?.stop();
    await notices?.stop();
    await bot.rosterImports.stop();
    // Stop taking input first, then let the outbox finish what is on the wire, then close the database.
    for (const stop of stoppers.reverse()) await stop().catch((err: Error) => logger.warn({ err }, 'stop failed'));
    await bot.sender.stop();
    await database.close();
    logger.info({ code }, 'stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const checks = readinessChecks({ database, clock, platforms, outboxMaxAgeSeconds: config.READY_OUTBOX_MAX_AGE_SECONDS });
  const webConsole = consoleModule({ database, clock, logger, config, sections: consoleSections({ files: bot.files }) });
  const http = await startHttpOrExit(config, logger, [healthModule(checks), metrics.module(), webConsole], terminal);
  if (http) stoppers.push(() => http.close());

  bot.sender.start();
  bot.rosterImports.start();
  schedules?.start();
  notices?.start();

  await startPlatforms({ config, bot, database, logger, platforms, stoppers, shutdown, stopping: () => stopping });
  if (terminal) startTerminal(config, bot, database, logger, shutdown);
  const degraded = platforms.entries().filter(([, s]) => !s.connected).map(([p]) => p);
  logger.info({ terminal, ...(degraded.length ? { degraded } : {}) }, 'bot started');
}

interface PlatformWiring {
  config: Config;
  bot: Bot;
  database: Database;
  logger: Logger;
  platforms: PlatformStatus;
  stoppers: (() => Promise<void>)[];
  shutdown: Shutdown;
  stopping(): boolean;
}

/** Slack and Telegram, each when configured; Telegram may run degraded (its API not answering) and join later. */
async function startPlatforms(w: PlatformWiring): Promise<void> {
  const { config, bot, database, logger, platforms } = w;
  if (config.SLACK_BOT_TOKEN) {
    platforms.configured('slack');
    // Each platform's libraries load only when it is configured (a terminal session carries neither).
    const { createSlackAdapter } = await import('./adapters/slack/index.js');
    const slack = createSlackAdapter({ config, core: bot.core, logger });
    await slack.start();
    platforms.connected('slack');
    w.stoppers.push(() => slack.stop());
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    platforms.configured('telegram');
    const { createTelegramAdapter } = await import('./adapters/telegram/index.js');
    const telegram = createTelegramAdapter({ config, core: bot.core, logger, onFatal: () => void w.shutdown('telegram polling stopped', 1) });
    w.stoppers.push(() => telegram.stop());
    const state = await launchTelegram({
      start: () => telegram.start(),
      logger,
      stopping: w.stopping,
      onLateStart: () => {
        platforms.connected('telegram');
        return showStaffMenus(bot, database, logger);
      },
      onRefused: (err) => {
        platforms.disconnected('telegram', 'settings refused');
        process.stderr.write(`${err.message}\n`);
        void w.shutdown('telegram settings refused', 2);
      },
    });
    if (state === 'started') platforms.connected('telegram');
    else platforms.disconnected('telegram', 'Bot API does not answer (TELEGRAM_API_ROOT)');
  }
  await showStaffMenus(bot, database, logger);
}

function startTerminal(config: Config, bot: Bot, database: Database, logger: Logger, shutdown: Shutdown): void {
  const clock = systemClock;
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

main().catch((err: Error) => {
  process.stderr.write(`start-up failed: ${err.name}: ${err.message}\n`);
  process.exit(1);
});
