import { MEMBER_STATUSES } from '../../../db/schema/index.js';
import type { AttachedItem } from '../../../features/broadcasts/message.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { localDateTime } from '../scopeOrgs.js';
import { FIELDS, MAX_TEXT, one, type FormValues } from './form.js';
import { liveView, type Live } from './live.js';

const INDENT = '\u3000';
const has = (v: FormValues, key: string, value: string) => (v[key] ?? []).includes(value);
const checked = (on: boolean) => (on ? html` checked` : '');

/** The page's own script and styles: tags in the body, from our assets (the CSP allows nothing else). */
export const ASSETS = html`<link rel="stylesheet" href="/console/assets/broadcasts.css"><script src="/console/assets/broadcasts.js" defer></script>`;

function audienceFields(ctx: PageContext, v: FormValues, l: Live, occupations: string[]): Html {
  const rank = one(v, 'rank');
  return html`<fieldset class="bc-fields">
    <legend>${ctx.t('console-broadcasts-who')}</legend>
    <label>${ctx.t('console-broadcasts-org')}
      <select name="org">${l.orgs.map((o) => html`<option value="${o.id}"${o.id === l.orgId ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`)}</select></label>
    <fieldset class="bc-choices"><legend>${ctx.t('console-broadcasts-category')}</legend>
      ${MEMBER_STATUSES.map((s) => html`<label><input type="checkbox" name="status" value="${s}"${checked(has(v, 'status', s))}> ${ctx.t('console-broadcasts-status', { status: s })}</label>`)}</fieldset>
    <fieldset class="bc-choices"><legend>${ctx.t('console-broadcasts-rank')}</legend>
      ${(['', 'full', 'probationary'] as const).map((r) => html`<label><input type="radio" name="rank" value="${r}"${checked(rank === r)}> ${ctx.t('console-broadcasts-rank-choice', { rank: r || 'all' })}</label>`)}</fieldset>
    ${occupations.length ? html`<fieldset class="bc-choices"><legend>${ctx.t('console-broadcasts-occupation')}</legend>
      ${occupations.map((o) => html`<label><input type="checkbox" name="occupation" value="${o}"${checked(has(v, 'occupation', o))}> ${o}</label>`)}</fieldset>` : ''}
    <label>${ctx.t('console-broadcasts-place')} <input type="text" name="place" value="${one(v, 'place')}" placeholder="${ctx.t('console-broadcasts-place-hint')}" autocomplete="off"></label>
    <fieldset class="bc-choices"><legend>${ctx.t('console-broadcasts-flags')}</legend>
      <label><input type="checkbox" name="overdue" value="1"${checked(one(v, 'overdue') === '1')}> ${ctx.t('console-broadcasts-overdue')}</label>
      <label><input type="checkbox" name="nostudy" value="1"${checked(one(v, 'nostudy') === '1')}> ${ctx.t('console-broadcasts-nostudy')}</label></fieldset>
    <label>${ctx.t('console-broadcasts-exclude')} <input type="text" name="exclude" value="${one(v, 'exclude')}" placeholder="${ctx.t('console-broadcasts-exclude-hint')}" autocomplete="off"></label>
  </fieldset>`;
}

function contentFields(ctx: PageContext, v: FormValues, items: AttachedItem[]): Html {
  const item = one(v, 'item');
  return html`<fieldset class="bc-fields">
    <legend>${ctx.t('console-broadcasts-what')}</legend>
    <label>${ctx.t('console-broadcasts-text')}
      <textarea name="text" rows="5" maxlength="${MAX_TEXT}">${one(v, 'text')}</textarea></label>
    <label>${ctx.t('console-broadcasts-item')}
      <select name="item"><option value="">${ctx.t('console-broadcasts-item-none')}</option>
        ${items.map((i) => html`<option value="${i.id}"${String(i.id) === item ? html` selected` : ''}>${i.title}</option>`)}</select></label>
  </fieldset>`;
}

function whenFields(ctx: PageContext, v: FormValues, l: Live): Html {
  const later = one(v, 'when') === 'later';
  const min = localDateTime(ctx.now, l.timezone).replace(' ', 'T');
  return html`<fieldset class="bc-fields">
    <legend>${ctx.t('console-broadcasts-when')}</legend>
    <label><input type="radio" name="when" value="now"${checked(!later)}> ${ctx.t('console-broadcasts-when-now')}</label>
    <label><input type="radio" name="when" value="later"${checked(later)}> ${ctx.t('console-broadcasts-when-later')}
      <input type="datetime-local" name="sendAt" value="${one(v, 'sendAt')}" min="${min}"></label>
    ${l.mayUrgent
      ? html`<label><input type="checkbox" name="urgent" value="1"${checked(one(v, 'urgent') === '1')}> ${ctx.t('console-broadcasts-urgent')}</label>`
      : html`<p class="muted">${ctx.t('console-broadcasts-urgent-admins')}</p>`}
  </fieldset>`;
}

/** The composer: fields on one side, who it reaches and how it looks on the other; 预览 refreshes that without script. */
export function composer(ctx: PageContext, v: FormValues, l: Live, occupations: string[], items: AttachedItem[]): Html {
  return html`${ASSETS}
  <p><a href="/console/broadcasts">${ctx.t('console-broadcasts-back')}</a></p>
  <div class="bc-compose">
    <form id="bc-composer" class="panel" method="post" action="/console/broadcasts/confirm">
      ${ctx.csrf}
      ${audienceFields(ctx, v, l, occupations)}
      ${contentFields(ctx, v, items)}
      ${whenFields(ctx, v, l)}
      <p class="bc-actions">
        <button type="submit" formaction="/console/broadcasts/new" name="preview" value="1">${ctx.t('console-broadcasts-preview-button')}</button>
        <button type="submit" class="primary">${ctx.t('console-broadcasts-next')}</button>
      </p>
    </form>
    ${liveView(ctx, l)}
  </div>`;
}

/** The same fields again, hidden: what the confirmation sends on (or back to the composer to change). */
export function hiddenFields(v: FormValues): Html {
  return html`${FIELDS.flatMap((k) => (v[k] ?? []).map((value) => html`<input type="hidden" name="${k}" value="${value}">`))}`;
}

/** The last look before sending: how many, a few names, the text as members will see it, when, and the two buttons. */
export function confirmation(ctx: PageContext, v: FormValues, l: Live, orgName: string): Html {
  return html`${ASSETS}
  <p class="bc-confirm-question">${ctx.t('console-broadcasts-confirm-question', { org: orgName, members: l.counts.members, reachable: l.counts.reachable })}</p>
  ${liveView(ctx, l)}
  <form class="panel bc-confirm" method="post" action="/console/broadcasts">
    ${ctx.csrf}${hiddenFields(v)}
    <p class="bc-actions">
      <button type="submit" formaction="/console/broadcasts/new">${ctx.t('console-broadcasts-change')}</button>
      <button type="submit" class="primary" name="confirm" value="1">${ctx.t(l.c.sendAt ? 'console-broadcasts-schedule-button' : 'console-broadcasts-send-button')}</button>
    </p>
  </form>`;
}
