import type { Message, Update } from 'grammy/types';
import type { Incoming, IncomingBody } from '../../bot/types.js';

/**
 * What to do with one Telegram update. Pure: no I/O, no grammY objects beyond the Bot API's plain types.
 * - `core`: hand it to the core as an `Incoming`.
 * - `ignore`: nothing for the bot (group chatter, stickers, edits, channel posts, other bots).
 */
export type Inbound =
  | { kind: 'core'; incoming: Incoming; callback?: CallbackRef }
  /** `callbackQueryId`: a press that must still be answered, so the member's app stops waiting. */
  | { kind: 'ignore'; reason: string; callbackQueryId?: string };

/** The pressed message, so the adapter can answer the query and show what was chosen. */
export interface CallbackRef {
  queryId: string;
  chatId: number;
  messageId: number;
  /** The pressed message's text as it was, when it had one. */
  text?: string;
  /** The label of the pressed button, when it can still be found on the message. */
  label?: string;
  /** Pressed on a group message (a study notice): answered in the presser's private chat, and the group's message keeps its buttons. */
  inGroup?: true;
}

const PRIVATE = 'private';

/**
 * Which updates must be handled one after another: those of one private chat. A press on a group message
 * is answered in the presser's private chat (on Telegram its id is the user id), so it queues there too.
 */
export function chatKeyOf(update: Update): string | undefined {
  const q = update.callback_query;
  if (q) return q.message && q.message.chat.type === PRIVATE ? String(q.message.chat.id) : String(q.from.id);
  const chat = update.message?.chat ?? update.edited_message?.chat ?? update.my_chat_member?.chat;
  return chat ? String(chat.id) : undefined;
}

export function translateUpdate(update: Update, botUsername: string | undefined): Inbound {
  const updateId = String(update.update_id);
  if (update.callback_query) {
    const q = update.callback_query;
    const message = q.message;
    if (!q.data) return { kind: 'ignore', reason: 'callback-without-data', callbackQueryId: q.id };
    // A press is one person's act. On a group message it is answered in their private chat (whose id on
    // Telegram is their user id), like any press there.
    const inGroup = message !== undefined && message.chat.type !== PRIVATE;
    const chatId = String(q.from.id);
    const callback: CallbackRef = { queryId: q.id, chatId: message ? message.chat.id : q.from.id, messageId: message?.message_id ?? 0, ...(inGroup ? { inGroup } : {}) };
    if (message && 'text' in message && typeof message.text === 'string') callback.text = message.text;
    const label = message && 'reply_markup' in message ? labelOf(message.reply_markup?.inline_keyboard, q.data) : undefined;
    if (label !== undefined) callback.label = label;
    return {
      kind: 'core',
      incoming: { platform: 'telegram', updateId, chatId, chatKind: 'private', userId: String(q.from.id), body: { kind: 'button', payload: q.data } },
      ...(message ? { callback } : {}),
    };
  }
  const message = update.message;
  if (!message) return { kind: 'ignore', reason: 'not-a-message' };
  if (!message.from || message.from.is_bot) return { kind: 'ignore', reason: 'no-person' };
  const base = { platform: 'telegram' as const, updateId, chatId: String(message.chat.id), userId: String(message.from.id) };
  if (message.chat.type === PRIVATE) {
    const body = bodyOf(message);
    return body ? { kind: 'core', incoming: { ...base, chatKind: 'private', body } } : { kind: 'ignore', reason: 'unsupported-content' };
  }
  // In a group only a command or a mention addressed to this bot is answered, and only with the way to
  // the private chat. What was written (an invite code, a complaint) does not travel further: the core
  // gets the bare command name.
  const addressed = addressedCommand(message, botUsername);
  if (addressed === undefined) return { kind: 'ignore', reason: 'group-chatter' };
  return { kind: 'core', incoming: { ...base, chatId: groupChatId(message), chatKind: 'group', body: { kind: 'text', text: addressed } } };
}

/**
 * A group's chat id; in a forum topic `<chat>:<topic>`, so that the answer, and a binding made there (/bind),
 * go to that topic. The transport splits it again (topicChat).
 */
function groupChatId(message: Message): string {
  return message.is_topic_message && message.message_thread_id !== undefined ? `${message.chat.id}:${message.message_thread_id}` : String(message.chat.id);
}

function bodyOf(message: Message): IncomingBody | undefined {
  if (typeof message.text === 'string') return { kind: 'text', text: message.text };
  if (message.location) return { kind: 'location', lat: message.location.latitude, lng: message.location.longitude };
  const caption = message.caption !== undefined ? { caption: message.caption } : {};
  if (message.photo?.length) {
    // Telegram sends every size it made; the last is the largest. Keep the id, not the file.
    const largest = [...message.photo].sort((a, b) => a.width * a.height - b.width * b.height).at(-1)!;
    return { kind: 'file', fileRef: largest.file_id, mime: 'image/jpeg', ...caption };
  }
  // A GIF also carries a `document`: it is not a file anyone meant to hand in.
  if (message.animation) return { kind: 'unreadable', what: 'animation' };
  const file = message.document ?? message.voice ?? message.audio ?? message.video ?? message.video_note;
  if (file) {
    const mime = 'mime_type' in file && file.mime_type ? { mime: file.mime_type } : message.video_note ? { mime: 'video/mp4' } : {};
    return { kind: 'file', fileRef: file.file_id, ...mime, ...caption };
  }
  // What the bot cannot read is still answered (saying what it can), not dropped in silence.
  if (message.sticker) return { kind: 'unreadable', what: 'sticker' };
  if (message.contact) return { kind: 'unreadable', what: 'contact' };
  if (message.poll) return { kind: 'unreadable', what: 'poll' };
  if (message.dice || message.venue || message.game) return { kind: 'unreadable', what: 'other' };
  return undefined;
}

/**
 * '/cmd' when the message is a command meant for this bot ('/cmd@thisbot', or '/cmd' alone), or '/start'
 * when it mentions the bot; undefined otherwise.
 */
function addressedCommand(message: Message, botUsername: string | undefined): string | undefined {
  const text = message.text ?? '';
  const me = botUsername?.replace(/^@/, '').toLowerCase();
  for (const e of message.entities ?? []) {
    const part = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'bot_command' && e.offset === 0) {
      const [name = '', target] = part.slice(1).split('@');
      if (target === undefined || (me !== undefined && target.toLowerCase() === me)) return `/${name.toLowerCase()}`;
      return undefined;
    }
    if (e.type === 'mention' && me !== undefined && part.slice(1).toLowerCase() === me) return '/start';
  }
  return undefined;
}

function labelOf(keyboard: { text: string; callback_data?: string }[][] | undefined, data: string): string | undefined {
  for (const row of keyboard ?? []) for (const b of row) if (b.callback_data === data) return b.text;
  return undefined;
}
