import type { CardProblem } from '../../../features/cards/edit.js';
import { CARD_FIELDS, type CardField, type RegistrationCard } from '../../../features/cards/registration.js';
import type { Field } from '../../../roster/columns.js';
import { CATEGORY_LABELS, STATUS_LABEL } from '../../../roster/values.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';

/** What was typed into the card's form when it was refused: shown again, with what is wrong next to each field. */
export interface CardFormState {
  values: Partial<Record<CardField, string>>;
  problems: CardProblem[];
}

/** The order the printed 登记卡 has; 所在支部 sits among the facts but is changed by a transfer, not here. */
const SHOWN: readonly Field[] = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'phone', 'education', 'branch', 'category', 'status', 'probationEndsOn',
  'joinedOn', 'fullMemberOn', 'occupation', 'employer', 'destination', 'departedOn', 'contactName', 'contactPhone', 'contact',
];

const CATEGORIES = ['mobile', 'laid_off', 'resident', 'returned'] as const;

/** The registration card as a table of facts, and for those who manage the member, the form that changes it. */
export function cardSection(ctx: PageContext, card: RegistrationCard, canManage: boolean, form?: CardFormState): Html {
  const none = ctx.t('console-record-empty');
  const shown = (f: Field) => {
    if (f === 'category') return ctx.t('console-record-category', { category: card.status });
    if (f === 'status') return ctx.t('console-record-membership', { probationary: card.probationary ? 'yes' : 'no' });
    return card.values[f] || none;
  };
  const cert = card.certificate;
  return html`<section class="card record-card" id="card">
    <h2>${ctx.t('console-record-card')}</h2>
    <table class="facts"><tbody>
      ${SHOWN.map((f) => html`<tr><th scope="row">${ctx.t('console-record-field', { field: f })}</th><td>${shown(f)}</td></tr>`)}
      <tr><th scope="row">${ctx.t('console-record-inflow-org')}</th><td>${card.inflowOrg ?? none}</td></tr>
      <tr><th scope="row">${ctx.t('console-record-liaison')}</th><td>${card.liaison ?? none}</td></tr>
      <tr><th scope="row">${ctx.t('console-record-helpers')}</th><td>${card.helpers.length ? card.helpers.join('、') : none}</td></tr>
      <tr><th scope="row">${ctx.t('console-record-certificate')}</th><td>${cert
        ? ctx.t('console-record-certificate-line', { number: cert.number, from: cert.issuedOn, until: cert.validUntil, state: cert.state }) : none}</td></tr>
    </tbody></table>
    ${canManage ? cardForm(ctx, card, form) : ''}
  </section>`;
}

function cardForm(ctx: PageContext, card: RegistrationCard, form: CardFormState | undefined): Html {
  const value = (f: CardField) => form?.values[f] ?? card.values[f];
  const problems = form?.problems ?? [];
  const problemOf = (f: Field) => problems.filter((p) => p.field === f).map((p) => html`<p class="field-problem">${ctx.t('console-record-problem', { problem: p.problem })}</p>`);
  const field = (f: CardField, input: Html, hint?: string) => html`<div class="field${problems.some((p) => p.field === f) ? ' invalid' : ''}">
      <label for="card-${f}">${ctx.t('console-record-field', { field: f })}</label>${input}${hint ? html`<small class="muted">${hint}</small>` : ''}${problemOf(f)}</div>`;
  const text = (f: CardField, extra: Html = html``) => html`<input id="card-${f}" name="${f}" value="${value(f)}" maxlength="${f === 'name' ? 50 : 200}"${extra}>`;
  const dateHint = ctx.t('console-record-date-hint');
  const inputs: Record<CardField, Html> = {
    name: field('name', text('name', html` required`)),
    gender: field('gender', select('gender', value('gender'), [['', ctx.t('console-record-empty')], ['男', ctx.t('console-record-gender', { gender: 'male' })], ['女', ctx.t('console-record-gender', { gender: 'female' })]])),
    ethnicity: field('ethnicity', text('ethnicity')),
    birthDate: field('birthDate', text('birthDate'), dateHint),
    idNumber: field('idNumber', text('idNumber', html` autocomplete="off"`), card.values.idNumber.includes('*') ? ctx.t('console-record-id-masked-hint') : undefined),
    phone: field('phone', text('phone', html` inputmode="tel"`)),
    education: field('education', text('education')),
    category: card.status === 'lost_contact'
      ? field('category', html`<p id="card-category">${ctx.t('console-record-category-lost')}</p>`)
      : field('category', select('category', value('category'), CATEGORIES.map((c): [string, string] => [CATEGORY_LABELS[c], ctx.t('console-record-category', { category: c })]))),
    status: field('status', select('status', value('status'), [false, true].map((p): [string, string] => [STATUS_LABEL(p), ctx.t('console-record-membership', { probationary: p ? 'yes' : 'no' })]))),
    probationEndsOn: field('probationEndsOn', text('probationEndsOn'), ctx.t('console-record-day-hint')),
    joinedOn: field('joinedOn', text('joinedOn'), dateHint),
    fullMemberOn: field('fullMemberOn', text('fullMemberOn'), dateHint),
    occupation: field('occupation', text('occupation')),
    employer: field('employer', text('employer')),
    destination: field('destination', text('destination')),
    departedOn: field('departedOn', text('departedOn'), dateHint),
    contactName: field('contactName', text('contactName')),
    contactPhone: field('contactPhone', text('contactPhone', html` inputmode="tel"`)),
    contact: field('contact', text('contact')),
  };
  return html`<details class="edit-card"${problems.length ? html` open` : ''}>
    <summary>${ctx.t('console-record-edit-card')}</summary>
    ${problems.length ? html`<p class="problem" role="alert">${ctx.t('console-record-card-invalid')}</p>` : ''}
    <form method="post" action="/console/members/${card.memberId}/card" class="panel card-form">
      ${ctx.csrf}
      <div class="fields">${CARD_FIELDS.map((f) => inputs[f])}</div>
      <button type="submit" class="primary">${ctx.t('console-record-save-card')}</button>
    </form>
  </details>`;
}

/** A select whose options are [value, label]; the current value is selected. */
export function select(name: string, current: string | undefined, options: [string, string][], id = `card-${name}`): Html {
  return html`<select id="${id}" name="${name}">${options.map(([v, label]) => html`<option value="${v}"${v === current ? html` selected` : ''}>${label}</option>`)}</select>`;
}
