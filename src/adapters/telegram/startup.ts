import { GrammyError, HttpError, type Bot } from 'grammy';

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
