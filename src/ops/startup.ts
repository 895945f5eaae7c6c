import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, ConfigError, environment, type Config } from '../config.js';
import { openDatabase, migrateDatabase, DataDirInUseError, type Database } from '../db/client.js';
import { databaseErrorCode, describeStartupDatabaseError, isDatabaseOutage } from '../db/errors.js';
import type { Logger } from '../logger.js';
import { createHttpServer, type HttpModule, type HttpServer } from '../http/server.js';

/** Start-up steps that either succeed or say what is wrong (naming the setting) and end the process. */

export function loadConfigOrExit(): Config {
  try {
    return loadConfig(environment());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** The host name and a random suffix: two instances on one host, or one restarted, are told apart. */
export function instanceIdOf(config: Config): string {
  return config.INSTANCE_ID ?? `${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${randomBytes(3).toString('hex')}`;
}

/** Whether the terminal chat opens: asked for, or no platform configured ('auto'). */
export function terminalWanted(config: Config): boolean {
  const platformsConfigured = Boolean(config.SLACK_BOT_TOKEN || config.TELEGRAM_BOT_TOKEN);
  return config.TERMINAL === 'on' || (config.TERMINAL === 'auto' && !platformsConfigured);
}

/** In the terminal chat the log goes to a file, so that no JSON line lands between the bot's lines. */
export function terminalLogFile(config: Config): { path: string; destination: pino.DestinationStream } {
  const path = join(config.DATA_DIR, 'bot.log');
  return { path, destination: pino.destination({ dest: path, mkdir: true, sync: true, append: true }) };
}

/** Opens and migrates the database, or says which setting, which server and why, and exits. */
export async function openDatabaseOrExit(config: Config, logger: Logger): Promise<Database> {
  try {
    const database = await openDatabase({ ...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR, sharedBuffers: config.PGLITE_SHARED_BUFFERS, pgliteThread: config.PGLITE_THREAD });
    await migrateDatabase(database);
    logger.info({ database: database.kind }, 'database ready, migrations current');
    return database;
  } catch (err) {
    // Never a bare "Failed query", never the password.
    process.stderr.write(`${err instanceof DataDirInUseError ? err.message : describeStartupDatabaseError(err, { url: config.DATABASE_URL, dataDir: config.DATA_DIR })}\n`);
    process.exit(3);
  }
}

/**
 * The HTTP server (health, metrics, console) on CONSOLE_HOST:CONSOLE_PORT. A port already taken ends a service
 * (its health checks would lie) but not the terminal chat, which then runs without it and says so in its log.
 */
export async function startHttpOrExit(config: Config, logger: Logger, modules: HttpModule[], optional: boolean): Promise<HttpServer | undefined> {
  const server = await createHttpServer({ host: config.CONSOLE_HOST, port: config.CONSOLE_PORT, logger, modules });
  try {
    const port = await server.listen();
    logger.info({ host: config.CONSOLE_HOST, port }, 'http server listening');
    return server;
  } catch (err) {
    await server.close().catch(() => {});
    const code = (err as { code?: string }).code ?? 'error';
    if (optional) {
      logger.warn({ variable: 'CONSOLE_PORT', port: config.CONSOLE_PORT, code }, 'http server not started');
      return undefined;
    }
    process.stderr.write(`CONSOLE_PORT: cannot listen on ${config.CONSOLE_HOST}:${config.CONSOLE_PORT} (${code}). Choose another port or stop what uses it.\n`);
    process.exit(2);
  }
}

/**
 * A driver may leave a dropped connection's failure unhandled when the server goes away: that is an outage to
 * ride out (the core answers "unavailable" meanwhile), not a reason to end the process. Anything else still is.
 */
export function rideOutDatabaseOutages(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseOutage(reason)) return void logger.warn({ code: databaseErrorCode(reason) }, 'database connection lost');
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
}
