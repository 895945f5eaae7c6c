import type { OutgoingMessage } from '../bot/types.js';

/**
 * Splits a text at line breaks where it can, so that no part is longer than `max` characters, without
 * cutting a surrogate pair. An empty text is one part as it is.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    if (/[\ud800-\udbff]/.test(rest.charAt(cut - 1))) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length) parts.push(rest);
  return parts;
}

/**
 * A message too long for one platform message, as the messages that carry it: the text in parts, the buttons
 * and any question (a location key, a text box) on the last. Each part is sent, paced and recorded on its
 * own, so a part that went is never sent again when a later one has to wait. The split depends only on the
 * text and the limit, so a retry resumes at the same part.
 */
export function partsOf(message: OutgoingMessage, maxTextLength: number): OutgoingMessage[] {
  const texts = splitText(message.text, maxTextLength);
  if (texts.length === 1) return [message];
  const last = texts.length - 1;
  // Parts are new messages: an edit in place (`replaces`) would leave only the last part in the chat.
  const { replaces: _replaces, ...whole } = message;
  return texts.map((text, i) => (i === last ? { ...whole, text } : { text, ...(message.language ? { language: message.language } : {}) }));
}
