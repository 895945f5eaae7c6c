import type { RegistrationCard } from '../../../features/cards/registration.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { select } from './cardView.js';

export interface ActionOptions {
  card: RegistrationCard;
  /** May change the record (assign, depart, return, issue, attach, transfer): the home side's managers. */
  canManage: boolean;
  /** May note a contact and the certificate's hand-over: everyone who serves the member. */
  canLog: boolean;
  candidates: { id: number; name: string; roles: string[] }[];
  inflowOrgs: { id: number; name: string }[];
  /** Today on the staff person's calendar, the default date of a form. */
  today: string;
}

/** The things one can do about the member, each a small form posting to /console/members/:id/…; only those the person may do. */
export function actionsSection(ctx: PageContext, o: ActionOptions): Html {
  const forms = [
    o.canLog ? contactForm(ctx, o) : undefined,
    o.canManage ? assignForm(ctx, o) : undefined,
    o.canManage && !o.card.away ? departureForm(ctx, o) : undefined,
    o.canManage && (o.card.away || o.card.status === 'mobile') ? returnForm(ctx, o) : undefined,
    o.canManage ? certificateForm(ctx, o) : undefined,
    o.canLog && o.card.certificate?.state === 'issued' ? handOverForm(ctx, o) : undefined,
    o.canManage ? attachForm(ctx, o) : undefined,
    o.canManage ? transferForm(ctx, o) : undefined,
  ].filter((f): f is Html => f !== undefined);
  if (forms.length === 0) return html``;
  return html`<section class="card record-actions" id="actions"><h2>${ctx.t('console-record-actions')}</h2>${forms}</section>`;
}

function action(ctx: PageContext, o: ActionOptions, name: string, title: string, fields: Html, extra: Html = html``): Html {
  return html`<details class="action" id="action-${name}">
    <summary>${title}</summary>
    <form method="post" action="/console/members/${o.card.memberId}/${name}" class="panel"${extra}>
      ${ctx.csrf}${fields}
      <button type="submit" class="primary">${ctx.t('console-record-submit')}</button>
    </form>
  </details>`;
}

const label = (id: string, text: string) => html`<label for="${id}">${text}</label>`;

function contactForm(ctx: PageContext, o: ActionOptions): Html {
  const kinds = (['call', 'message', 'visit'] as const).map((k): [string, string] => [k, ctx.t('console-record-contact-kind', { kind: k })]);
  return action(ctx, o, 'contact', ctx.t('console-record-log-contact'), html`
    ${label('contact-kind', ctx.t('console-record-contact-how'))}${select('kind', 'call', kinds, 'contact-kind')}
    ${label('contact-note', ctx.t('console-record-note'))}<textarea id="contact-note" name="note" maxlength="500"></textarea>`);
}

function assignForm(ctx: PageContext, o: ActionOptions): Html {
  const roles: [string, string][] = [['liaison', ctx.t('role-liaison')], ['helper', ctx.t('role-helper')]];
  const people = o.candidates.map((p): [string, string] => [String(p.id), `${p.name}（${p.roles.map((r) => ctx.t(`role-${r}`)).join('、')}）`]);
  return action(ctx, o, 'assign', ctx.t('console-record-assign'), html`
    ${label('assign-role', ctx.t('console-record-role'))}${select('role', 'liaison', roles, 'assign-role')}
    ${label('assign-person', ctx.t('console-record-person'))}${select('personId', undefined, people, 'assign-person')}`);
}

function departureForm(ctx: PageContext, o: ActionOptions): Html {
  return action(ctx, o, 'departure', ctx.t('console-record-departure'), html`
    ${label('dep-on', ctx.t('console-record-departed-on'))}<input type="date" id="dep-on" name="departedOn" value="${o.today}" required>
    ${label('dep-place', ctx.t('console-record-destination'))}<input id="dep-place" name="destination" maxlength="200" required>
    ${label('dep-employer', ctx.t('console-record-field', { field: 'employer' }))}<input id="dep-employer" name="employer" maxlength="200">
    ${label('dep-occupation', ctx.t('console-record-field', { field: 'occupation' }))}<input id="dep-occupation" name="occupation" maxlength="200">
    ${label('dep-contact', ctx.t('console-record-field', { field: 'contact' }))}<input id="dep-contact" name="contact" maxlength="200">`);
}

function returnForm(ctx: PageContext, o: ActionOptions): Html {
  return action(ctx, o, 'return', ctx.t('console-record-return'), html`
    ${label('ret-on', ctx.t('console-record-returned-on'))}<input type="date" id="ret-on" name="returnedOn" value="${o.today}" required>`);
}

function orgOptions(ctx: PageContext, o: ActionOptions, emptyKey: string): [string, string][] {
  return [['', ctx.t(emptyKey)], ...o.inflowOrgs.map((g): [string, string] => [String(g.id), g.name])];
}

function certificateForm(ctx: PageContext, o: ActionOptions): Html {
  return action(ctx, o, 'certificate', ctx.t('console-record-issue-certificate'), html`
    ${label('cert-number', ctx.t('console-record-cert-number'))}<input id="cert-number" name="number" maxlength="50" required>
    ${label('cert-from', ctx.t('console-record-issued-on'))}<input type="date" id="cert-from" name="issuedOn" value="${o.today}" required>
    ${label('cert-until', ctx.t('console-record-valid-until'))}<input type="date" id="cert-until" name="validUntil" required>
    ${label('cert-org', ctx.t('console-record-cert-inflow'))}${select('inflowOrgId', '', orgOptions(ctx, o, 'console-record-no-org'), 'cert-org')}`);
}

function handOverForm(ctx: PageContext, o: ActionOptions): Html {
  return action(ctx, o, 'handover', ctx.t('console-record-handover'), html`
    ${label('handover-on', ctx.t('console-record-handed-over-on'))}<input type="date" id="handover-on" name="on" value="${o.today}" required>`);
}

function attachForm(ctx: PageContext, o: ActionOptions): Html {
  const options = orgOptions(ctx, o, o.card.inflowOrg ? 'console-record-detach' : 'console-record-pick-org');
  return action(ctx, o, 'attach', ctx.t('console-record-attach'), html`
    ${label('attach-org', ctx.t('console-record-inflow-org'))}${select('inflowOrgId', '', options, 'attach-org')}`);
}

function transferForm(ctx: PageContext, o: ActionOptions): Html {
  return action(ctx, o, 'transfer', ctx.t('console-record-transfer'), html`
    ${label('transfer-org', ctx.t('console-record-transfer-to'))}<input id="transfer-org" name="org" maxlength="200" required>
    <p class="muted">${ctx.t('console-record-transfer-explain')}</p>`, html` data-confirm="${ctx.t('console-record-transfer-data-confirm')}"`);
}

/** The second step of a transfer: the question the chat asks, and a form that carries the confirmation to the server. */
export function transferConfirmation(ctx: PageContext, memberId: number, question: string, orgId: number): Html {
  return html`<p class="problem">${question}</p>
    <form method="post" action="/console/members/${memberId}/transfer" class="panel" data-confirm="${ctx.t('console-record-transfer-data-confirm')}">
      ${ctx.csrf}
      <input type="hidden" name="orgId" value="${orgId}">
      <p><label class="inline"><input type="checkbox" name="confirm" value="yes" required> ${ctx.t('console-record-transfer-confirm-box')}</label></p>
      <button type="submit" class="primary">${ctx.t('staff-button-confirm-transfer')}</button>
      <a href="/console/members/${memberId}">${ctx.t('staff-button-cancel')}</a>
    </form>`;
}
