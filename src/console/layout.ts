import type { Language } from '../db/schema/people.js';
import type { MessageArgs } from '../bot/i18n/index.js';
import type { ConsoleStaff } from '../features/console/auth.js';
import type { ConsoleSection } from './context.js';
import { html, type Html } from './html.js';

export interface LayoutInput {
  title: string;
  body: Html;
  staff: ConsoleStaff | null;
  language: Language;
  t(key: string, args?: MessageArgs): string;
  csrfToken?: string;
  sections?: readonly ConsoleSection[];
  path?: string;
  notice?: string | undefined;
}

/** Every page's frame: navigation for the person's roles, who is signed in, language and sign out. No CDN: every asset is ours. */
export function layout(p: LayoutInput): Html {
  const nav = p.staff ? navigation(p) : html``;
  return html`<!doctype html>
<html lang="${p.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} · ${p.t('console-product')}</title>
<link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/console/">${p.t('console-product')}</a>
  ${nav}
</header>
<main>
  ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ''}
  <h1>${p.title}</h1>
  ${p.body}
</main>
</body>
</html>`;
}

function navigation(p: LayoutInput): Html {
  const roles = new Set(p.staff!.roles.map((r) => r.role));
  const entries = (p.sections ?? []).flatMap((s) => (s.nav && (!s.nav.roles || s.nav.roles.some((r) => roles.has(r))) ? [s.nav] : []));
  const current = (path: string) => (p.path ?? '').split('?')[0]!.startsWith(`/console${path}`);
  const other: Language = p.language === 'en' ? 'zh-CN' : 'en';
  return html`<nav class="sections">${entries.map((e) => html`<a href="/console${e.path}"${current(e.path) ? html` aria-current="page"` : ''}>${p.t(e.key)}</a>`)}</nav>
  <form class="who" method="post" action="/console/signout">
    <span>${p.staff!.name}</span>
    <a href="/console/language?to=${other}">${other === 'en' ? 'English' : '中文'}</a>
    <input type="hidden" name="_csrf" value="${p.csrfToken ?? ''}">
    <button type="submit">${p.t('console-signout')}</button>
  </form>`;
}
