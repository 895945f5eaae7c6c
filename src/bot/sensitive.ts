import type { Reply } from './flow.js';
import { t, type Language } from './i18n/index.js';
import type { OutgoingMessage } from './types.js';

/**
 * What in a rendered message must not outlive its purpose in the outbox, noted when the message is rendered
 * and stored with it (the outbox payload is a rendered message):
 * - `secrets`: one-time secrets (invite codes), masked in the stored copy once the message has been sent;
 * - `places`: the recipient's whereabouts, masked when they withdraw consent to keeping them.
 * Which parts these are follows from the reply: catalogue arguments named in SECRET_ARGS or PLACE_ARGS, and
 * the labels of the location flow's place buttons.
 */
export interface SensitiveParts {
  secrets?: string[];
  places?: string[];
}

/** The outbox payload: a rendered message, what in it is sensitive, and whether its text was purged. */
export type StoredMessage = OutgoingMessage & { sensitive?: SensitiveParts; purged?: true };

export const SECRET_ARGS: readonly string[] = ['code'];
export const PLACE_ARGS: readonly string[] = ['place'];
/** Buttons whose label is a place and whose payload carries its region code (the location flow's choices). */
export const PLACE_BUTTON = /^loc:(?:is|pick):/;

/** Shorter values ('-' for an unknown place) are not worth masking and would mask too much. */
const MIN_FRAGMENT = 2;

function argValues(reply: Reply, names: readonly string[]): string[] {
  return names.map((n) => reply.args?.[n]).filter((v): v is string => typeof v === 'string' && v.length >= MIN_FRAGMENT);
}

export function sensitivePartsOf(reply: Reply, rendered: OutgoingMessage): SensitiveParts | undefined {
  const secrets = argValues(reply, SECRET_ARGS).flatMap((code) => [code, code.replace(/-/g, '')]);
  const labels = (rendered.buttons ?? []).flat().filter((b) => PLACE_BUTTON.test(b.payload)).map((b) => b.label);
  const places = [...argValues(reply, PLACE_ARGS), ...labels.filter((l) => l.length >= MIN_FRAGMENT)];
  if (secrets.length === 0 && places.length === 0) return undefined;
  return { ...(secrets.length ? { secrets: [...new Set(secrets)] } : {}), ...(places.length ? { places: [...new Set(places)] } : {}) };
}

function maskAll(text: string, fragments: string[], mask: string): string {
  // Longest first: a province inside "广东省 东莞市" must not leave the city behind.
  return [...fragments].sort((a, b) => b.length - a.length).reduce((s, f) => (f ? s.split(f).join(mask) : s), text);
}

function languageOf(message: StoredMessage): Language {
  return message.language ?? 'zh-CN';
}

function withParts(message: StoredMessage, parts: SensitiveParts): StoredMessage {
  const { sensitive: _old, ...rest } = message;
  return parts.secrets?.length || parts.places?.length ? { ...rest, sensitive: parts } : rest;
}

/** The stored copy once sent: every secret masked. Unchanged when there is none. */
export function withoutSecrets(message: StoredMessage): StoredMessage {
  const secrets = message.sensitive?.secrets;
  if (!secrets?.length) return message;
  const mask = t(languageOf(message), 'outbox-masked-code');
  const out: StoredMessage = { ...message, text: maskAll(message.text, secrets, mask) };
  if (message.buttons) out.buttons = message.buttons.map((row) => row.map((b) => ({ ...b, label: maskAll(b.label, secrets, mask) })));
  return withParts(out, { ...(message.sensitive?.places ? { places: message.sensitive.places } : {}) });
}

/** The stored copy after a consent withdrawal: places masked in the text, place buttons gone. */
export function withoutPlaces(message: StoredMessage): StoredMessage {
  const places = message.sensitive?.places;
  if (!places?.length) return message;
  const mask = t(languageOf(message), 'outbox-masked-place');
  const out: StoredMessage = { ...message, text: maskAll(message.text, places, mask) };
  delete out.buttons;
  const buttons = (message.buttons ?? [])
    .map((row) => row.filter((b) => !PLACE_BUTTON.test(b.payload)).map((b) => ({ ...b, label: maskAll(b.label, places, mask) })))
    .filter((row) => row.length > 0);
  if (buttons.length) out.buttons = buttons;
  return withParts(out, { ...(message.sensitive?.secrets ? { secrets: message.sensitive.secrets } : {}) });
}
