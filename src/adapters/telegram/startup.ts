import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Logger } from '../../logger.js';

/** Telegram cannot work with these settings (a token it refuses, a root that is no Bot API): start-up stops. */
export class TelegramConfigError extends Error {
  override name = 'TelegramConfigError';
}

/** The Bot API did not answer (network, timeout, its own trouble): the bot can run without Telegram meanwhile. */
export class TelegramUnreachableError extends Error {
  override name = 'TelegramUnreachableError';
  constructor(readonly host: string, readonly code: string) {
    super(`the Telegram Bot API at ${host} (TELEGRAM_API_ROOT) did not answer (${code})`);
  }
}

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** Where the Bot API is, as a person would recognise it: host and port, never the token. */
export function apiHostOf(apiRoot: string | undefined): string {
  const url = new URL(apiRoot ?? DEFAULT_API_ROOT);
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/**
 * Asks the Bot API who the bot is (getMe), giving up after `timeoutMs`, and says what went wrong in the
 * settings' own names: a refused token is TELEGRAM_BOT_TOKEN, a root that is not a Bot API is
 * TELEGRAM_API_ROOT; no answer at all is an outage, which the caller may wait out.
 */
export async function connectBot(bot: Bot, apiRoot: string | undefined, timeoutMs: number, stop?: AbortSignal): Promise<void> {
  const host = apiHostOf(apiRoot);
  if (bot.isInited()) return;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    // One getMe, not bot.init(): that one retries a network error for ever, so a Bot API that does not answer
    // would hold start-up without a word.
    bot.botInfo = await bot.api.getMe((stop ? AbortSignal.any([stop, timeout]) : timeout) as never);
  } catch (err) {
    if (err instanceof GrammyError) {
      if (err.error_code === 401) {
        throw new TelegramConfigError(`TELEGRAM_BOT_TOKEN was refused by the Telegram Bot API at ${host} (401 Unauthorized): set the token @BotFather gave for this bot.`);
      }
      if (err.error_code === 404) {
        throw new TelegramConfigError(
          `The Telegram Bot API at ${host} answered 404 to getMe: TELEGRAM_BOT_TOKEN is not a token it knows, or TELEGRAM_API_ROOT (${apiRoot ?? 'unset'}) is not a Bot API server.`,
        );
      }
      throw new TelegramUnreachableError(host, String(err.error_code));
    }
    if (err instanceof HttpError) {
      const inner = err.error as { code?: unknown; name?: unknown } | undefined;
      const code = typeof inner?.code === 'string' ? inner.code : timeout.aborted ? 'timeout' : typeof inner?.name === 'string' ? inner.name : 'network';
      throw new TelegramUnreachableError(host, code);
    }
    throw err;
  }
}

export interface LaunchOptions {
  /** The adapter's start(): connects, then polls or serves the webhook. */
  start(): Promise<void>;
  logger: Logger;
  stopping(): boolean;
  /** Runs when Telegram connects after the bot started without it (the staff menus). */
  onLateStart(): Promise<void>;
  /** The settings were refused: start-up should stop, saying `err.message`. */
  onRefused(err: TelegramConfigError): void;
}

/**
 * Starts Telegram without holding up the rest of the bot. When the Bot API does not answer, that is said once
 * (the setting and the host), the bot runs without Telegram, and it is tried again in the background, backing
 * off to five minutes, until it answers or the bot stops. Returns whether Telegram runs now or later.
 */
export async function launchTelegram(opts: LaunchOptions): Promise<'started' | 'degraded'> {
  const first = await tryStart(opts);
  if (first === 'started') return 'started';
  if (first === 'refused') return 'degraded';
  opts.logger.warn({ variable: 'TELEGRAM_API_ROOT', host: first.host, code: first.code }, 'telegram: the Bot API does not answer; running without Telegram and trying again');
  void (async () => {
    for (let tries = 0; !opts.stopping(); tries++) {
      await new Promise((r) => setTimeout(r, Math.min(300_000, 5000 * 2 ** tries)).unref());
      if (opts.stopping()) return;
      const outcome = await tryStart(opts);
      if (outcome === 'refused') return;
      if (outcome === 'started') {
        opts.logger.info({ tries: tries + 2 }, 'telegram: connected after all');
        return opts.stopping() ? undefined : opts.onLateStart();
      }
    }
  })().catch((err: unknown) => opts.logger.error({ err }, 'telegram: start failed'));
  return 'degraded';
}

async function tryStart(opts: LaunchOptions): Promise<'started' | 'refused' | TelegramUnreachableError> {
  try {
    await opts.start();
  } catch (err) {
    if (err instanceof TelegramConfigError) {
      opts.onRefused(err);
      return 'refused';
    }
    if (err instanceof TelegramUnreachableError) return err;
    throw err;
  }
  return 'started';
}
