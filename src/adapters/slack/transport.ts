import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import type { FetchedFile, OutboundChat, OutgoingDocument, OutgoingMessage, OutgoingPhoto, SendOutcome, Transport } from '../../bot/types.js';
import { multilineModal, renderMessage, type ModalMetadata } from './blocks.js';
import { renderHome, unlinkedHome } from './home.js';

/**
 * Web API errors after which writing to this chat again is pointless: the channel or user is gone, the
 * account deactivated, or the bot is no longer in the channel. The sender marks the account unreachable.
 */
export const PERMANENT_ERRORS = new Set([
  'channel_not_found', 'account_inactive', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled',
  'cannot_dm_bot', 'messages_tab_disabled', 'restricted_action', 'restricted_action_read_only_channel',
]);

/** This one message can never go (malformed or too long), while the chat itself is fine. */
export const REJECTED_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text', 'too_many_attachments']);

/**
 * Everything else that comes back `ok:false` is worth another try later (the sender bounds the attempts):
 * Slack's own trouble (internal_error, fatal_error, service_unavailable, request_timeout), and errors of the
 * whole app (invalid_auth, token_revoked, missing_scope) that must not mark every member unreachable.
 */
export function outcomeOfError(err: unknown): Exclude<SendOutcome, { ok: true }> {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { ok: false, kind: 'retry_after', seconds: Math.max(1, Math.ceil(e.retryAfter ?? 1)), code: 'ratelimited' };
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { ok: false, kind: 'retry_after', seconds: 1, code };
      return { ok: false, kind: PERMANENT_ERRORS.has(code) ? 'permanent' : REJECTED_ERRORS.has(code) ? 'rejected' : 'transient', code };
    }
    case ErrorCode.HTTPError:
      return { ok: false, kind: 'transient', code: `http_${e.statusCode ?? 0}` };
    case ErrorCode.RequestError:
      return { ok: false, kind: 'transient', code: 'network' };
    default:
      return { ok: false, kind: 'transient', code: e.code ?? (err as Error)?.name ?? 'error' };
  }
}

/** Answers to chat.update meaning this message cannot be edited (gone, too old): send a new one instead. */
export const NOT_EDITABLE_ERRORS = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed', 'msg_too_long']);

export type SlackPort = Transport & Required<Pick<Transport, 'edit' | 'sendDocument' | 'openForm' | 'publishHome' | 'fetchFile'>> & {
  dmChannelOf(userId: string): Promise<string>;
};

/**
 * The sending half: one chat.postMessage per outbox row, result mapped precisely, no retry of its own
 * (the WebClient is built with no retries and rejectRateLimitedCalls, the outbox decides when to try again).
 * A chat id that is a user (U…/W…) is first opened as a DM; channels (C…/G…) and DMs (D…) are posted to directly.
 * Capabilities: chat.update (edit), files.uploadV2 (document), views.open (form), views.publish (App Home),
 * files.info and a download with the bot token (a file a person shared; needs `token`).
 */
export function createSlackTransport(client: WebClient, logger: Logger, opts: { token?: string } = {}): SlackPort {
  const dms = new Map<string, string>();

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dms.get(userId);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'no_channel' });
    dms.set(userId, id);
    return id;
  }
  const channelOf = (chat: OutboundChat) => (/^[UW]/.test(chat.chatId) ? dmChannelOf(chat.chatId) : Promise.resolve(chat.chatId));

  /** Runs one Web API call and maps a failure; `what` names the call in the debug log (ids and codes only). */
  async function attempt(chat: OutboundChat, what: string, call: () => Promise<SendOutcome>): Promise<SendOutcome> {
    try {
      return await call();
    } catch (err) {
      const outcome = outcomeOfError(err);
      logger.debug({ platform: 'slack', chatKind: chat.chatKind, call: what, kind: outcome.kind, code: outcome.code }, 'slack send failed');
      return outcome;
    }
  }

  const send = (chat: OutboundChat, message: OutgoingMessage) =>
    attempt(chat, 'postMessage', async () => {
      const { text, blocks } = renderMessage(message);
      const result = await client.chat.postMessage({ channel: await channelOf(chat), text, blocks, unfurl_links: false, unfurl_media: false });
      return { ok: true, ...(result.ts ? { messageId: result.ts } : {}) };
    });

  const port: SlackPort = {
    platform: 'slack',
    dmChannelOf,
    send,
    async edit(chat, messageId, message) {
      const outcome = await attempt(chat, 'update', async () => {
        const { text, blocks } = renderMessage(message);
        await client.chat.update({ channel: await channelOf(chat), ts: messageId, text, blocks });
        return { ok: true, messageId };
      });
      return !outcome.ok && NOT_EDITABLE_ERRORS.has(outcome.code) ? { ok: false, kind: 'rejected', code: outcome.code } : outcome;
    },
    async sendDocument(chat, document, message) {
      // Buttons cannot ride on a file: the text and its buttons go first, the file after.
      const commented = !message.buttons?.length && !message.askLocation && message.text.length <= 4000;
      if (!commented && message.text) {
        const first = await send(chat, message);
        if (!first.ok) return first;
      }
      return attempt(chat, 'uploadV2', async () => {
        // getUploadURLExternal → upload the bytes → completeUploadExternal, which shares the file in the DM.
        await client.files.uploadV2({
          channel_id: await channelOf(chat),
          file: Buffer.from(document.base64, 'base64'),
          filename: document.fileName,
          title: document.fileName,
          ...(commented && message.text ? { initial_comment: message.text } : {}),
        });
        // The message Slack posts for a shared file has no ts we are told of: nothing to edit later.
        return { ok: true };
      });
    },
    // Slack shows a file only where it was shared: fetched with the bot token and shared again in this DM.
    sendPhoto: async (chat, photo, message) => {
      const document = await photoAsDocument(client, opts.token ?? '', photo, logger);
      return 'base64' in document ? port.sendDocument(chat, document, message) : document;
    },
    async openForm(form) {
      const meta: ModalMetadata = { channel: form.chatId, lang: form.language, ...(form.askedIn ? { messageTs: form.askedIn } : {}) };
      await client.views.open({ trigger_id: form.trigger, view: multilineModal(meta, form.prompt) as never });
    },
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view: (view ? renderHome(view) : unlinkedHome()) as never });
    },
    fetchFile: (fileRef) => downloadSharedFile(client, opts.token ?? '', fileRef),
  };
  return port;
}

/** A photo a person shared, fetched to be shared again; a failure is an outcome (a gone file fails only this message). */
async function photoAsDocument(client: WebClient, token: string, photo: OutgoingPhoto, logger: Logger): Promise<OutgoingDocument | SendOutcome> {
  try {
    const file = await downloadSharedFile(client, token, photo.fileRef);
    return { fileName: file.name ?? 'photo.jpg', mime: file.mime ?? photo.mime ?? 'image/jpeg', base64: file.data.toString('base64') };
  } catch (err) {
    const outcome = outcomeOfError(err);
    logger.debug({ platform: 'slack', call: 'files.info', kind: outcome.kind, code: outcome.code }, 'slack photo fetch failed');
    return outcome.kind === 'retry_after' || outcome.kind === 'transient' ? outcome : { ok: false, kind: 'rejected', code: 'photo_unavailable' };
  }
}

/** A file a person shared: files.info for its private URL, then the download with the bot token. */
async function downloadSharedFile(client: WebClient, token: string, fileRef: string): Promise<FetchedFile> {
  const info = await client.files.info({ file: fileRef });
  const url = info.file?.url_private_download ?? info.file?.url_private;
  if (!url) throw new Error('slack: file has no download URL');
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`slack: file download ${response.status}`);
  return { data: Buffer.from(await response.arrayBuffer()), ...(info.file?.name ? { name: info.file.name } : {}), ...(info.file?.mimetype ? { mime: info.file.mimetype } : {}) };
}
