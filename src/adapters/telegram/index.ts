import { Bot, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Core, HandleResult } from '../../bot/core.js';
import { t, type Language } from '../../bot/i18n/index.js';
import type { FetchedFile, Transport } from '../../bot/types.js';
import { chatKeyOf, translateUpdate, type CallbackRef } from './inbound.js';
import { chosenText } from './render.js';
import { createTelegramTransport } from './transport.js';
import { createWebhookServer } from './webhook.js';
import { publishChatCommands, publishCommands, publishStaffCommands } from './commands.js';
import { TelegramPolling } from './polling.js';
import { connectBot } from './startup.js';
import { OutageNotices } from '../outageNotices.js';

export type TelegramConfig = Pick<
  Config,
  'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_URL' | 'TELEGRAM_WEBHOOK_SECRET' | 'TELEGRAM_WEBHOOK_PORT' | 'TELEGRAM_API_ROOT' | 'TELEGRAM_BOT_USERNAME'
>;

export interface TelegramAdapterOptions {
  config: TelegramConfig;
  core: Core;
  logger: Logger;
  /** Webhook mode: overrides TELEGRAM_WEBHOOK_PORT (tests pass 0 for a free port). */
  port?: number;
  host?: string;
  /** Long-poll wait per getUpdates call, seconds (Telegram's default here 30; tests use less). */
  pollTimeoutSeconds?: number;
  /**
   * Polling stopped for good: Telegram refused the token (401) or another process polls with it (409).
   * main.ts should shut down (or alert); the error is logged either way.
   */
  onFatal?: (err: Error) => void;
  /** How long start() waits for the Bot API to answer getMe before it reports it unreachable. */
  connectTimeoutMs?: number;
}

/** The updates the bot asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * Telegram through grammY. Long polling with @grammyjs/runner (updates of one chat one after another,
 * different chats side by side) unless TELEGRAM_WEBHOOK_URL selects webhook mode. Every update goes to
 * the core, which applies each update id once and puts all replies in the outbox; `transport` sends them.
 * Logs carry update ids, chat ids and error codes only.
 */
export function createTelegramAdapter(opts: TelegramAdapterOptions) {
  const { config, core, logger } = opts;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  if (webhookUrl && !config.TELEGRAM_WEBHOOK_SECRET) throw new Error('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set');
  const pollTimeout = opts.pollTimeoutSeconds ?? 30;

  const bot = new Bot(token, {
    client: {
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      // Longer than a long poll, short enough that a hung connection is given up and retried.
      timeoutSeconds: pollTimeout + 30,
    },
  });
  let username = config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
  const transport: Transport = {
    ...createTelegramTransport(bot.api, logger, () => username),
    showMenu: (chatId, lang, audience) => publishChatCommands(bot.api, core.commands, chatId, lang, audience),
    fetchFile,
  };
  const pending = new Set<Promise<unknown>>();
  let polling: TelegramPolling | undefined;
  let webhook: ReturnType<typeof createWebhookServer> | undefined;
  let port: number | undefined;
  let starting: AbortController | undefined;
  /** Chats told, in a database outage, that their message will be handled: once each, not at every redelivery. */
  const notices = new OutageNotices();

  /** Hands one update to the core. `stored` is false when the core could not be reached. */
  async function process(update: Update): Promise<{ stored: boolean; followUp?: Promise<void> }> {
    const updateId = update.update_id;
    const inbound = translateUpdate(update, username);
    const lang = languageOfUser(update);
    if (inbound.kind === 'ignore') {
      logger.debug({ updateId, reason: inbound.reason }, 'telegram: update ignored');
      const queryId = inbound.callbackQueryId;
      return { stored: true, ...(queryId ? { followUp: quietly(updateId, 'answerCallbackQuery', () => bot.api.answerCallbackQuery(queryId)) } : {}) };
    }
    let result: HandleResult;
    try {
      result = await core.handle(inbound.incoming);
    } catch (err) {
      logger.error({ updateId, err }, 'telegram: core failed');
      result = { status: 'unavailable' };
    }
    logger.debug({ updateId, chatId: inbound.incoming.chatId, status: result.status }, 'telegram: update handed to core');
    const callback = inbound.callback;
    const chat = inbound.incoming.chatId;
    if (result.status === 'unavailable') {
      // The outbox lives in the database that is out of reach: say directly (once per chat) that the message
      // will be handled. The update is kept (polling) or comes again (webhook) until it is stored.
      if (!notices.shouldTell(chat)) return { stored: false };
      const held = t(lang, 'common-held');
      const followUp = callback
        ? quietly(updateId, 'answerCallbackQuery', () => bot.api.answerCallbackQuery(callback.queryId, { text: held }))
        : quietly(updateId, 'sendMessage', () => bot.api.sendMessage(chat, held));
      return { stored: false, followUp };
    }
    notices.through(chat);
    return { stored: true, ...(callback ? { followUp: afterPress(updateId, callback, lang) } : {}) };
  }

  /**
   * Stops the spinner, then takes the buttons off the pressed message and shows what was chosen. A group's
   * message is everyone's: it keeps its buttons, and the presser is told where the answer went.
   */
  async function afterPress(updateId: number, cb: CallbackRef, lang: Language): Promise<void> {
    if (cb.inGroup) {
      await quietly(updateId, 'answerCallbackQuery', () => bot.api.answerCallbackQuery(cb.queryId, { text: t(lang, 'telegram-answered-in-private') }));
      return;
    }
    await quietly(updateId, 'answerCallbackQuery', () => bot.api.answerCallbackQuery(cb.queryId));
    if (cb.messageId === 0) return;
    if (cb.text !== undefined && cb.label !== undefined) {
      await quietly(updateId, 'editMessageText', () => bot.api.editMessageText(cb.chatId, cb.messageId, chosenText(cb.text!, cb.label!), { link_preview_options: { is_disabled: true } }));
    } else {
      await quietly(updateId, 'editMessageReplyMarkup', () => bot.api.editMessageReplyMarkup(cb.chatId, cb.messageId, { reply_markup: { inline_keyboard: [] } }));
    }
  }

  /** A call whose failure changes nothing for the member (an old query, a message already edited). */
  async function quietly(updateId: number, method: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      const e = err as { error_code?: number; description?: string; name?: string };
      if (e.error_code === 400 && /not modified/.test(e.description ?? '')) return;
      logger.warn({ updateId, method, status: e.error_code, err }, 'telegram: call failed');
    }
  }

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.then(() => pending.delete(p), () => pending.delete(p));
    return p;
  };

  /** Polling: one chat's updates one after another; an update is confirmed to Telegram only once stored. */
  async function handlePolled(update: Update): Promise<boolean> {
    const { stored, followUp } = await process(update);
    if (followUp) await followUp;
    return stored;
  }

  // Webhook: the same, with our own per-chat order (Telegram may post several updates at once).
  const chains = new Map<string, Promise<unknown>>();
  function inChatOrder<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const next = (chains.get(key) ?? Promise.resolve()).then(work, work);
    chains.set(key, next);
    const forget = () => {
      if (chains.get(key) === next) chains.delete(key);
    };
    next.then(forget, forget);
    return next;
  }

  /** Downloads a file a member sent (a roster), by its file id: getFile, then the Bot API's file URL. */
  async function fetchFile(fileRef: string): Promise<FetchedFile> {
    const file = await bot.api.getFile(fileRef);
    if (!file.file_path) throw new Error('telegram: file has no path (over 20 MB?)');
    const root = config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org';
    const response = await fetch(`${root}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`telegram: file download ${response.status}`);
    const name = file.file_path.split('/').pop();
    return { data: Buffer.from(await response.arrayBuffer()), ...(name ? { name } : {}) };
  }

  /**
   * Connects (getMe, at most `connectTimeoutMs`), then polls or serves the webhook. Throws TelegramConfigError
   * when the settings are wrong, TelegramUnreachableError when the Bot API did not answer: then start() may be
   * called again later.
   */
  async function start(): Promise<void> {
    starting = new AbortController();
    await connectBot(bot, config.TELEGRAM_API_ROOT, opts.connectTimeoutMs ?? 10_000, starting.signal);
    if (starting.signal.aborted) return;
    username ??= bot.botInfo.username;
    logger.info({ botId: bot.botInfo.id, mode: webhookUrl ? 'webhook' : 'polling' }, 'telegram: connected');
    core.registerTransport(transport);
    await publishCommands(bot.api, core.commands).catch((err: { error_code?: number; name?: string }) =>
      logger.warn({ status: err.error_code, err }, 'telegram: could not publish the command menu'),
    );
    if (webhookUrl) {
      const path = new URL(webhookUrl).pathname || '/';
      webhook = createWebhookServer({
        path,
        secret: config.TELEGRAM_WEBHOOK_SECRET!,
        logger,
        onUpdate: (update) =>
          inChatOrder(chatKeyOf(update), async () => {
            const { stored, followUp } = await process(update);
            if (followUp) void track(followUp);
            return stored;
          }),
      });
      port = await webhook.listen(opts.port ?? config.TELEGRAM_WEBHOOK_PORT, opts.host);
      await bot.api.setWebhook(webhookUrl, { secret_token: config.TELEGRAM_WEBHOOK_SECRET!, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
      logger.info({ port }, 'telegram: webhook listening');
    } else {
      // A webhook left from an earlier run would make getUpdates fail; updates waiting there are kept.
      await bot.api.deleteWebhook({ drop_pending_updates: false });
      polling = new TelegramPolling({
        api: bot.api,
        logger,
        timeoutSeconds: pollTimeout,
        allowedUpdates: ALLOWED_UPDATES,
        handle: handlePolled,
        orderKey: chatKeyOf,
        onFatal: (err) => opts.onFatal?.(err),
      });
      polling.start();
    }
  }

  async function stop(): Promise<void> {
    starting?.abort();
    const current = polling;
    polling = undefined;
    await current?.stop();
    await webhook?.close();
    webhook = undefined;
    await Promise.allSettled([...pending]);
  }

  return {
    start,
    stop,
    transport,
    /** The webhook server's port once started (webhook mode). */
    port: () => port,
    /** The bot's username once started, for deep links `https://t.me/<username>?start=<code>`. */
    username: () => username,
    /** Shows the staff command menu in one staff member's private chat. */
    showStaffMenu: (chatId: string, lang: Language) => publishStaffCommands(bot.api, core.commands, chatId, lang),
    fetchFile,
    /** For tests and tools: the grammY API client this adapter uses. */
    api: bot.api as Api,
  };
}

export type TelegramAdapter = ReturnType<typeof createTelegramAdapter>;

function languageOfUser(update: Update): Language {
  const from = update.message?.from ?? update.callback_query?.from;
  return from?.language_code?.startsWith('en') ? 'en' : 'zh-CN';
}
