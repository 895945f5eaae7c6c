import type { DeskRequest, RequestEvent } from '../../features/helpdesk/detail.js';
import { ageOf } from '../../features/helpdesk/views.js';
import type { PageContext } from '../context.js';
import { html, type Html } from '../html.js';
import { localDateTime } from './record/format.js';
import { holderWords, urgencyBadge } from './helpdeskView.js';

/** The request's page: the member's words, who holds it, how far up it went, its history, and what can be done. */
export function requestPage(ctx: PageContext, d: DeskRequest, timezone: string, opts: { status?: number; problem?: string } = {}) {
  const r = d.request;
  const t = ctx.t;
  const when = (at: Date) => localDateTime(at, timezone);
  const body = html`
    ${opts.problem ? html`<p class="problem" role="alert">${opts.problem}</p>` : ''}
    <p><a href="/console/help">${t('console-help-back')}</a></p>
    <div class="record-columns">
      <section class="card">
        <table class="facts">
          <tr><th scope="row">${t('console-help-col-member')}</th><td><a href="/console/members/${r.memberId}">${d.member}</a> <span class="muted">${d.branch}</span></td></tr>
          <tr><th scope="row">${t('console-help-col-what')}</th><td>${t(`help-category-${r.category}`)}</td></tr>
          <tr><th scope="row">${t('console-help-col-urgency')}</th><td>${urgencyBadge(ctx, r.urgency)}</td></tr>
          <tr><th scope="row">${t('console-help-col-age')}</th><td>${when(r.createdAt)}（${ageOf(ctx.language, r.createdAt, ctx.now)}）</td></tr>
          <tr><th scope="row">${t('console-help-col-status')}</th><td class="help-status">${t('console-help-status', { status: r.status })}</td></tr>
          <tr><th scope="row">${t('console-help-col-holder')}</th><td>${holderWords(ctx, d.assignee, r.escalationLevel)}${r.escalatedAt ? html` <span class="muted">${when(r.escalatedAt)}</span>` : ''}</td></tr>
          ${d.files.length > 0 ? html`<tr><th scope="row">${t('console-help-files-label')}</th><td>${fileLinks(ctx, d)}</td></tr>` : ''}
        </table>
        <h2>${t('console-help-description')}</h2>
        <blockquote class="text help-description">${r.description}</blockquote>
        ${memberAnswer(ctx, d, when)}
      </section>
      <section class="card help-actions">${actions(ctx, d)}</section>
    </div>
    <section class="card"><h2>${t('console-help-history')}</h2>
      <ol class="timeline help-history">${d.events.map((e) => eventItem(ctx, d, e, when))}</ol>
    </section>`;
  return ctx.page(t('console-help-request-title', { id: r.id, name: d.member }), body, opts.status ?? 200);
}

/** The attached photos and documents, each through the desk's own route (scope checked, audited). */
function fileLinks(ctx: PageContext, d: DeskRequest): Html {
  const kindOf = (mime: string | null) => (mime?.startsWith('image/') ? 'photo' : mime?.startsWith('audio/') ? 'audio' : mime?.startsWith('video/') ? 'video' : 'file');
  return html`<ul class="help-files">${d.files.map((f, i) => html`<li><a href="/console/help/${d.request.id}/files/${f.id}">${ctx.t('console-help-file-link', { kind: kindOf(f.mime), n: i + 1 })}</a></li>`)}</ul>
    <p class="muted">${ctx.t('console-help-files-note')}</p>`;
}

/** The member's own word on a request marked solved: confirmed, reopened, or still to come. */
function memberAnswer(ctx: PageContext, d: DeskRequest, when: (at: Date) => string): Html {
  const last = [...d.events].reverse().find((e) => e.byMember && (e.toStatus === 'confirmed' || e.toStatus === 'reopened'));
  if (d.request.status === 'resolved') return html`<p class="help-answer muted">${ctx.t('console-help-awaiting-member')}</p>`;
  if (!last) return html``;
  return html`<p class="help-answer ${last.toStatus === 'reopened' ? 'urgent' : ''}">${ctx.t('console-help-member-said', { answer: last.toStatus, name: d.member, at: when(last.at) })}</p>`;
}

function eventKind(e: RequestEvent): string {
  if (e.byMember) return e.toStatus === 'open' ? 'created' : e.toStatus;
  if (e.actorId === null) return 'escalated';
  if (e.note !== null && e.fromStatus === e.toStatus) return 'note';
  return ({ in_progress: 'taken', assigned: 'handed', resolved: 'resolved' } as Record<string, string>)[e.toStatus] ?? 'changed';
}

function eventItem(ctx: PageContext, d: DeskRequest, e: RequestEvent, when: (at: Date) => string): Html {
  const kind = eventKind(e);
  return html`<li class="help-event help-event-${kind}">
    <p class="when muted">${when(e.at)}</p>
    <p>${ctx.t('console-help-event', { kind, who: e.actor || d.member, status: e.toStatus })}</p>
    ${e.note ? html`<blockquote>${e.note}</blockquote>` : ''}
  </li>`;
}

/** Take, note, hand over, resolve: each the chat's own step, posted with the page's CSRF token. */
function actions(ctx: PageContext, d: DeskRequest): Html {
  const r = d.request;
  const t = ctx.t;
  const mine = r.assigneeId === ctx.staff.personId;
  const closed = r.status === 'confirmed';
  const form = (name: string, fields: Html, button: string, confirm?: string) => html`<form method="post" action="/console/help/${r.id}/${name}" class="help-form"${confirm ? html` data-confirm="${confirm}"` : ''}>
      ${ctx.csrf}${fields}<button type="submit" class="primary">${button}</button></form>`;
  const take = !closed && !(mine && r.status === 'in_progress') ? form('take', html``, t('console-help-take')) : '';
  const resolve = !closed && r.status !== 'resolved' ? form('resolve', html`<p class="muted">${t('console-help-resolve-explain')}</p>`, t('console-help-resolve'), t('console-help-resolve-confirm', { name: d.member })) : '';
  const handover = closed ? '' : d.candidates.length === 0
    ? html`<p class="muted">${t('staff-help-nobody-to-hand-to', { id: r.id })}</p>`
    : form('handover', html`<label for="help-to">${t('console-help-handover-to')}</label>
        <select id="help-to" name="to" required><option value="">${t('console-help-pick-person')}</option>${d.candidates.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>`,
      t('console-help-handover'), t('console-help-handover-confirm'));
  const note = form('note', html`<label for="help-note">${t('console-help-note-label')}</label><textarea id="help-note" name="note" maxlength="500" required></textarea>`, t('console-help-add-note'));
  return html`<h2>${t('console-help-actions')}</h2>
    ${closed ? html`<p class="muted">${t('console-help-closed')}</p>` : ''}
    ${take}${resolve}${handover}${note}`;
}
