import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { OutboundChat, OutgoingMessage, OutgoingPhoto, SendOutcome, Transport } from '../../bot/types.js';
import type { Logger } from '../../logger.js';
import { renderMessage, UnsendableButtonError, type RenderedPart } from './render.js';

/** Telegram's limit on a document's caption; a longer text goes as a message of its own first. */
export const MAX_CAPTION = 1024;
/** Files Telegram shows as a photo (sendPhoto): the pictures the bot draws. */
const PHOTO_MIME = /^image\/(png|jpeg)$/;

/**
 * The sending half: one outbox row, one attempt. It never retries by itself and never sleeps: the outbox
 * sender owns retrying, pacing and the bot-wide pause, so it only has to be told precisely what happened.
 * Capabilities: edit a sent message (editMessageText) and send a document (sendDocument, multipart; a PNG or
 * JPEG picture goes with sendPhoto, so the chat shows it).
 */
export function createTelegramTransport(api: Api, logger: Logger, botUsername: () => string | undefined, opts: { timeoutMs?: number } = {}): Transport {
  // A send that hangs holds its chat's queue: give up and let the outbox try again later. (Telegram may have
  // delivered it after all; a message twice is better than none.)
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const signal = () => AbortSignal.timeout(timeoutMs) as GrammySignal;

  async function send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
    const parts = partsOf(chat, message);
    if (!Array.isArray(parts)) return parts;
    return sendParts(api, chat.chatId, parts, signal);
  }

  function partsOf(chat: OutboundChat, message: OutgoingMessage): RenderedPart[] | SendOutcome {
    try {
      return renderMessage(chat, message, botUsername());
    } catch (err) {
      if (err instanceof UnsendableButtonError) {
        logger.error({ chatId: chat.chatId, bytes: err.bytes }, 'telegram: a button payload is too long for callback data');
        return { ok: false, kind: 'rejected', code: 'button_data_too_long' };
      }
      throw err;
    }
  }

  return {
    platform: 'telegram',
    send,
    async edit(chat, messageId, message) {
      const parts = partsOf(chat, message);
      if (!Array.isArray(parts)) return parts;
      const [only] = parts;
      const markup = only?.reply_markup;
      // One message's text and inline buttons can be edited in place; a long text or a reply keyboard cannot.
      if (parts.length !== 1 || !only || (markup && 'keyboard' in markup)) return { ok: false, kind: 'rejected', code: 'not_editable' };
      const inline = markup && 'inline_keyboard' in markup ? markup : undefined;
      try {
        await api.editMessageText(topicChat(chat.chatId).chatId, Number(messageId), only.text, {
          ...(inline ? { reply_markup: inline } : {}),
          link_preview_options: { is_disabled: true },
        }, signal());
      } catch (err) {
        // The same text again is not a failure: the message already says it.
        if (!(err instanceof GrammyError && /not modified/.test(err.description))) return outcomeOfError(err);
      }
      return { ok: true, messageId };
    },
    sendPhoto: (chat, photo, message) => sendPhotoById(api, send, signal, chat, photo, message),
    async sendDocument(chat, document, message) {
      // A caption is short and carries no buttons well: a longer text, or buttons, go as a message first.
      const captioned = message.text.length <= MAX_CAPTION && !message.buttons?.length && !message.askLocation;
      if (!captioned && message.text) {
        const first = await send(chat, message);
        if (!first.ok) return first;
      }
      try {
        const file = new InputFile(Buffer.from(document.base64, 'base64'), document.fileName);
        const { chatId, topic } = topicChat(chat.chatId);
        const options = { ...(captioned && message.text ? { caption: message.text } : {}), ...(topic !== undefined ? { message_thread_id: topic } : {}) };
        // A picture (the /stats chart) is shown as a photo in the chat; any other file is a document.
        const sent = PHOTO_MIME.test(document.mime)
          ? await api.sendPhoto(chatId, file, options, signal() as GrammyPhotoSignal)
          : await api.sendDocument(chatId, file, options, signal() as GrammyDocumentSignal);
        return { ok: true, messageId: String(sent.message_id) };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
  };
}

/** Telegram shows a photo again by the file_id it gave us: nothing is downloaded or stored. */
async function sendPhotoById(
  api: Api, send: (chat: OutboundChat, message: OutgoingMessage) => Promise<SendOutcome>, signal: () => GrammySignal,
  chat: OutboundChat, photo: OutgoingPhoto, message: OutgoingMessage,
): Promise<SendOutcome> {
  // A caption is short and carries no buttons well: a longer text, or buttons, go as a message first.
  const captioned = message.text.length <= MAX_CAPTION && !message.buttons?.length;
  if (!captioned && message.text) {
    const first = await send(chat, message);
    if (!first.ok) return first;
  }
  try {
    const { chatId, topic } = topicChat(chat.chatId);
    const options = { ...(captioned && message.text ? { caption: message.text } : {}), ...(topic !== undefined ? { message_thread_id: topic } : {}) };
    const sent = await api.sendPhoto(chatId, photo.fileRef, options, signal() as GrammyPhotoSignal);
    return { ok: true, messageId: String(sent.message_id) };
  } catch (err) {
    return outcomeOfError(err);
  }
}

/**
 * A message's parts, one sendMessage each. A group that became a supergroup is followed: the part goes to the
 * new id, and the outcome says where (`movedTo`) so the stored id can follow too.
 */
async function sendParts(api: Api, to: string, parts: RenderedPart[], signal: () => GrammySignal): Promise<SendOutcome> {
  let messageId: string | undefined;
  let { chatId, topic } = topicChat(to);
  let movedTo: string | undefined;
  for (const part of parts) {
    const sendPart = () =>
      api.sendMessage(chatId, part.text, {
        ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
        ...(topic !== undefined ? { message_thread_id: topic } : {}),
        link_preview_options: { is_disabled: true },
      }, signal());
    try {
      let sent;
      try {
        sent = await sendPart();
      } catch (err) {
        // A basic group has no topics: the part goes to the supergroup's id as it is.
        const next = movedChatOf(err);
        if (next === undefined) throw err;
        [chatId, topic, movedTo] = [next, undefined, next];
        sent = await sendPart();
      }
      messageId = String(sent.message_id);
    } catch (err) {
      return outcomeOfError(err);
    }
  }
  return { ok: true, ...(messageId !== undefined ? { messageId } : {}), ...(movedTo !== undefined ? { movedTo } : {}) };
}

/** A chat id as the core keeps it: a group's forum topic is `<chat>:<topic>` (see inbound.ts). */
export function topicChat(chatId: string): { chatId: string; topic?: number } {
  const [chat = chatId, topic] = chatId.split(':');
  return topic !== undefined && /^\d+$/.test(topic) ? { chatId: chat, topic: Number(topic) } : { chatId };
}

/** The new id of a group that became a supergroup, when that is why a send was refused. */
function movedChatOf(err: unknown): string | undefined {
  return err instanceof GrammyError && err.error_code === 400 && err.parameters.migrate_to_chat_id !== undefined ? String(err.parameters.migrate_to_chat_id) : undefined;
}

/** grammY's Node build types its signal with the abort-controller polyfill; Node's own works the same. */
type GrammySignal = Parameters<Api['sendMessage']>[3];
type GrammyDocumentSignal = Parameters<Api['sendDocument']>[3];
type GrammyPhotoSignal = Parameters<Api['sendPhoto']>[3];

/** A 400 that says the chat cannot be written to, as opposed to this one message being wrong. */
const CHAT_GONE = /chat not found|user not found|PEER_ID_INVALID|CHAT_WRITE_FORBIDDEN|have no rights|not enough rights|bot was kicked|chat was deactivated|group chat was upgraded|bot can't initiate/i;

/**
 * Maps a failed Bot API call to what the outbox should do.
 * - 429: wait `retry_after` seconds, for the whole bot.
 * - 403 (blocked, deactivated, kicked, cannot initiate) and a 400 saying the chat is gone ("chat not
 *   found", no rights, upgraded to a supergroup): the chat is out of reach.
 * - Any other 400 (too long, bad button, bad markup): this message can never go; the chat is fine.
 * - 401/404 (wrong token or API root) and 409: our configuration, not the recipient: try again later.
 * - 5xx, network errors, timeouts: try again later.
 */
export function outcomeOfError(err: unknown): SendOutcome & { ok: false } {
  if (err instanceof GrammyError) {
    const status = err.error_code;
    const code = `${status}:${codeOfDescription(err.description)}`;
    if (status === 429) return { ok: false, kind: 'retry_after', seconds: Math.max(1, err.parameters.retry_after ?? 1), code };
    if (status === 401 || status === 404 || status === 409 || status >= 500) return { ok: false, kind: 'transient', code };
    if (status === 400 && err.parameters.migrate_to_chat_id !== undefined) return { ok: false, kind: 'permanent', code: '400:group_migrated' };
    if (status === 403 || CHAT_GONE.test(err.description)) return { ok: false, kind: 'permanent', code };
    return { ok: false, kind: 'rejected', code };
  }
  if (err instanceof HttpError) {
    const inner = err.error as { code?: unknown; name?: unknown } | undefined;
    const code = typeof inner?.code === 'string' ? inner.code : typeof inner?.name === 'string' ? inner.name : 'network';
    return { ok: false, kind: 'transient', code: `network:${code}` };
  }
  return { ok: false, kind: 'transient', code: (err as Error)?.name ?? 'error' };
}

/** "Forbidden: bot was blocked by the user" -> "bot_was_blocked_by_the_user"; "Bad Request: BUTTON_DATA_INVALID" -> "BUTTON_DATA_INVALID". */
export function codeOfDescription(description: string): string {
  const withoutStatus = description.replace(/^[A-Za-z ]+: /, '');
  return withoutStatus.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'unknown';
}
