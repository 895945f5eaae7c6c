import { HELP_CATEGORIES, URGENCIES } from '../../db/schema/index.js';
import { ageOf } from '../../features/helpdesk/views.js';
import { QUEUE_STATES, queueParams, type QueueFilter, type QueuePage, type QueueRow } from '../../features/helpdesk/queue.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';

type View = Pick<PageContext, 't' | 'language' | 'now'>;

const selected = (on: boolean) => (on ? html` selected` : '');

/** A GET form: a filtered queue is a link to keep, and works without JavaScript (the script submits on change). */
export function queueFilters(ctx: View, f: QueueFilter): Html {
  const t = ctx.t;
  const option = (value: string, label: string, on: boolean) => html`<option value="${value}"${selected(on)}>${label}</option>`;
  return html`<form class="filters help-filters" method="get" action="/console/help" role="search">
    <div><label for="hf-state">${t('console-help-filter-state')}</label>
      <select id="hf-state" name="state">${option('', t('console-help-state-all'), !f.state)}${QUEUE_STATES.map((s) => option(s, t('console-help-state', { state: s }), f.state === s))}</select></div>
    <div><label for="hf-urgency">${t('console-help-filter-urgency')}</label>
      <select id="hf-urgency" name="urgency">${option('', t('console-help-any'), !f.urgency)}${URGENCIES.map((u) => option(u, t('console-help-urgency', { urgency: u }), f.urgency === u))}</select></div>
    <div><label for="hf-category">${t('console-help-filter-category')}</label>
      <select id="hf-category" name="category">${option('', t('console-help-any'), !f.category)}${HELP_CATEGORIES.map((c) => option(c, t(`help-category-${c}`), f.category === c))}</select></div>
    <div><button type="submit" class="primary">${t('console-help-apply')}</button> <a href="/console/help">${t('console-help-clear')}</a></div>
  </form>`;
}

/** Who holds it, and how far up it went because nobody took it. */
export function holderWords(ctx: View, assignee: string | null, escalationLevel: number): Html {
  const holder = assignee ?? html`<span class="urgent">${ctx.t('console-help-nobody')}</span>`;
  const up = escalationLevel > 0 ? html`<br><span class="help-escalated">${ctx.t('console-help-escalated', { level: escalationLevel })}</span>` : '';
  return html`${holder}${up}`;
}

export const urgencyBadge = (ctx: View, urgency: string) => (urgency === 'urgent' ? html`<span class="urgent help-urgent">${ctx.t('console-help-urgency', { urgency })}</span>` : html`<span class="muted">${ctx.t('console-help-urgency', { urgency })}</span>`);

export function queueTable(ctx: View, page: QueuePage): Html {
  const t = ctx.t;
  if (page.rows.length === 0) return html`<p class="card">${t('console-help-empty')}</p>`;
  return html`<p class="muted">${t('console-help-count', { count: page.total })}</p>
  <table class="wide help-queue">
    <thead><tr>
      <th scope="col">${t('console-help-col-id')}</th><th scope="col">${t('console-help-col-member')}</th>
      <th scope="col">${t('console-help-col-what')}</th><th scope="col">${t('console-help-col-urgency')}</th>
      <th scope="col">${t('console-help-col-age')}</th><th scope="col">${t('console-help-col-status')}</th>
      <th scope="col">${t('console-help-col-holder')}</th>
    </tr></thead>
    <tbody>${page.rows.map((r) => queueRow(ctx, r))}</tbody>
  </table>`;
}

function queueRow(ctx: View, r: QueueRow): Html {
  const t = ctx.t;
  const cell = (key: string, content: Html | string) => html`<td data-label="${t(key)}">${content}</td>`;
  return html`<tr${r.urgency === 'urgent' ? html` class="help-row-urgent"` : ''}>
    <td><a href="/console/help/${r.id}">${t('console-help-number', { id: r.id })}</a></td>
    ${cell('console-help-col-member', html`${r.name}<br><span class="muted">${r.branch}</span>`)}
    ${cell('console-help-col-what', html`<strong>${t(`help-category-${r.category}`)}</strong><br>${r.description}`)}
    ${cell('console-help-col-urgency', urgencyBadge(ctx, r.urgency))}
    ${cell('console-help-col-age', ageOf(ctx.language, r.createdAt, ctx.now))}
    ${cell('console-help-col-status', t('console-help-status', { status: r.status }))}
    ${cell('console-help-col-holder', holderWords(ctx, r.assignee, r.escalationLevel))}
  </tr>`;
}

export function queuePager(ctx: View, f: QueueFilter, page: QueuePage): Html {
  if (page.pages <= 1) return html``;
  const link = (p: number) => {
    const query = new URLSearchParams([...queueParams(f), ...(p > 1 ? [['p', String(p)]] : [])]).toString();
    return `/console/help${query ? `?${query}` : ''}`;
  };
  return html`<nav class="pager" aria-label="${ctx.t('console-help-pages')}">
    ${page.page > 1 ? html`<a rel="prev" href="${link(page.page - 1)}">${ctx.t('console-help-prev')}</a>` : ''}
    <span>${ctx.t('console-help-page', { page: page.page, pages: page.pages })}</span>
    ${page.page < page.pages ? html`<a rel="next" href="${link(page.page + 1)}">${ctx.t('console-help-next')}</a>` : ''}
  </nav>`;
}
