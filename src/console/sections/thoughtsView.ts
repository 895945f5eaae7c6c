import { quarterOf } from '../../bot/help/thoughtNotice.js';
import { MAX_STAFF_TEXT_CHARS } from '../../bot/flows/staffText.js';
import { REPORTS_PAGE_SIZE, type QuarterReport, type QuarterView } from '../../features/thoughts/quarter.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { localDateTime } from './record/format.js';

const quarterName = (ctx: PageContext, period: string) => ctx.t('console-thoughts-quarter', quarterOf(period));

/** The quarter to read: this one by default, earlier ones to pick (a GET form, a link to keep). */
export function quarterPicker(ctx: PageContext, period: string, quarters: string[]): Html {
  return html`<form class="filters thoughts-filters" method="get" action="/console/thoughts">
    <div><label for="tq">${ctx.t('console-thoughts-pick-quarter')}</label>
      <select id="tq" name="q">${quarters.map((q) => html`<option value="${q}"${q === period ? html` selected` : ''}>${quarterName(ctx, q)}</option>`)}</select></div>
    <div><button type="submit" class="primary">${ctx.t('console-thoughts-show')}</button></div>
  </form>`;
}

export function quarterBody(ctx: PageContext, period: string, view: QuarterView, timezone: string, pageNo: number): Html {
  const t = ctx.t;
  return html`
    <section class="thoughts-reports">
      <h2>${t('console-thoughts-received', { quarter: quarterName(ctx, period), count: view.reportsTotal })}</h2>
      ${view.reports.length === 0 ? html`<p class="card">${t('console-thoughts-none')}</p>` : view.reports.map((r) => reportCard(ctx, r, period, timezone))}
      ${reportsPager(ctx, period, view.reportsTotal, pageNo)}
    </section>
    <section class="card thoughts-missing">
      <h2>${t('console-thoughts-missing', { count: view.missingTotal })}</h2>
      ${view.missing.length === 0 ? html`<p>${t('console-thoughts-missing-none')}</p>` : html`<table class="wide">
        <thead><tr><th scope="col">${t('console-thoughts-col-member')}</th><th scope="col">${t('console-thoughts-col-branch')}</th><th scope="col">${t('console-thoughts-col-liaison')}</th></tr></thead>
        <tbody>${view.missing.map((m) => html`<tr><td><a href="/console/members/${m.memberId}">${m.name}</a></td><td>${m.branch}</td><td>${m.liaison ?? '—'}</td></tr>`)}</tbody>
      </table>${view.missingTotal > view.missing.length ? html`<p class="muted">${t('console-thoughts-missing-more', { count: view.missingTotal - view.missing.length })}</p>` : ''}`}
    </section>`;
}

function reportsPager(ctx: PageContext, period: string, total: number, pageNo: number): Html {
  const pages = Math.ceil(total / REPORTS_PAGE_SIZE);
  if (pages <= 1) return html``;
  const link = (p: number) => `/console/thoughts?q=${period}${p > 1 ? `&p=${p}` : ''}`;
  return html`<nav class="pager" aria-label="${ctx.t('console-help-pages')}">
    ${pageNo > 1 ? html`<a rel="prev" href="${link(pageNo - 1)}">${ctx.t('console-help-prev')}</a>` : ''}
    <span>${ctx.t('console-help-page', { page: pageNo, pages })}</span>
    ${pageNo < pages ? html`<a rel="next" href="${link(pageNo + 1)}">${ctx.t('console-help-next')}</a>` : ''}
  </nav>`;
}

/** One report: the member's text as written (escaped like every text), the pages of a handwritten one, the answers so far, and the reply box. */
function reportCard(ctx: PageContext, r: QuarterReport, period: string, timezone: string): Html {
  const t = ctx.t;
  return html`<article class="card thought-report" id="report-${r.id}">
    <h3><a href="/console/members/${r.memberId}">${r.name}</a> <span class="muted">${r.branch}</span></h3>
    <p class="muted">${t('console-thoughts-sent', { at: localDateTime(r.submittedAt, timezone) })}${r.late ? html` · <span class="urgent">${t('console-thoughts-late')}</span>` : ''}</p>
    ${r.body ? html`<blockquote class="text thought-body">${r.body}</blockquote>` : ''}
    ${r.photoIds.length > 0 ? html`<ul class="thought-photos">${r.photoIds.map((id, i) => html`<li><a href="/console/members/${r.memberId}/photos/${id}">${t('staff-thought-photo', { n: i + 1, of: r.photoIds.length })}</a></li>`)}</ul>` : ''}
    ${r.replies.map((x) => html`<p class="thought-reply-sent">${t('console-thoughts-replied', { who: x.who, at: localDateTime(x.at, timezone) })}</p><blockquote class="text">${x.text}</blockquote>`)}
    <form method="post" action="/console/thoughts/${r.id}/reply" class="thought-reply-form">
      ${ctx.csrf}<input type="hidden" name="q" value="${period}">
      <label for="reply-${r.id}">${t('console-thoughts-reply-label', { name: r.name })}</label>
      <textarea id="reply-${r.id}" name="text" maxlength="${MAX_STAFF_TEXT_CHARS}" required></textarea>
      <p class="muted">${t('console-thoughts-reply-explain')}</p>
      <button type="submit" class="primary">${t('console-thoughts-reply-send')}</button>
    </form>
  </article>`;
}
