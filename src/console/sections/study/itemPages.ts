import { STUDY_CATEGORIES } from '../../../db/schema/index.js';
import { STUDY_FILE_ENDINGS, STUDY_FILE_MAX_BYTES } from '../../../features/study/files.js';
import type { StudyItemInput, StudyItemRow } from '../../../features/study/library.js';
import type { ItemReaders, MemberStudy } from '../../../features/study/progress.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { localDateTime, type OrgChoice } from '../scopeOrgs.js';
import { categoryLabel, orgOptions } from './common.js';

/** The fields of the add and edit form, as last typed (a refused form comes back with what was written). */
export function itemForm(ctx: PageContext, action: string, orgs: OrgChoice[], v: StudyItemInput, problem?: string, fileName?: string | null): Html {
  const accept = STUDY_FILE_ENDINGS.map((e) => `.${e}`).join(',');
  return html`<form class="panel study-form" method="post" action="/console${action}" enctype="multipart/form-data">
    ${ctx.csrf}
    ${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}
    <label>${ctx.t('console-study-field-org')} <select name="org" required>${orgOptions(orgs, v.orgId)}</select></label>
    <label>${ctx.t('console-study-field-title')} <input name="title" required maxlength="100" value="${v.title}"></label>
    <label>${ctx.t('console-study-field-category')} <select name="category" required>${STUDY_CATEGORIES.map((c) => html`<option value="${c}"${c === v.category ? html` selected` : ''}>${categoryLabel(ctx, c)}</option>`)}</select></label>
    <label>${ctx.t('console-study-field-date')} <input type="date" name="publishOn" required value="${v.publishOn}"></label>
    <small class="muted">${ctx.t('console-study-field-date-hint')}</small>
    <label>${ctx.t('console-study-field-occupations')} <input name="occupations" value="${v.occupations}"></label>
    <small class="muted">${ctx.t('console-study-field-occupations-hint')}</small>
    <label>${ctx.t('console-study-field-body')} <textarea name="body" rows="6" maxlength="2000">${v.body}</textarea></label>
    <label>${ctx.t('console-study-field-link')} <input type="url" name="link" value="${v.link}" placeholder="https://"></label>
    <label>${ctx.t('console-study-field-file')} <input type="file" name="file" accept="${accept}"></label>
    <small class="muted">${ctx.t('console-study-field-file-hint', { megabytes: STUDY_FILE_MAX_BYTES / 1024 / 1024, endings: STUDY_FILE_ENDINGS.join(', ') })}${fileName ? html`<br>${ctx.t('console-study-field-file-now', { file: fileName })}` : ''}</small>
    <button type="submit" class="primary">${ctx.t('console-study-save')}</button>
  </form>`;
}

/** The day of a read or a retirement on the person's own calendar. */
const when = (at: Date | null, timezone: string) => (at ? localDateTime(new Date(at), timezone).slice(0, 10) : '');

/** One item: what it says, who it is for, who read it by name; and editing, retiring, its file for those who run it. */
export function itemBody(ctx: PageContext, item: StudyItemRow & { mayEdit: boolean }, readers: ItemReaders, timezone: string, within: { orgs: OrgChoice[]; orgId: number | undefined }): Html {
  return html`<section class="card">
    ${item.retiredAt ? html`<p class="notice">${ctx.t('console-study-retired', { date: when(item.retiredAt, timezone) })}</p>` : ''}
    <table class="facts">
      <tr><th>${ctx.t('console-study-col-category')}</th><td>${categoryLabel(ctx, item.category)}</td></tr>
      <tr><th>${ctx.t('console-study-col-date')}</th><td>${item.publishOn}</td></tr>
      <tr><th>${ctx.t('console-study-col-from')}</th><td>${item.orgName}</td></tr>
      <tr><th>${ctx.t('console-study-col-occupations')}</th><td>${item.targetOccupations.length ? item.targetOccupations.join('、') : ctx.t('console-study-everyone')}</td></tr>
      ${item.link ? html`<tr><th>${ctx.t('console-study-field-link')}</th><td><a href="${item.link}" rel="noopener noreferrer">${item.link}</a></td></tr>` : ''}
      ${item.fileName ? html`<tr><th>${ctx.t('console-study-field-file')}</th><td><a href="/console/study/item/${item.id}/file">${item.fileName}</a></td></tr>` : ''}
    </table>
    ${item.body ? html`<blockquote class="text">${item.body.split('\n').map((line) => html`<p>${line}</p>`)}</blockquote>` : ''}
    ${item.mayEdit ? html`<div class="roster-actions">
      <a href="/console/study/item/${item.id}/edit">${ctx.t('console-study-edit')}</a>
      <form method="post" action="/console/study/item/${item.id}/retire" data-confirm="${ctx.t('console-study-retire-confirm')}">${ctx.csrf}
        <button type="submit">${ctx.t('console-study-retire')}</button></form>
    </div>` : ''}
  </section>
  <section class="card study-readers">
    <h2>${ctx.t('console-study-readers', { read: readers.read, total: readers.total })}</h2>
    ${within.orgs.length > 1 ? html`<form class="filters" method="get" action="/console/study/item/${item.id}">
      <label>${ctx.t('console-study-org')} <select name="org"><option value="">${ctx.t('console-study-all-mine')}</option>${orgOptions(within.orgs, within.orgId)}</select></label>
      <button type="submit">${ctx.t('console-study-choose')}</button>
    </form>` : ''}
    ${readers.rows.length < readers.total ? html`<p class="muted">${ctx.t('console-study-readers-shown', { shown: readers.rows.length, total: readers.total })}</p>` : ''}
    ${readers.total === 0 ? html`<p class="muted">${ctx.t('console-study-readers-none')}</p>` : html`<table class="wide">
      <thead><tr><th>${ctx.t('console-study-col-name')}</th><th>${ctx.t('console-study-col-branch')}</th><th>${ctx.t('console-study-col-state')}</th></tr></thead>
      <tbody>${readers.rows.map((r) => html`<tr class="${r.readAt ? 'study-read' : 'study-unread'}">
        <td data-label="${ctx.t('console-study-col-name')}"><a href="/console/study/member/${r.memberId}">${r.name}</a></td>
        <td data-label="${ctx.t('console-study-col-branch')}">${r.branch}</td>
        <td data-label="${ctx.t('console-study-col-state')}">${r.readAt ? ctx.t('console-study-state-read', { date: when(r.readAt, timezone) }) : ctx.t('console-study-state-unread')}</td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}

/** What one member was sent and read. */
export function memberBody(ctx: PageContext, items: MemberStudy[], timezone: string): Html {
  if (items.length === 0) return html`<p class="muted">${ctx.t('console-study-member-none')}</p>`;
  const read = items.filter((i) => i.readAt !== null).length;
  return html`<p>${ctx.t('console-study-member-summary', { read, total: items.length })}</p>
  <table class="wide">
    <thead><tr><th>${ctx.t('console-study-col-date')}</th><th>${ctx.t('console-study-col-title')}</th><th>${ctx.t('console-study-col-category')}</th><th>${ctx.t('console-study-col-state')}</th></tr></thead>
    <tbody>${items.map((i) => html`<tr>
      <td data-label="${ctx.t('console-study-col-date')}">${i.publishOn}</td>
      <td data-label="${ctx.t('console-study-col-title')}"><a href="/console/study/item/${i.itemId}">${i.title}</a></td>
      <td data-label="${ctx.t('console-study-col-category')}">${categoryLabel(ctx, i.category)}</td>
      <td data-label="${ctx.t('console-study-col-state')}">${i.readAt ? ctx.t('console-study-state-read', { date: when(i.readAt, timezone) }) : ctx.t('console-study-state-unread')}</td>
    </tr>`)}</tbody>
  </table>`;
}
