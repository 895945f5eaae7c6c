import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Core } from '../../bot/core.js';
import type { Incoming } from '../../bot/types.js';
import {
  answeredBlocks, CHOICE_ACTION, MULTILINE_BLOCK, MULTILINE_CALLBACK, MULTILINE_INPUT, WRITE_ACTION,
  type Block, type ModalMetadata, type WriteButtonValue,
} from './blocks.js';
import { boltLogger } from './boltLogger.js';
import { incomingOfDirectMessage, incomingOfMention, slashCommands, textOfSlashCommand, type SlackMessageEvent } from './inbound.js';
import { languageOfText, slackText } from './texts.js';
import { createSlackTransport } from './transport.js';
import { createHandoff } from './handoff.js';
import { t } from '../../bot/i18n/index.js';
import { refuseOutOfWindow } from './freshness.js';

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

/**
 * Slack through Bolt: Socket Mode when SLACK_APP_TOKEN is set, otherwise the HTTP receiver, which verifies
 * every request's signature and timestamp with SLACK_SIGNING_SECRET. Every delivery is acknowledged first
 * (Slack wants an answer within 3 seconds) and handed to the core after; Slack's retries carry the same
 * event_id, which the core applies once. Replies come back through the outbox and `transport`.
 */
export function createSlackAdapter(opts: SlackAdapterOptions) {
  const { config, core, logger } = opts;
  const slashTable = slashCommands(core.commands);
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode (no SLACK_APP_TOKEN)');

  const slackLogger = boltLogger(logger);
  const clientOptions: WebClientOptions = {
    // The outbox owns retrying: one attempt per call, a 429 comes back at once with its Retry-After.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
  };
  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        endpoints: SLACK_ENDPOINT,
        // Answer Slack first, work after: nothing a member does waits on the database before the ack.
        processBeforeResponse: false,
        signatureVerification: true,
        logger: slackLogger,
      });
  // Bolt checks that a signature is not older than five minutes; this also refuses one from the future.
  if (httpReceiver) refuseOutOfWindow(httpReceiver, logger);
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN!,
      logger: slackLogger,
      // apps.connections.open goes to the same Web API base URL as everything else.
      installerOptions: { clientOptions: config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {} },
    });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: slackLogger,
    clientOptions,
    ignoreSelf: true,
    deferInitialization: true,
  });
  const transport = createSlackTransport(app.client, logger, { token: config.SLACK_BOT_TOKEN });

  // Slack has had its ack and will not send an event again: in a database outage the event is kept and tried
  // again until it is stored, and the member is told once that it will be handled.
  const handoff = createHandoff({
    core,
    logger,
    tellHeld: async (channel) => {
      await app.client.chat.postMessage({ channel, text: t('zh-CN', 'common-held') }).catch((err: unknown) => logger.warn({ platform: 'slack', err }, 'outage notice not sent'));
    },
  });
  const handle = (incoming: Incoming) => handoff.handle(incoming);

  app.error(async (err) => {
    logger.error({ platform: 'slack', err }, 'slack listener error');
  });

  app.event('message', async ({ event, body }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (!eventId) return;
    for (const incoming of incomingOfDirectMessage(eventId, event as SlackMessageEvent)) await handle(incoming);
  });

  app.event('app_mention', async ({ event, body, context }) => {
    const eventId = (body as { event_id?: string }).event_id;
    const incoming = eventId ? incomingOfMention(eventId, event, context.botUserId) : undefined;
    if (incoming) await handle(incoming);
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(event.user);
  });

  /** Publishes the person's App Home: their record, caseload or branch summary, as the core computes it. */
  async function publishHome(userId: string): Promise<void> {
    if (!core.homeView) return;
    try {
      await transport.publishHome(userId, await core.homeView('slack', userId));
    } catch (err) {
      logger.warn({ platform: 'slack', err }, 'app home not published');
    }
  }

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
   * Where the answer to a tap goes. A tap is one person's act: in their DM it is answered there; on the App
   * Home, or on a message in a channel (a study notice everyone sees), it is answered in that person's DM.
   */
  async function chatOfAction(body: ActionBody): Promise<{ chatId: string; chatKind: Incoming['chatKind'] }> {
    const channel = channelOfAction(body);
    if (isDirect(channel)) return { chatId: channel, chatKind: 'private' };
    return { chatId: await transport.dmChannelOf(body.user.id), chatKind: 'private' };
  }

  /** Only a DM's question is spent by a tap; a channel message keeps its buttons for everyone else. */
  async function markAnswered(body: ActionBody, note: string): Promise<void> {
    const channel = channelOfAction(body);
    if (!isDirect(channel) || !body.message) return;
    try {
      await app.client.chat.update({ channel, ts: body.message.ts, text: body.message.text ?? '', blocks: answeredBlocks(body.message.blocks ?? [], note) as never });
    } catch (err) {
      logger.warn({ platform: 'slack', err }, 'could not mark the message answered');
    }
  }

  app.action({ action_id: new RegExp(`^${CHOICE_ACTION}:`) }, async ({ ack, body }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const action = b.actions[0];
    if (!action?.value) return;
    const lang = languageOfText(b.message?.text ?? action.text?.text ?? '');
    // Show the choice and take the buttons away at once, so a second tap cannot answer twice.
    await markAnswered(b, slackText(lang, 'slack-chosen', { label: action.text?.text ?? '' }));
    const chat = await chatOfAction(b);
    await handle({ platform: 'slack', updateId: `action:${b.trigger_id}`, ...chat, userId: b.user.id, body: { kind: 'button', payload: action.value } });
    // A tap on the Home (a logged call, say) changes what the Home shows: publish it again.
    if (b.container?.type === 'view') await publishHome(b.user.id);
  });

  app.action(WRITE_ACTION, async ({ ack, body }) => {
    await ack();
    const b = body as unknown as ActionBody;
    const value = parseJson<WriteButtonValue>(b.actions[0]?.value);
    const chat = await chatOfAction(b);
    const fromDm = b.message && isDirect(channelOfAction(b));
    try {
      await transport.openForm({
        trigger: b.trigger_id, chatId: chat.chatId, language: value?.lang ?? 'zh-CN',
        ...(b.message?.text ? { prompt: b.message.text } : {}), ...(fromDm ? { askedIn: b.message!.ts } : {}),
      });
    } catch (err) {
      logger.warn({ platform: 'slack', err }, 'modal not opened');
    }
  });

  app.view(MULTILINE_CALLBACK, async ({ ack, body, view }) => {
    await ack();
    const meta = parseJson<ModalMetadata>(view.private_metadata);
    const text = view.state.values[MULTILINE_BLOCK]?.[MULTILINE_INPUT]?.value?.trim();
    if (!meta?.channel || !text) return;
    if (meta.messageTs) {
      // The question the box answered: its buttons are spent, show that text went in.
      try {
        const note = slackText(meta.lang, 'slack-written');
        await app.client.chat.update({ channel: meta.channel, ts: meta.messageTs, text: note, blocks: answeredBlocks([], note) as never });
      } catch (err) {
        logger.warn({ platform: 'slack', err }, 'could not mark the message answered');
      }
    }
    await handle({ platform: 'slack', updateId: `view:${view.id}`, chatId: meta.channel, chatKind: 'private', userId: body.user.id, body: { kind: 'text', text } });
  });

  app.command(/^\/[\w-]+$/, async ({ command, ack }) => {
    const text = textOfSlashCommand(command.command, command.text, slashTable);
    // Answered privately: in the bot's DM. Typed elsewhere, only the person sees the pointer to it.
    if (!text || command.channel_name === 'directmessage') await ack();
    else await ack({ response_type: 'ephemeral', text: slackText('zh-CN', 'slack-see-dm') });
    if (!text) return;
    let chatId: string;
    try {
      chatId = await transport.dmChannelOf(command.user_id);
    } catch (err) {
      logger.warn({ platform: 'slack', err }, 'could not open the DM for a command');
      return;
    }
    await handle({ platform: 'slack', updateId: `command:${command.trigger_id}`, chatId, chatKind: 'private', userId: command.user_id, body: { kind: 'text', text } });
  });

  let server: Server | undefined;
  return {
    app,
    transport,
    publishHome,
    mode: socketMode ? ('socket' as const) : ('http' as const),
    /** Connects (Socket Mode) or listens (HTTP), and registers the transport with the outbox. Returns the port in HTTP mode. */
    async start(): Promise<{ port?: number }> {
      await app.init();
      core.registerTransport(transport);
      if (socketMode) {
        await app.start();
        logger.info({ platform: 'slack', mode: 'socket' }, 'slack adapter started');
        return {};
      }
      const port = opts.port ?? config.SLACK_PORT;
      server = (await app.start({ port, host: opts.host ?? '0.0.0.0' })) as Server;
      const actual = (server.address() as AddressInfo).port;
      logger.info({ platform: 'slack', mode: 'http', port: actual }, 'slack adapter started');
      return { port: actual };
    },
    async stop(): Promise<void> {
      await app.stop();
      await handoff.stop();
    },
    /** Downloads a file a person shared (a roster): files.info for its private URL, fetched with the bot token. */
    fetchFile: (fileRef: string) => transport.fetchFile(fileRef),
  };
}

export type SlackAdapter = ReturnType<typeof createSlackAdapter>;

function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
