import type { OutgoingMessage } from '../bot/types.js';

/**
 * What in a stored message must not outlive its purpose in the outbox. The core notes it when it renders the
 * message (bot/sensitive.ts), masks included, in the recipient's language; the outbox applies it:
 * - `secrets`: one-time secrets (invite codes), masked once the message has been sent;
 * - `places`: the recipient's whereabouts, masked when they withdraw consent, and `placePayloads`, the
 *   buttons that offered a place, dropped then.
 */
export interface SensitiveParts {
  secrets?: string[];
  places?: string[];
  placePayloads?: string[];
  masks: { secret: string; place: string };
}

/** The outbox payload: a rendered message, what in it is sensitive, and whether its text was purged. */
export type StoredMessage = OutgoingMessage & { sensitive?: SensitiveParts; purged?: true; documentName?: string };

function maskAll(text: string, fragments: string[], mask: string): string {
  // Longest first: a province inside "广东省 东莞市" must not leave the city behind.
  return [...fragments].sort((a, b) => b.length - a.length).reduce((s, f) => (f ? s.split(f).join(mask) : s), text);
}

/** Keeps `sensitive` only while something in it is still to be masked. */
function withParts(message: StoredMessage, parts: SensitiveParts): StoredMessage {
  const { sensitive: _old, ...rest } = message;
  return parts.secrets?.length || parts.places?.length ? { ...rest, sensitive: parts } : rest;
}

/** The stored copy once sent: every secret masked. Unchanged when there is none. */
export function withoutSecrets(message: StoredMessage): StoredMessage {
  const parts = message.sensitive;
  if (!parts?.secrets?.length) return message;
  const { secrets, ...left } = parts;
  const out: StoredMessage = { ...message, text: maskAll(message.text, secrets, parts.masks.secret) };
  if (message.buttons) out.buttons = message.buttons.map((row) => row.map((b) => ({ ...b, label: maskAll(b.label, secrets, parts.masks.secret) })));
  return withParts(out, left);
}

/** The stored copy after a consent withdrawal: places masked in the text and labels, place buttons gone. */
export function withoutPlaces(message: StoredMessage): StoredMessage {
  const parts = message.sensitive;
  if (!parts?.places?.length) return message;
  const { places, placePayloads = [], ...left } = parts;
  const out: StoredMessage = { ...message, text: maskAll(message.text, places, parts.masks.place) };
  delete out.buttons;
  const buttons = (message.buttons ?? [])
    .map((row) => row.filter((b) => !placePayloads.includes(b.payload)).map((b) => ({ ...b, label: maskAll(b.label, places, parts.masks.place) })))
    .filter((row) => row.length > 0);
  if (buttons.length) out.buttons = buttons;
  return withParts(out, left);
}
