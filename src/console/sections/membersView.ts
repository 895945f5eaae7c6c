import { describeRegion, regionByCode } from '../../bot/regions/index.js';
import type { OrgChoice, PlaceChoice } from '../../features/members/choices.js';
import { filterParams, LIST_CATEGORIES, type MemberListFilter } from '../../features/members/filter.js';
import type { MemberListPage, MemberListRow } from '../../features/members/list.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';

type View = Pick<PageContext, 't' | 'language'>;

export interface FilterChoices {
  orgs: OrgChoice[];
  liaisons: { list: { id: number; name: string }[]; more: boolean };
  places: PlaceChoice[];
}

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');
/** Full-width spaces: an option cannot be styled, so depth in the tree is shown by indenting its text. */
const indent = (depth: number) => '\u3000'.repeat(Math.min(depth, 6));

/** The search box and filters: a GET form, so a filtered list is a link to keep or share, and works without JavaScript. */
export function filterForm(ctx: View, f: MemberListFilter, c: FilterChoices): Html {
  const t = ctx.t;
  const option = (value: string, label: string, on: boolean) => html`<option value="${value}"${selected(on)}>${label}</option>`;
  const any = html`<option value="">${t('console-members-any')}</option>`;
  const liaisonId = typeof f.liaison === 'number' ? f.liaison : undefined;
  const liaisonControl = c.liaisons.more
    ? html`<input id="mf-liaison" name="liaison" value="${typeof f.liaison === 'object' ? f.liaison.name : ''}" placeholder="${t('console-members-liaison-name')}" size="8">`
    : html`<select id="mf-liaison" name="liaison">${any}${option('none', t('console-members-liaison-none'), f.liaison === 'none')}
        ${c.liaisons.list.map((l) => option(String(l.id), l.name, l.id === liaisonId))}</select>`;
  return html`<form class="filters members-filters" method="get" action="/console/members" role="search">
    <div><label for="mf-q">${t('console-members-search')}</label>
      <input id="mf-q" name="q" type="search" value="${f.q ?? ''}" placeholder="${t('console-members-search-hint')}" maxlength="50"></div>
    <div><label for="mf-org">${t('console-members-org')}</label>
      <select id="mf-org" name="org">${any}${c.orgs.map((o) => option(String(o.id), `${indent(o.depth)}${o.name}`, o.id === f.orgId))}</select></div>
    <div><label for="mf-status">${t('console-members-status')}</label>
      <select id="mf-status" name="status">${any}${option('full', t('console-members-status-full'), f.probationary === false)}${option('probationary', t('console-members-status-probationary'), f.probationary === true)}</select></div>
    <div><label for="mf-category">${t('console-members-category')}</label>
      <select id="mf-category" name="category">${any}${LIST_CATEGORIES.map((k) => option(k, t(`console-members-category-${k}`), f.category === k))}</select></div>
    <div><label for="mf-place">${t('console-members-place')}</label>
      <select id="mf-place" name="place">${any}${c.places.map((p) => html`<optgroup label="${p.name}">
        ${option(p.code, t('console-members-place-whole', { name: p.name }), f.place === p.code)}${p.cities.map((city) => option(city.code, city.name, f.place === city.code))}</optgroup>`)}</select></div>
    <div><label for="mf-liaison">${t('console-members-liaison')}</label>${liaisonControl}</div>
    <div class="members-flags">
      <label><input type="checkbox" name="overdue" value="1"${checked(Boolean(f.overdue))}> ${t('console-members-overdue')}</label>
      <label><input type="checkbox" name="lost" value="1"${checked(Boolean(f.lost))}> ${t('console-members-lost')}</label>
      <label><input type="checkbox" name="help" value="1"${checked(Boolean(f.openHelp))}> ${t('console-members-open-help')}</label>
    </div>
    <div><button type="submit" class="primary">${t('console-members-apply')}</button>
      <a href="/console/members">${t('console-members-clear')}</a></div>
  </form>`;
}

/** The page's members: one row each, the name leading to the record. No phone: the chat shows staff none either. */
export function memberTable(ctx: View, rows: MemberListRow[]): Html {
  const t = ctx.t;
  if (rows.length === 0) return html`<p class="card">${t('console-members-empty')}</p>`;
  return html`<table class="wide members-list">
    <thead><tr>
      <th scope="col">${t('console-members-col-name')}</th><th scope="col">${t('console-members-col-branch')}</th>
      <th scope="col">${t('console-members-col-category')}</th><th scope="col">${t('console-members-col-place')}</th>
      <th scope="col">${t('console-members-col-liaison')}</th><th scope="col">${t('console-members-col-report')}</th>
      <th scope="col">${t('console-members-col-help')}</th>
    </tr></thead>
    <tbody>${rows.map((r) => memberRow(ctx, r))}</tbody>
  </table>`;
}

function memberRow(ctx: View, r: MemberListRow): Html {
  const t = ctx.t;
  const cell = (key: string, content: Html | string) => html`<td data-label="${t(key)}">${content}</td>`;
  return html`<tr>
    <td><a href="/console/members/${r.memberId}">${r.name}</a></td>
    ${cell('console-members-col-branch', html`${r.branch}${r.inflowOrg ? html`<br><span class="muted">${t('console-members-inflow', { org: r.inflowOrg })}</span>` : ''}`)}
    ${cell('console-members-col-category', categoryWords(ctx, r))}
    ${cell('console-members-col-place', placeOf(ctx, r))}
    ${cell('console-members-col-liaison', r.liaisonName ?? html`<span class="muted">${t('console-members-liaison-unassigned')}</span>`)}
    ${cell('console-members-col-report', r.lastReport
      ? html`${monthWords(ctx, r.lastReport)}${r.overdue ? html` <span class="members-overdue">${t('console-members-overdue')}</span>` : ''}`
      : html`<span class="members-overdue">${t('console-members-never')}</span>`)}
    ${cell('console-members-col-help', r.openHelp > 0 ? html`<span class="members-help">${t('console-members-help-count', { count: r.openHelp })}</span>` : '—')}
  </tr>`;
}

/** '流动党员 · 预备党员'; a lost member shows the loss first and the category they keep meanwhile. */
function categoryWords(ctx: View, r: MemberListRow): string {
  const status = ctx.t(r.probationary ? 'console-members-status-probationary' : 'console-members-status-full');
  if (r.status !== 'lost_contact') return `${ctx.t(`console-members-category-${r.status}`)} · ${status}`;
  const kept = r.categoryWhileLost && r.categoryWhileLost !== 'lost_contact' ? ctx.t(`console-members-category-${r.categoryWhileLost}`) : '';
  return `${ctx.t('console-members-lost')}${kept ? ` (${kept})` : ''} · ${status}`;
}

/** A place by its name; the roster's own words when it named no known region; never a code. */
function placeOf(ctx: View, r: MemberListRow): string {
  const named = r.destinationCode && regionByCode(r.destinationCode) ? describeRegion(r.destinationCode, ctx.language) : '';
  return named || r.destinationText || '—';
}

function monthWords(ctx: View, period: string): string {
  const [year, month] = period.split('-');
  return ctx.t('console-members-month', { year: year!, month: Number(month) });
}

/** Previous and next pages by keyset (ids in the link, never names), keeping the filters. */
export function pager(ctx: View, f: MemberListFilter, page: MemberListPage, pageNo: number): Html {
  const link = (cursor: [string, string][] = []) => {
    const query = new URLSearchParams([...filterParams(f), ...cursor]).toString();
    return `/console/members${query ? `?${query}` : ''}`;
  };
  const t = ctx.t;
  return html`<nav class="pager" aria-label="${t('console-members-pages')}">
    ${pageNo > 1 || page.prevBefore ? html`<a href="${link()}">${t('console-members-first')}</a>` : ''}
    ${page.prevBefore ? html`<a rel="prev" href="${link([['before', String(page.prevBefore)], ['p', String(Math.max(1, pageNo - 1))]])}">${t('console-members-prev')}</a>` : ''}
    <span>${t('console-members-page', { page: pageNo })}</span>
    ${page.nextAfter ? html`<a rel="next" href="${link([['after', String(page.nextAfter)], ['p', String(pageNo + 1)]])}">${t('console-members-next')}</a>` : ''}
  </nav>`;
}
