import { UNREADABLE_KINDS, type Incoming, type IncomingBody } from './types.js';

/**
 * The one normalising step where an `Incoming` enters the core. Whatever an adapter passes on, the core sees
 * text PostgreSQL can store and JSON can carry: no NUL or other control characters (tab and newline stay),
 * and no lone UTF-16 surrogates (each becomes U+FFFD, the replacement character). A person's words are
 * otherwise kept as they were typed.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

function cleanBody(body: IncomingBody): IncomingBody {
  switch (body.kind) {
    case 'text':
      return { kind: 'text', text: cleanText(body.text) };
    case 'button':
      return { kind: 'button', payload: cleanText(body.payload) };
    case 'location':
      return body;
    case 'file':
      return {
        kind: 'file',
        fileRef: cleanText(body.fileRef),
        ...(body.mime !== undefined ? { mime: cleanText(body.mime) } : {}),
        ...(body.caption !== undefined ? { caption: cleanText(body.caption) } : {}),
      };
    case 'unreadable':
      // Only the kind travels, and only a kind the core knows.
      return { kind: 'unreadable', what: (UNREADABLE_KINDS as readonly string[]).includes(body.what) ? body.what : 'other' };
  }
}

export function sanitiseIncoming(incoming: Incoming): Incoming {
  const { timezone, ...rest } = incoming;
  return {
    ...rest,
    updateId: cleanText(incoming.updateId),
    chatId: cleanText(incoming.chatId),
    userId: cleanText(incoming.userId),
    body: cleanBody(incoming.body),
    // Only a time zone the runtime knows: anything else would break every date computed for the person.
    ...(timezone !== undefined && isTimeZone(timezone) ? { timezone } : {}),
  };
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length <= 64;
  } catch {
    return false;
  }
}
