import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Core } from '../../bot/core.js';
import type { FetchedFile, Incoming } from '../../bot/types.js';
import {
  answeredBlocks, CHOICE_ACTION, MULTILINE_BLOCK, MULTILINE_CALLBACK, MULTILINE_INPUT, WRITE_ACTION,
  type Block, type ModalMetadata, type WriteButtonValue,
} from './blocks.js';
import { boltLogger } from './boltLogger.js';
import { incomingOfDirectMessage, incomingOfMention, slashCommands, STAFF_SLASH, textOfSlashCommand, type SlackMessageEvent } from './inbound.js';
import { languageOfText, languageWithin, slackText } from './texts.js';
import { createSlackTransport } from './transport.js';
import { createHandoff } from './handoff.js';
import { t } from '../../bot/i18n/index.js';
import { refuseOutOfWindow } from './freshness.js';
import { WorkspaceLife } from './lifecycle.js';
import { SlackTimeZones } from './timezones.js';
import { formFor, StaffForms } from './forms.js';

export type SlackConfig = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_PORT' | 'SLACK_API_URL' | 'REPORT_DUE_DAY'>;

export interface SlackAdapterOptions {
  config: SlackConfig;
  core: Core;
  logger: Logger;
  /** Overrides SLACK_PORT (tests listen on 0, a random free port). */
  port?: number;
  host?: string;
}

/** The one endpoint for Events API, interactivity and slash commands (the manifest points all three here). */
export const SLACK_ENDPOINT = '/slack/events';

type ActionBody = {
  trigger_id: string;
  user: { id: string };
  container?: { type: string; message_ts?: string; channel_id?: string };
  channel?: { id: string };
  message?: { ts: string; text?: string; blocks?: Block[] };
  actions: { action_id: string; value?: string; text?: { text: string } }[];
};

const channelOfAction = (body: ActionBody) => body.channel?.id ?? body.container?.channel_id;
const isDirect = (channel: string | undefined): channel is string => Boolean(channel?.startsWith('D'));

/**
 * Slack through Bolt: Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP receiver, which verifies
 * every request's signature and timestamp with SLACK_SIGNING_SECRET. Every delivery is acknowledged first
 * (Slack wants an answer within 3 seconds) and handed to the core after; Slack's retries carry the same
 * event_id, which the core applies once. Replies come back through the outbox and `transport`.
 */
export class SlackChat {
  readonly app: App;
  readonly transport: ReturnType<typeof createSlackTransport>;
  readonly mode: 'socket' | 'http';
  private readonly handoff: ReturnType<typeof createHandoff>;
  private readonly slashTable: ReturnType<typeof slashCommands>;
  /** Whether the app is still installed: after app_uninstalled or tokens_revoked nothing is sent. */
  readonly life: WorkspaceLife;
  private readonly zones: SlackTimeZones;
  private readonly forms: StaffForms;

  constructor(private readonly opts: SlackAdapterOptions) {
    const { config, core, logger } = opts;
    if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
    this.mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
    if (this.mode === 'http' && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode (no SLACK_APP_TOKEN)');
    this.slashTable = slashCommands(core.commands);
    const slackLogger = boltLogger(logger);
    const clientOptions: WebClientOptions = {
      // The outbox owns retrying: one attempt per call, a 429 comes back at once with its Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    };
    const receiver = receiverOf(config, logger, slackLogger);
    this.app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger: slackLogger, clientOptions, ignoreSelf: true, deferInitialization: true });
    this.life = new WorkspaceLife(core, logger);
    this.zones = new SlackTimeZones(this.app.client, logger);
    this.forms = new StaffForms(this.app.client, logger);
    this.transport = this.life.guard(createSlackTransport(this.app.client, logger, { token: config.SLACK_BOT_TOKEN }));
    // Slack has had its ack and will not send an event again: in a database outage the event is kept and tried
    // again until it is stored, and the member is told once that it will be handled.
    this.handoff = createHandoff({
      core,
      logger,
      tellHeld: async (channel) => {
        await this.app.client.chat.postMessage({ channel, text: t('zh-CN', 'common-held') }).catch((err: unknown) => logger.warn({ platform: 'slack', err }, 'outage notice not sent'));
      },
    });
    this.app.error(async (err) => {
      logger.error({ platform: 'slack', err }, 'slack listener error');
    });
    this.life.listen(this.app);
    this.listenToEvents();
    this.listenToButtons();
    this.listenToForms();
    this.forms.listen(this.app, ({ viewId, channel, userId, text }) =>
      this.handle({ platform: 'slack', updateId: `view:${viewId}`, chatId: channel, chatKind: 'private', userId, body: { kind: 'text', text } }));
    this.listenToCommands();
  }

  /** Connects (Socket Mode) or listens (HTTP), and registers the transport with the outbox. Returns the port in HTTP mode. */
  async start(): Promise<{ port?: number }> {
    const { config, core, logger } = this.opts;
    await this.app.init();
    core.registerTransport(this.transport);
    if (this.mode === 'socket') {
      await this.app.start();
      logger.info({ platform: 'slack', mode: 'socket' }, 'slack adapter started');
      return {};
    }
    const server = (await this.app.start({ port: this.opts.port ?? config.SLACK_PORT, host: this.opts.host ?? '0.0.0.0' })) as Server;
    const actual = (server.address() as AddressInfo).port;
    logger.info({ platform: 'slack', mode: 'http', port: actual }, 'slack adapter started');
    return { port: actual };
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.handoff.stop();
  }

  /** Downloads a file a person shared (a roster): files.info for its private URL, fetched with the bot token. */
  fetchFile(fileRef: string): Promise<FetchedFile> {
    return this.transport.fetchFile(fileRef);
  }

  /** Publishes the person's App Home: their record, caseload or branch summary, as the core computes it. */
  async publishHome(userId: string): Promise<void> {
    const { core, logger } = this.opts;
    if (!core.homeView) return;
    try {
      await this.transport.publishHome(userId, await core.homeView('slack', userId));
    } catch (err) {
      logger.warn({ platform: 'slack', err }, 'app home not published');
    }
  }

  private async handle(incoming: Incoming): Promise<void> {
    return this.handoff.handle(await this.zones.withZone(incoming));
  }

  private listenToEvents(): void {
    this.app.event('message', async ({ event, body }) => {
      const eventId = (body as { event_id?: string }).event_id;
      if (!eventId) return;
      for (const incoming of incomingOfDirectMessage(eventId, event as SlackMessageEvent)) await this.handle(incoming);
    });
    this.app.event('app_mention', async ({ event, body, context }) => {
      const eventId = (body as { event_id?: string }).event_id;
      const incoming = eventId ? incomingOfMention(eventId, event, context.botUserId) : undefined;
      if (incoming) await this.handle(incoming);
    });
    this.app.event('app_home_opened', async ({ event }) => {
      if (event.tab === 'home') await this.publishHome(event.user);
    });
  }

  private listenToButtons(): void {
    this.app.action({ action_id: new RegExp(`^${CHOICE_ACTION}:`) }, async ({ ack, body }) => {
      await ack();
      const b = body as unknown as ActionBody;
      const action = b.actions[0];
      if (!action?.value) return;
      const lang = languageOfText(b.message?.text ?? action.text?.text ?? '');
      // Show the choice and take the buttons away at once, so a second tap cannot answer twice.
      await this.markAnswered(b, slackText(lang, 'slack-chosen', { label: action.text?.text ?? '' }));
      const chat = await this.chatOfAction(b);
      await this.handle({ platform: 'slack', updateId: `action:${b.trigger_id}`, ...chat, userId: b.user.id, body: { kind: 'button', payload: action.value } });
      // A tap on the Home (a logged call, say) changes what the Home shows: publish it again.
      if (b.container?.type === 'view') await this.publishHome(b.user.id);
    });
    this.app.action(WRITE_ACTION, async ({ ack, body }) => {
      await ack();
      const b = body as unknown as ActionBody;
      const value = parseJson<WriteButtonValue>(b.actions[0]?.value);
      const chat = await this.chatOfAction(b);
      const fromDm = b.message && isDirect(channelOfAction(b));
      try {
        await this.transport.openForm({
          trigger: b.trigger_id, chatId: chat.chatId, language: value?.lang ?? 'zh-CN',
          ...(b.message?.text ? { prompt: b.message.text } : {}), ...(fromDm ? { askedIn: b.message!.ts } : {}),
        });
      } catch (err) {
        this.opts.logger.warn({ platform: 'slack', err }, 'modal not opened');
      }
    });
  }

  private listenToForms(): void {
    this.app.view(MULTILINE_CALLBACK, async ({ ack, body, view }) => {
      await ack();
      const meta = parseJson<ModalMetadata>(view.private_metadata);
      const text = view.state.values[MULTILINE_BLOCK]?.[MULTILINE_INPUT]?.value?.trim();
      if (!meta?.channel || !text) return;
      if (meta.messageTs) {
        // The question the box answered: its buttons are spent, show that text went in.
        const note = slackText(meta.lang, 'slack-written');
        await this.updateQuietly(meta.channel, meta.messageTs, note, answeredBlocks([], note));
      }
      await this.handle({ platform: 'slack', updateId: `view:${view.id}`, chatId: meta.channel, chatKind: 'private', userId: body.user.id, body: { kind: 'text', text } });
    });
  }

  private listenToCommands(): void {
    this.app.command(/^\/[\w-]+$/, async ({ command, ack }) => {
      const text = textOfSlashCommand(command.command, command.text, this.slashTable);
      // A tool of several parts typed alone (`/staff log`) opens its form; the form's answer comes back as text.
      const form = command.command === STAFF_SLASH && text ? formFor(text) : undefined;
      // Answered privately: in the bot's DM. Typed elsewhere, only the person sees the pointer to it.
      if (!text || form || command.channel_name === 'directmessage') await ack();
      else await ack({ response_type: 'ephemeral', text: slackText(await languageWithin(this.opts.core, command.user_id), 'slack-see-dm') });
      if (!text) return;
      let chatId: string;
      try {
        chatId = await this.transport.dmChannelOf(command.user_id);
      } catch (err) {
        this.opts.logger.warn({ platform: 'slack', err }, 'could not open the DM for a command');
        return;
      }
      if (form && (await this.forms.open(form, command.trigger_id, chatId, await languageWithin(this.opts.core, command.user_id)))) return;
      await this.handle({ platform: 'slack', updateId: `command:${command.trigger_id}`, chatId, chatKind: 'private', userId: command.user_id, body: { kind: 'text', text } });
    });
  }

  /**
   * Where the answer to a tap goes. A tap is one person's act: in their DM it is answered there; on the App
   * Home, or on a message in a channel (a study notice everyone sees), it is answered in that person's DM.
   */
  private async chatOfAction(body: ActionBody): Promise<{ chatId: string; chatKind: Incoming['chatKind'] }> {
    const channel = channelOfAction(body);
    if (isDirect(channel)) return { chatId: channel, chatKind: 'private' };
    return { chatId: await this.transport.dmChannelOf(body.user.id), chatKind: 'private' };
  }

  /** Only a DM's question is spent by a tap; a channel message keeps its buttons for everyone else. */
  private async markAnswered(body: ActionBody, note: string): Promise<void> {
    const channel = channelOfAction(body);
    if (!isDirect(channel) || !body.message) return;
    await this.updateQuietly(channel, body.message.ts, body.message.text ?? '', answeredBlocks(body.message.blocks ?? [], note));
  }

  private async updateQuietly(channel: string, ts: string, text: string, blocks: Block[]): Promise<void> {
    try {
      await this.app.client.chat.update({ channel, ts, text, blocks: blocks as never });
    } catch (err) {
      this.opts.logger.warn({ platform: 'slack', err }, 'could not mark the message answered');
    }
  }
}

/** HTTP (signatures checked, also refusing ones from the future) or Socket Mode. */
function receiverOf(config: SlackConfig, logger: Logger, slackLogger: ReturnType<typeof boltLogger>): Receiver {
  if (config.SLACK_APP_TOKEN) {
    return new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: slackLogger,
      // apps.connections.open goes to the same Web API base URL as everything else.
      installerOptions: { clientOptions: config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {} },
    });
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET!,
    endpoints: SLACK_ENDPOINT,
    // Answer Slack first, work after: nothing a member does waits on the database before the ack.
    processBeforeResponse: false,
    signatureVerification: true,
    logger: slackLogger,
  });
  // Bolt checks that a signature is not older than five minutes; this also refuses one from the future.
  refuseOutOfWindow(receiver, logger);
  return receiver;
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackChat {
  return new SlackChat(opts);
}

export type SlackAdapter = SlackChat;

function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
