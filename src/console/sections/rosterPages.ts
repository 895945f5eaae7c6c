import type { RosterJob } from '../../roster/jobMessages.js';
import type { DetailRow, ImportDetail, RefusedDetail } from '../../roster/jobDetail.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { localDateTime, type OrgChoice } from './scopeOrgs.js';

/** Rows of one kind listed on the page at a time; the marked copy holds every refused row anyway. */
export const ROWS_PER_PAGE = 100;
const KINDS: readonly DetailRow['kind'][] = ['new', 'update', 'conflict', 'error'];

export interface RecentUpload {
  id: number;
  state: string;
  orgName: string | null;
  createdAt: Date;
}

export function uploadPage(ctx: PageContext, branches: OrgChoice[], recent: RecentUpload[], timezone: string): Html {
  return html`
    <form class="panel" method="post" action="/console/roster" enctype="multipart/form-data">
      ${ctx.csrf}
      <p>${ctx.t('console-roster-intro')}</p>
      <label for="roster-org">${ctx.t('console-roster-branch')}</label>
      <select id="roster-org" name="org">
        ${branches.map((b) => html`<option value="${b.id}">${b.name}</option>`)}
        <option value="column">${ctx.t('console-roster-by-column')}</option>
      </select>
      <label for="roster-file">${ctx.t('console-roster-file')}</label>
      <input id="roster-file" type="file" name="file" accept=".xlsx,.xls,.csv,.txt" required>
      <p><button type="submit" class="primary">${ctx.t('console-roster-upload')}</button></p>
    </form>
    <section class="card">
      <h2>${ctx.t('console-roster-recent')}</h2>
      ${recent.length === 0 ? html`<p class="muted">${ctx.t('console-roster-none')}</p>` : html`
      <table class="wide">
        <thead><tr><th>${ctx.t('console-roster-col-when')}</th><th>${ctx.t('console-roster-col-branch')}</th><th>${ctx.t('console-roster-col-state')}</th></tr></thead>
        <tbody>${recent.map((r) => html`<tr>
          <td><a href="/console/roster/${r.id}">${localDateTime(r.createdAt, timezone)}</a></td>
          <td>${r.orgName ?? ctx.t('console-roster-by-column')}</td>
          <td>${ctx.t('console-roster-state', { state: r.state })}</td></tr>`)}</tbody>
      </table>`}
    </section>`;
}

/** A job still being checked or written: how far it is, and the page refreshes itself (a Refresh header). */
export function progressPage(ctx: PageContext, job: RosterJob): Html {
  const checking = job.state === 'queued' || job.state === 'previewing';
  const total = job.rowsTotal ?? 0;
  const done = Math.min(job.rowsDone, total);
  const text = checking && total === 0 ? ctx.t('console-roster-checking-start') : ctx.t(checking ? 'console-roster-checking' : 'console-roster-writing', { done, total });
  return html`<section class="card" aria-live="polite">
    <p>${text}</p>
    ${total > 0 ? html`<progress class="roster-progress" max="${total}" value="${done}"></progress>` : html`<progress class="roster-progress"></progress>`}
    <p class="muted"><a href="/console/roster/${job.id}">${ctx.t('console-roster-refresh')}</a></p>
  </section>`;
}

export function refusedPage(ctx: PageContext, detail: RefusedDetail | undefined): Html {
  const text = !detail || detail.refused === 'unavailable' ? ctx.t('roster-file-unavailable') : ctx.t('roster-file-refused', { reason: detail.refused, ...detail.details });
  return html`<p class="problem">${text}</p><p><a href="/console/roster">${ctx.t('console-roster-again')}</a></p>`;
}

function counts(ctx: PageContext, d: ImportDetail) {
  const s = d.summary;
  return {
    branch: d.branchName ? ctx.t('roster-in-branch', { branch: d.branchName }) : '',
    rows: s.rows, created: s.created, updated: s.updated, unchanged: s.unchanged, errors: s.errors, conflicts: s.conflicts, refused: s.errors + s.conflicts,
  };
}

function notes(ctx: PageContext, d: ImportDetail): Html {
  const lines: string[] = [];
  if (d.encoding && d.encoding !== 'UTF-8') lines.push(ctx.t('roster-encoding', { encoding: d.encoding }));
  if (d.unknownColumns.length) lines.push(ctx.t('roster-ignored-columns', { columns: d.unknownColumns.join('、') }));
  if (d.sameNameRows.length) lines.push(ctx.t('roster-same-name', { rows: d.sameNameRows.map(String).join('、') }));
  return lines.length ? html`<ul class="roster-notes">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : html``;
}

/** What a row says: the changes (old → new), or why it is not taken; a new row needs no words. */
function rowText(ctx: PageContext, r: DetailRow): string {
  const empty = ctx.t('roster-empty-value');
  if (r.kind === 'new') return r.attach ? ctx.t('console-roster-attach') : '';
  if (r.kind === 'update') return (r.changes ?? []).map((c) => ctx.t('roster-change', { field: c.column, from: c.from || empty, to: c.to || empty })).join('；');
  return (r.problems ?? []).map((e) => ctx.t('roster-row-problem', {
    row: String(r.row), column: e.column, problem: e.problem, sameAs: e.sameAs === undefined ? '-' : String(e.sameAs), onRecord: e.onRecord ?? '-',
  })).join('；');
}

function rowsTable(ctx: PageContext, rows: DetailRow[]): Html {
  return html`<table class="wide roster-rows">
    <thead><tr><th>${ctx.t('console-roster-col-row')}</th><th>${ctx.t('console-roster-col-name')}</th><th>${ctx.t('console-roster-col-what')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr class="roster-${r.kind}"><td>${r.row}</td><td>${r.name || ctx.t('console-roster-no-name')}</td><td>${rowText(ctx, r)}</td></tr>`)}</tbody>
  </table>`;
}

export interface RowsView {
  kind?: DetailRow['kind'];
  page: number;
}

/** Each kind's rows: the first page of each, or every page of one kind (`?kind=update&page=2`). */
function kindSections(ctx: PageContext, jobId: number, d: ImportDetail, view: RowsView): Html {
  return html`${KINDS.filter((k) => !view.kind || view.kind === k).map((kind) => {
    const rows = d.rows.filter((r) => r.kind === kind);
    if (rows.length === 0) return html``;
    const pages = Math.ceil(rows.length / ROWS_PER_PAGE);
    const page = view.kind ? Math.min(Math.max(1, view.page), pages) : 1;
    const shown = rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
    const link = (p: number) => `/console/roster/${jobId}?kind=${kind}&page=${p}`;
    const pager = view.kind
      ? html`<nav class="pager">
          ${page > 1 ? html`<a href="${link(page - 1)}">${ctx.t('console-roster-prev')}</a>` : ''}
          <span>${ctx.t('console-roster-page', { page, pages })}</span>
          ${page < pages ? html`<a href="${link(page + 1)}">${ctx.t('console-roster-next')}</a>` : ''}
          <a href="/console/roster/${jobId}">${ctx.t('console-roster-back')}</a></nav>`
      : pages > 1 ? html`<p><a href="${link(1)}">${ctx.t('console-roster-more', { shown: shown.length, count: rows.length })}</a></p>` : '';
    return html`<section class="card roster-kind"><h2>${ctx.t('console-roster-kind', { kind, count: rows.length })}</h2>${rowsTable(ctx, shown)}${pager}</section>`;
  })}`;
}

/** The preview (with its buttons while it waits for confirmation) or the result of the apply. */
export function detailPage(ctx: PageContext, job: RosterJob, d: ImportDetail, view: RowsView): Html {
  const c = counts(ctx, d);
  const head = ctx.t(d.phase === 'preview' ? 'roster-preview' : 'roster-applied', c);
  const before = job.preview as { created?: number; updated?: number } | null;
  const differs = d.phase === 'apply' && before && (before.created !== d.summary.created || before.updated !== d.summary.updated);
  const writes = d.summary.created + d.summary.updated;
  return html`
    <section class="card">
      <p class="roster-summary">${head}</p>
      ${notes(ctx, d)}
      ${differs ? html`<p class="notice">${ctx.t('console-roster-differs', { created: before.created ?? 0, updated: before.updated ?? 0 })}</p>` : ''}
      ${d.phase === 'preview' && writes === 0 ? html`<p>${ctx.t('roster-preview-nothing')}</p>` : ''}
      ${job.report ? html`<p><a class="roster-report" href="/console/roster/${job.id}/report.xlsx">${ctx.t('console-roster-report')}</a></p>` : ''}
      ${job.state === 'previewed' ? actions(ctx, job, c) : ''}
    </section>
    ${kindSections(ctx, job.id, d, view)}
    ${job.state === 'done' ? html`<p><a href="/console/roster">${ctx.t('console-roster-again')}</a></p>` : ''}`;
}

function actions(ctx: PageContext, job: RosterJob, c: { created: number; updated: number }): Html {
  return html`<div class="roster-actions">
    <form method="post" action="/console/roster/${job.id}/apply" data-confirm="${ctx.t('console-roster-apply-question', c)}">
      ${ctx.csrf}<button type="submit" class="primary">${ctx.t('console-roster-apply', c)}</button>
    </form>
    <form method="post" action="/console/roster/${job.id}/cancel">
      ${ctx.csrf}<button type="submit">${ctx.t('console-roster-cancel')}</button>
    </form>
  </div>
  <p class="muted">${ctx.t('roster-preview-confirm')}</p>`;
}
