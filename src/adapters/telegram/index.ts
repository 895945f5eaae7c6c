import { Bot, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Core, HandleResult } from '../../bot/core.js';
import { t, type Language } from '../../bot/i18n/index.js';
import type { FetchedFile, PlatformEvent, Transport } from '../../bot/types.js';
import { apiFetch } from './apiFetch.js';
import { chatEventOf } from './chatEvents.js';
import { ChatOrder } from '../chatOrder.js';
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
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Telegram through grammY. Long polling (updates of one chat one after another, different chats side by side)
 * unless TELEGRAM_WEBHOOK_URL selects webhook mode. Every update goes to the core, which applies each update id
 * once and puts all replies in the outbox; `transport` sends them. Logs carry update ids, chat ids and error
 * codes only.
 */
export class TelegramChat {
  readonly transport: Transport;
  /** For tests and tools: the grammY API client this adapter uses. */
  readonly api: Api;
  private readonly bot: Bot;
  private readonly token: string;
  private readonly webhookUrl: string | undefined;
  private readonly pollTimeout: number;
  private botUsername: string | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private polling: TelegramPolling | undefined;
  private webhook: ReturnType<typeof createWebhookServer> | undefined;
  private webhookPort: number | undefined;
  private starting: AbortController | undefined;
  /** Chats told, in a database outage, that their message will be handled: once each, not at every redelivery. */
  private readonly notices = new OutageNotices();
  /** Webhook: our own per-chat order (Telegram may post several updates at once). */
  private readonly chains = new ChatOrder();

  constructor(private readonly opts: TelegramAdapterOptions) {
    const { config, core, logger } = opts;
    if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is not set');
    this.token = config.TELEGRAM_BOT_TOKEN;
    this.webhookUrl = config.TELEGRAM_WEBHOOK_URL;
    if (this.webhookUrl && !config.TELEGRAM_WEBHOOK_SECRET) throw new Error('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set');
    this.pollTimeout = opts.pollTimeoutSeconds ?? 30;
    this.bot = new Bot(this.token, {
      client: {
        ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        // Longer than a long poll, short enough that a hung connection is given up and retried.
        timeoutSeconds: this.pollTimeout + 30,
        fetch: apiFetch as never,
      },
    });
    this.api = this.bot.api;
    this.botUsername = config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
    this.transport = {
      ...createTelegramTransport(this.bot.api, logger, () => this.botUsername),
      showMenu: (chatId, lang, audience, roles) => publishChatCommands(this.bot.api, core.commands, chatId, lang, audience, roles),
      fetchFile: (ref) => this.fetchFile(ref),
    };
  }

  /** The webhook server's port once started (webhook mode). */
  port(): number | undefined {
    return this.webhookPort;
  }

  /** The bot's username once started, for deep links `https://t.me/<username>?start=<code>`. */
  username(): string | undefined {
    return this.botUsername;
  }

  /** Shows the staff command menu in one staff member's private chat. */
  showStaffMenu(chatId: string, lang: Language): Promise<void> {
    return publishStaffCommands(this.bot.api, this.opts.core.commands, chatId, lang);
  }

  /** Downloads a file a member sent (a roster), by its file id: getFile, then the Bot API's file URL. */
  async fetchFile(fileRef: string): Promise<FetchedFile> {
    const file = await this.bot.api.getFile(fileRef);
    if (!file.file_path) throw new Error('telegram: file has no path (over 20 MB?)');
    const root = this.opts.config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org';
    const response = await fetch(`${root}/file/bot${this.token}/${file.file_path}`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`telegram: file download ${response.status}`);
    const name = file.file_path.split('/').pop();
    return { data: Buffer.from(await response.arrayBuffer()), ...(name ? { name } : {}) };
  }

  /**
   * Connects (getMe, at most `connectTimeoutMs`), then polls or serves the webhook. Throws TelegramConfigError
   * when the settings are wrong, TelegramUnreachableError when the Bot API did not answer: then start() may be
   * called again later.
   */
  async start(): Promise<void> {
    const { config, core, logger } = this.opts;
    this.starting = new AbortController();
    await connectBot(this.bot, config.TELEGRAM_API_ROOT, this.opts.connectTimeoutMs ?? 10_000, this.starting.signal);
    if (this.starting.signal.aborted) return;
    this.botUsername ??= this.bot.botInfo.username;
    logger.info({ botId: this.bot.botInfo.id, mode: this.webhookUrl ? 'webhook' : 'polling' }, 'telegram: connected');
    core.registerTransport(this.transport);
    await publishCommands(this.bot.api, core.commands).catch((err: { error_code?: number; name?: string }) =>
      logger.warn({ status: err.error_code, err }, 'telegram: could not publish the command menu'),
    );
    if (this.webhookUrl) await this.serveWebhook(this.webhookUrl);
    else await this.poll();
  }

  async stop(): Promise<void> {
    this.starting?.abort();
    const current = this.polling;
    this.polling = undefined;
    await current?.stop();
    await this.webhook?.close();
    this.webhook = undefined;
    await Promise.allSettled([...this.pending]);
  }

  private async serveWebhook(webhookUrl: string): Promise<void> {
    const { config, logger } = this.opts;
    const secret = config.TELEGRAM_WEBHOOK_SECRET!;
    this.webhook = createWebhookServer({
      path: new URL(webhookUrl).pathname || '/',
      secret,
      logger,
      onUpdate: (update) =>
        this.chains.run(chatKeyOf(update), async () => {
          const { stored, followUp } = await this.process(update);
          if (followUp) void this.track(followUp);
          return stored;
        }),
    });
    this.webhookPort = await this.webhook.listen(this.opts.port ?? config.TELEGRAM_WEBHOOK_PORT, this.opts.host);
    await this.bot.api.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
    logger.info({ port: this.webhookPort }, 'telegram: webhook listening');
  }

  /** Polling: one chat's updates one after another; an update is confirmed to Telegram only once stored. */
  private async poll(): Promise<void> {
    // A webhook left from an earlier run would make getUpdates fail; updates waiting there are kept.
    await this.bot.api.deleteWebhook({ drop_pending_updates: false });
    this.polling = new TelegramPolling({
      api: this.bot.api,
      logger: this.opts.logger,
      timeoutSeconds: this.pollTimeout,
      allowedUpdates: ALLOWED_UPDATES,
      // A press's follow-up goes on beside the chat's next update, as by webhook (awaited, it held that update up).
      handle: async (update) => {
        const { stored, followUp } = await this.process(update);
        if (followUp) void this.track(followUp);
        return stored;
      },
      orderKey: chatKeyOf,
      onFatal: (err) => this.opts.onFatal?.(err),
    });
    this.polling.start();
  }

  /** Hands one update to the core. `stored` is false when the core could not be reached. */
  private async process(update: Update): Promise<{ stored: boolean; followUp?: Promise<void> }> {
    const { core, logger } = this.opts;
    const updateId = update.update_id;
    const event = chatEventOf(update);
    if (event) return { stored: await this.record(updateId, event) };
    const inbound = translateUpdate(update, this.botUsername);
    const lang = languageOfUser(update);
    if (inbound.kind === 'ignore') {
      logger.debug({ updateId, reason: inbound.reason }, 'telegram: update ignored');
      const queryId = inbound.callbackQueryId;
      return { stored: true, ...(queryId ? { followUp: this.quietly(updateId, 'answerCallbackQuery', () => this.bot.api.answerCallbackQuery(queryId)) } : {}) };
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
      if (!this.notices.shouldTell(chat)) return { stored: false };
      const held = t(lang, 'common-held');
      const followUp = callback
        ? this.quietly(updateId, 'answerCallbackQuery', () => this.bot.api.answerCallbackQuery(callback.queryId, { text: held }))
        : this.quietly(updateId, 'sendMessage', () => this.bot.api.sendMessage(chat, held));
      return { stored: false, followUp };
    }
    this.notices.through(chat);
    return { stored: true, ...(callback ? { followUp: this.afterPress(updateId, callback, lang) } : {}) };
  }

  /** A change of a chat (blocked, removed, upgraded) for the core to record; false when it could not be stored. */
  private async record(updateId: number, event: PlatformEvent): Promise<boolean> {
    const { core, logger } = this.opts;
    try {
      await core.platformEvent?.(event);
      logger.debug({ updateId, event: event.kind }, 'telegram: chat change recorded');
      return true;
    } catch (err) {
      logger.warn({ updateId, event: event.kind, err }, 'telegram: chat change not recorded yet');
      return false;
    }
  }

  /**
   * Stops the spinner, then takes the buttons off the pressed message and shows what was chosen. A group's
   * message is everyone's: it keeps its buttons, and the presser is told where the answer went.
   */
  private async afterPress(updateId: number, cb: CallbackRef, lang: Language): Promise<void> {
    const api = this.bot.api;
    if (cb.inGroup) {
      await this.quietly(updateId, 'answerCallbackQuery', () => api.answerCallbackQuery(cb.queryId, { text: t(lang, 'telegram-answered-in-private') }));
      return;
    }
    await this.quietly(updateId, 'answerCallbackQuery', () => api.answerCallbackQuery(cb.queryId));
    if (cb.messageId === 0) return;
    if (cb.text !== undefined && cb.label !== undefined) {
      await this.quietly(updateId, 'editMessageText', () => api.editMessageText(cb.chatId, cb.messageId, chosenText(cb.text!, cb.label!), { link_preview_options: { is_disabled: true } }));
    } else {
      await this.quietly(updateId, 'editMessageReplyMarkup', () => api.editMessageReplyMarkup(cb.chatId, cb.messageId, { reply_markup: { inline_keyboard: [] } }));
    }
  }

  /** A call whose failure changes nothing for the member (an old query, a message already edited). */
  private async quietly(updateId: number, method: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      const e = err as { error_code?: number; description?: string; name?: string };
      if (e.error_code === 400 && /not modified/.test(e.description ?? '')) return;
      this.opts.logger.warn({ updateId, method, status: e.error_code, err }, 'telegram: call failed');
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.then(() => this.pending.delete(p), () => this.pending.delete(p));
    return p;
  }
}

export function createTelegramAdapter(opts: TelegramAdapterOptions): TelegramChat {
  return new TelegramChat(opts);
}

export type TelegramAdapter = TelegramChat;

function languageOfUser(update: Update): Language {
  const from = update.message?.from ?? update.callback_query?.from;
  return from?.language_code?.startsWith('en') ? 'en' : 'zh-CN';
}
