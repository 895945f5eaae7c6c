import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Language } from '../../db/schema/people.js';

export type { Language };
export type MessageArgs = Record<string, string | number>;

const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const FALLBACK: Language = 'zh-CN';

/**
 * A language's catalogue: `<lang>.ftl` for the chat, and one file per part in `<lang>/` (the console's pages),
 * so that parts written side by side do not edit the same file. Keys are one namespace across the files.
 */
function catalogueSource(lang: Language): string {
  const dir = new URL(`./${lang}/`, import.meta.url);
  const parts = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ftl')).sort() : [];
  return [`./${lang}.ftl`, ...parts.map((f) => `./${lang}/${f}`)]
    .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
    .join('\n');
}

function loadBundle(lang: Language): FluentBundle {
  const source = catalogueSource(lang);
  // No bidi isolation marks: they show up as boxes on cheap phones and in terminals.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(source));
  if (errors.length > 0) throw new Error(`message catalogue ${lang}: ${errors.map((e) => e.message).join('; ')}`);
  return bundle;
}

let bundles: Map<Language, FluentBundle> | undefined;
function allBundles(): Map<Language, FluentBundle> {
  bundles ??= new Map(LANGUAGES.map((l) => [l, loadBundle(l)]));
  return bundles;
}

export class MissingMessageError extends Error {
  constructor(readonly key: string) {
    super(`no message '${key}' in any catalogue`);
  }
}

/** Renders a catalogue message. A key missing in the person's language falls back to zh-CN; missing in both throws. */
export function t(lang: Language, key: string, args?: MessageArgs): string {
  const map = allBundles();
  for (const l of [lang, FALLBACK]) {
    const bundle = map.get(l)!;
    const message = bundle.getMessage(key);
    if (message?.value) {
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args as Record<string, FluentVariable> | undefined, errors);
      if (errors.length > 0) throw new Error(`message '${key}' (${l}): ${errors.map((e) => e.message).join('; ')}`);
      return text;
    }
  }
  throw new MissingMessageError(key);
}

export function hasMessage(lang: Language, key: string): boolean {
  return allBundles().get(lang)!.hasMessage(key);
}

/** Every key of a catalogue, for the test that keeps both languages in step. */
export function catalogueKeys(lang: Language): string[] {
  const source = catalogueSource(lang);
  return [...source.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
