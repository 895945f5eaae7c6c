import type { TimelineEntry } from '../../../features/cards/timeline.js';
import { TIMELINE_LIMIT } from '../../../features/cards/timeline.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { localDateTime } from './format.js';

type Of<K extends TimelineEntry['kind']> = Extract<TimelineEntry, { kind: K }>;
const yes = (b: boolean | null | undefined) => (b ? 'yes' : 'no');

/** The tracking card (跟踪管理卡) as one list, newest first, each entry dated on the reader's clock. */
export function timelineSection(ctx: PageContext, memberId: number, entries: TimelineEntry[], more: boolean, timezone: string): Html {
  return html`<section class="record-timeline" id="timeline">
    <h2>${ctx.t('console-record-timeline')}</h2>
    ${entries.length === 0 ? html`<p class="muted">${ctx.t('console-record-timeline-empty')}</p>` : ''}
    <ol class="timeline">${entries.map((e) => html`<li class="entry entry-${e.kind}">
      <p class="when"><time datetime="${e.at.toISOString()}">${localDateTime(e.at, timezone)}</time>
        · <strong>${kindLabel(ctx, e)}</strong>${e.actor ? html` · <span class="muted">${ctx.t('console-record-by', { name: e.actor })}</span>` : ''}</p>
      ${body(ctx, memberId, e, timezone)}
    </li>`)}</ol>
    ${more ? html`<p class="muted">${ctx.t('console-record-timeline-more', { count: TIMELINE_LIMIT })}</p>` : ''}
  </section>`;
}

function kindLabel(ctx: PageContext, e: TimelineEntry): string {
  if (e.kind === 'contact') return ctx.t('console-record-contact-kind', { kind: e.contact });
  if (e.kind === 'other') return ctx.t('card-entry-kind', { kind: e.entryKind });
  return ctx.t('console-record-kind', { kind: e.kind });
}

function body(ctx: PageContext, memberId: number, e: TimelineEntry, timezone: string): Html {
  switch (e.kind) {
    case 'monthly':
      return html`<p>${ctx.t('card-content-report', { period: e.period, work: e.work ?? 'other', moved: yes(e.moved), difficulty: yes(e.difficulty), studied: yes(e.studied), late: yes(e.late) })}</p>`;
    case 'thought': return thought(ctx, memberId, e);
    case 'help': return help(ctx, e, timezone);
    case 'contact':
      return html`${e.thoughtReply ? html`<p class="muted">${ctx.t('console-record-thought-reply')}</p>` : ''}${e.note ? html`<blockquote>${e.note}</blockquote>` : ''}`;
    case 'departure':
      return html`<p>${ctx.t('console-record-departure-entry', { date: e.departedOn, place: e.place })}</p>
        ${e.employer || e.occupation ? html`<p>${[e.employer, e.occupation].filter(Boolean).join('，')}</p>` : ''}
        ${e.returnedOn ? html`<p class="muted">${ctx.t('console-record-departure-returned', { date: e.returnedOn })}</p>` : ''}`;
    case 'return': return html`<p>${ctx.t('console-record-return-entry', { checked: e.checked })}</p>`;
    case 'certificate':
      return html`<p>${ctx.t('console-record-certificate-entry', { state: e.state, number: e.number, from: e.issuedOn, until: e.validUntil, org: e.inflowOrg ?? 'none', on: e.handedOverOn ?? '' })}</p>`;
    case 'location': return html`<p>${ctx.t('console-record-location-entry', { place: e.place })}</p>`;
    case 'evaluation': return evaluation(ctx, e);
    case 'assigned': return html`<p>${ctx.t('console-record-assigned-entry', { role: e.role, person: e.person })}</p>`;
    case 'attached': return html`<p>${e.org === null ? ctx.t('console-record-detached-entry') : ctx.t('console-record-attached-entry', { org: e.org })}</p>`;
    case 'transfer': return html`<p>${ctx.t('console-record-transfer-entry', { from: e.from, to: e.to })}</p>`;
    case 'card': return html`<p>${ctx.t('console-record-card-edit-entry', { fields: e.fields.map((f) => ctx.t('console-record-field', { field: f })).join('、') })}</p>`;
    case 'status': return html`<p>${ctx.t('card-content-status', { to: e.to || 'other', found: yes(e.found) })}</p>`;
    case 'other': return e.text ? html`<p>${e.text}</p>` : html``;
  }
}

function thought(ctx: PageContext, memberId: number, e: Of<'thought'>): Html {
  return html`<p>${ctx.t('console-record-thought-title', { period: e.period })}</p>
    ${e.body ? html`<blockquote class="text">${e.body}</blockquote>` : ''}
    ${e.photos.length ? html`<p>${ctx.t('console-record-thought-photos', { count: e.photos.length })}
      ${e.photos.map((id, i) => html` <a href="/console/members/${memberId}/photos/${id}">${ctx.t('console-record-photo-page', { n: i + 1 })}</a>`)}</p>` : ''}`;
}

function help(ctx: PageContext, e: Of<'help'>, timezone: string): Html {
  return html`<p>${e.urgency === 'urgent' ? html`<strong class="urgent">${ctx.t('console-record-urgent')}</strong> ` : ''}${ctx.t('console-record-help-title', {
    id: String(e.id), category: ctx.t('stats-help-category', { category: e.category }), status: e.status,
  })}</p>
    <blockquote class="text">${e.description}</blockquote>
    <p class="muted">${e.assignee ? ctx.t('console-record-help-holder', { name: e.assignee }) : ctx.t('console-record-help-unheld')}${e.files ? html` · ${ctx.t('console-record-help-files', { count: e.files })}` : ''}</p>
    ${e.notes.length ? html`<ul class="notes">${e.notes.map((n) => html`<li><span class="muted">${localDateTime(n.at, timezone)}${n.who ? html` · ${n.who}` : ''}</span>：${n.note}</li>`)}</ul>` : ''}`;
}

function evaluation(ctx: PageContext, e: Of<'evaluation'>): Html {
  const parts: Html[] = [html`<p>${e.result
    ? ctx.t('console-record-evaluation-result', { year: String(e.year), result: ctx.t('evaluation-result-name', { result: e.result }), reason: e.reason ?? '' })
    : ctx.t('console-record-evaluation-open', { year: String(e.year) })}</p>`];
  if (e.selfRating || e.selfText) parts.push(html`<p>${ctx.t('console-record-evaluation-self', { rating: e.selfRating ?? 'none' })}${e.selfText ? html`：${e.selfText}` : ''}</p>`);
  if (e.homeOpinion) parts.push(html`<p>${ctx.t('console-record-evaluation-home')}：${e.homeOpinion}</p>`);
  if (e.inflowOpinion) parts.push(html`<p>${ctx.t('console-record-evaluation-inflow')}：${e.inflowOpinion}</p>`);
  return html`${parts}`;
}
