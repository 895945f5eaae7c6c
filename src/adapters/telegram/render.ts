import type { InlineKeyboardButton, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, InlineKeyboardMarkup } from 'grammy/types';
import { t, type Language } from '../../bot/i18n/index.js';
import type { OutboundChat, OutgoingMessage } from '../../bot/types.js';
import { splitText as splitAtLineBreaks } from '../../outbox/parts.js';

/** Telegram's limits on one message. */
export const MAX_TEXT = 4096;
export const MAX_CALLBACK_DATA_BYTES = 64;

export type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/** One sendMessage call. A long text becomes several; the keyboard rides on the last. */
export interface RenderedPart {
  text: string;
  reply_markup?: Markup;
}

export class UnsendableButtonError extends Error {
  constructor(readonly bytes: number) {
    super(`button payload of ${bytes} bytes does not fit Telegram's ${MAX_CALLBACK_DATA_BYTES}`);
    this.name = 'UnsendableButtonError';
  }
}

/** The language of a rendered message that does not say (rows queued before messages carried it). */
export function languageOfText(text: string): Language {
  return /[\u3400-\u9fff]/.test(text) ? 'zh-CN' : 'en';
}

export function privateChatLink(botUsername: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}`;
}

/**
 * Renders one outgoing message.
 * - Buttons become an inline keyboard; the payload is the callback data (at most 64 bytes).
 * - `askLocation` becomes a one-time reply keyboard: a "share my location" button on top, and the
 *   question's choices as plain keys under it. A message carries one keyboard only, and a key sends its
 *   label as text, which the core takes as the matching choice: so the member sees one message and
 *   every way to answer it.
 * - A message with no choices in a private chat takes away a reply keyboard left over from before.
 * - In a group nobody is asked for a location, and every message offers the way to the private chat.
 */
export function renderMessage(chat: OutboundChat, message: OutgoingMessage, botUsername: string | undefined): RenderedPart[] {
  const lang = message.language ?? languageOfText(message.text);
  const parts = splitText(message.text);
  const rows = message.buttons?.filter((r) => r.length > 0) ?? [];
  for (const b of rows.flat()) {
    const bytes = Buffer.byteLength(b.payload, 'utf8');
    if (bytes > MAX_CALLBACK_DATA_BYTES || bytes === 0) throw new UnsendableButtonError(bytes);
  }
  const inline: InlineKeyboardButton[][] = rows.map((r) => r.map((b) => ({ text: b.label, callback_data: b.payload })));
  let markup: Markup | undefined;
  if (chat.chatKind === 'group') {
    if (botUsername) inline.push([{ text: t(lang, 'telegram-open-private-chat'), url: privateChatLink(botUsername) }]);
    if (inline.length) markup = { inline_keyboard: inline };
  } else if (message.askLocation) {
    const keyboard: KeyboardButton[][] = [[{ text: t(lang, 'telegram-share-location'), request_location: true }]];
    for (const r of rows) keyboard.push(r.map((b) => ({ text: b.label })));
    markup = { keyboard, one_time_keyboard: true, resize_keyboard: true, input_field_placeholder: t(lang, 'telegram-location-placeholder') };
  } else if (inline.length) {
    markup = { inline_keyboard: inline };
  } else {
    markup = { remove_keyboard: true };
  }
  const last = parts.length - 1;
  return parts.map((text, i) => (i === last && markup ? { text, reply_markup: markup } : { text }));
}

/** Splits at line breaks where it can, so no part passes Telegram's 4096 characters (the outbox's one splitter). */
export function splitText(text: string, max = MAX_TEXT): string[] {
  // Telegram refuses an empty message.
  return splitAtLineBreaks(text.length > 0 ? text : '…', max);
}

/** The pressed message after the press: its text with what was chosen, and no buttons. */
export function chosenText(original: string, label: string): string {
  const marked = `${original}\n\n✓ ${label}`;
  return marked.length <= MAX_TEXT ? marked : `${original.slice(0, MAX_TEXT - label.length - 5)}\n\n✓ ${label}`;
}
