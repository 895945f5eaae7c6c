import type { Reply } from './flow.js';
import { t, type Language } from './i18n/index.js';
import type { OutgoingMessage } from './types.js';
import type { SensitiveParts } from '../outbox/sensitive.js';

/**
 * Which parts of a rendered message the outbox must not keep (outbox/sensitive.ts masks them): catalogue
 * arguments named in SECRET_ARGS (invite codes, gone once sent) or PLACE_ARGS (the recipient's whereabouts,
 * gone when they withdraw consent), and the location flow's place buttons.
 */
export const SECRET_ARGS: readonly string[] = ['code'];
export const PLACE_ARGS: readonly string[] = ['place'];
/** Buttons whose label is a place and whose payload carries its region code. */
export const PLACE_BUTTON = /^loc:(?:is|pick):/;

/** Shorter values ('-' for an unknown place) are not worth masking and would mask too much. */
const MIN_FRAGMENT = 2;

function argValues(reply: Reply, names: readonly string[]): string[] {
  return names.map((n) => reply.args?.[n]).filter((v): v is string => typeof v === 'string' && v.length >= MIN_FRAGMENT);
}

export function sensitivePartsOf(lang: Language, reply: Reply, rendered: OutgoingMessage): SensitiveParts | undefined {
  const secrets = argValues(reply, SECRET_ARGS).flatMap((code) => [code, code.replace(/-/g, '')]);
  const placeButtons = (rendered.buttons ?? []).flat().filter((b) => PLACE_BUTTON.test(b.payload));
  const places = [...argValues(reply, PLACE_ARGS), ...placeButtons.map((b) => b.label).filter((l) => l.length >= MIN_FRAGMENT)];
  if (secrets.length === 0 && places.length === 0) return undefined;
  return {
    ...(secrets.length ? { secrets: [...new Set(secrets)] } : {}),
    ...(places.length ? { places: [...new Set(places)] } : {}),
    ...(placeButtons.length ? { placePayloads: placeButtons.map((b) => b.payload) } : {}),
    masks: { secret: t(lang, 'outbox-masked-code'), place: t(lang, 'outbox-masked-place') },
  };
}
