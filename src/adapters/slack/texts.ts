import { readFileSync } from 'node:fs';
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Language } from '../../bot/i18n/index.js';
import type { Core } from '../../bot/core.js';

/**
 * Texts only Slack shows (modal titles, App Home headings). They live next to the adapter so the core's
 * catalogues stay platform-neutral; same rules: zh-CN first, key missing in a language falls back to zh-CN.
 */
const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
let bundles: Map<Language, FluentBundle> | undefined;

function load(lang: Language): FluentBundle {
  const bundle = new FluentBundle(lang, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(readFileSync(new URL(`./i18n/${lang}.ftl`, import.meta.url), 'utf8')));
  if (errors.length) throw new Error(`slack catalogue ${lang}: ${errors.map((e) => e.message).join('; ')}`);
  return bundle;
}

export function slackText(lang: Language, key: string, args?: Record<string, string | number>): string {
  bundles ??= new Map(LANGUAGES.map((l) => [l, load(l)]));
  for (const l of [lang, 'zh-CN' as const]) {
    const bundle = bundles.get(l)!;
    const message = bundle.getMessage(key);
    if (message?.value) return bundle.formatPattern(message.value, args as Record<string, FluentVariable> | undefined);
  }
  throw new Error(`no Slack message '${key}'`);
}

export function slackCatalogueKeys(lang: Language): string[] {
  const source = readFileSync(new URL(`./i18n/${lang}.ftl`, import.meta.url), 'utf8');
  return [...source.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!);
}

/**
 * The language of an already rendered message, for the few Slack-only labels around it (the outbox
 * payload carries text, not the person's language): any Chinese character means zh-CN.
 */
export function languageOfText(text: string): Language {
  return /[\u3400-\u9fff]/.test(text) ? 'zh-CN' : 'en';
}

/**
 * The person's language for a text the adapter writes itself, asked of the core within `ms` (Slack wants its
 * ack within three seconds); Chinese when the account is not linked or the database does not answer in time.
 */
export async function languageWithin(core: Pick<Core, 'languageOf'>, userId: string, ms = 500): Promise<Language> {
  const asked = core.languageOf?.('slack', userId).catch(() => undefined);
  if (!asked) return 'zh-CN';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const lang = await Promise.race([asked, late]);
  clearTimeout(timer);
  return lang ?? 'zh-CN';
}
