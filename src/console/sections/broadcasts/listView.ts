import type { NoticeProgress } from '../../../features/broadcasts/progress.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { localDateTime } from '../scopeOrgs.js';
import { ASSETS } from './composeView.js';

const EXCERPT = 40;
const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s);

function stateLabel(ctx: PageContext, n: NoticeProgress, timezone: string): string {
  if (n.state === 'scheduled' && n.sendAt && n.sendAt.getTime() <= ctx.now.getTime()) return ctx.t('console-broadcasts-state-queueing');
  if (n.state === 'scheduled' && n.sendAt) return ctx.t('console-broadcasts-state-scheduled', { at: localDateTime(n.sendAt, timezone) });
  return ctx.t('console-broadcasts-state', { state: n.state });
}

/** The progress a page shows and the script polls: the same numbers, the same words. */
export function progressJson(ctx: PageContext, n: NoticeProgress, timezone: string, failedNames: string[]) {
  return {
    state: n.state, label: stateLabel(ctx, n, timezone), members: n.members, delivered: n.delivered, failed: n.failed,
    waiting: n.waiting, read: n.read, groups: n.groups, groupsDelivered: n.groupsDelivered, failedNames,
  };
}

/** 通知: the notices of the person's subtrees, newest first, each with where its delivery stands. */
export function noticeList(ctx: PageContext, notices: NoticeProgress[], timezone: string): Html {
  const rows = notices.map((n) => html`<tr>
    <td><a href="/console/broadcasts/${n.id}">${localDateTime(n.sendAt ?? n.createdAt, timezone)}</a></td>
    <td>${excerpt(n.body)}${n.urgent ? html` <strong class="bc-urgent">${ctx.t('console-broadcasts-urgent-tag')}</strong>` : ''}</td>
    <td>${n.orgName}</td><td>${n.sender}</td>
    <td class="bc-state" data-state="${n.state}">${stateLabel(ctx, n, timezone)}</td>
    <td>${n.delivered}</td><td>${n.failed}</td><td>${n.read}</td><td>${n.waiting}</td>
  </tr>`);
  return html`${ASSETS}<p><a class="button primary" href="/console/broadcasts/new">${ctx.t('console-broadcasts-new')}</a></p>
  ${notices.length === 0 ? html`<p class="muted">${ctx.t('console-broadcasts-none')}</p>` : html`<table class="wide bc-list">
    <thead><tr><th>${ctx.t('console-broadcasts-col-when')}</th><th>${ctx.t('console-broadcasts-col-text')}</th><th>${ctx.t('console-broadcasts-col-org')}</th><th>${ctx.t('console-broadcasts-col-sender')}</th>
      <th>${ctx.t('console-broadcasts-col-state')}</th><th>${ctx.t('console-broadcasts-delivered')}</th><th>${ctx.t('console-broadcasts-failed')}</th><th>${ctx.t('console-broadcasts-read')}</th><th>${ctx.t('console-broadcasts-waiting')}</th></tr></thead>
    <tbody>${rows}</tbody></table>`}`;
}

/** One notice: its text, to whom, and its delivery as it goes (the script polls while it is not done). */
export function noticePage(ctx: PageContext, n: NoticeProgress, timezone: string, failedNames: string[]): Html {
  const p = progressJson(ctx, n, timezone, failedNames);
  const count = (id: string, key: string, value: number) => html`<div><dt>${ctx.t(key)}</dt><dd id="${id}">${value}</dd></div>`;
  return html`${ASSETS}
  <p><a href="/console/broadcasts">${ctx.t('console-broadcasts-back')}</a></p>
  <section class="card bc-notice" id="bc-progress-panel" data-progress="/console/broadcasts/${n.id}/progress" data-state="${n.state}">
    <p class="bc-meta">${ctx.t('console-broadcasts-meta', { org: n.orgName, sender: n.sender, at: localDateTime(n.createdAt, timezone) })}${n.urgent ? html` <strong class="bc-urgent">${ctx.t('console-broadcasts-urgent-tag')}</strong>` : ''}</p>
    <div class="bc-bubble"><p class="bc-text">${n.body}</p></div>
    <p class="bc-state-line"><strong id="bc-state" data-state="${n.state}">${p.label}</strong></p>
    <progress id="bc-bar" max="${Math.max(1, n.members)}" value="${n.delivered + n.failed}"></progress>
    <dl class="bc-counts">
      ${count('bc-members', 'console-broadcasts-members', n.members)}
      ${count('bc-delivered', 'console-broadcasts-delivered', n.delivered)}
      ${count('bc-failed', 'console-broadcasts-failed', n.failed)}
      ${count('bc-read', 'console-broadcasts-read', n.read)}
      ${count('bc-waiting', 'console-broadcasts-waiting', n.waiting)}
    </dl>
    ${n.groups ? html`<p class="muted">${ctx.t('console-broadcasts-groups', { delivered: n.groupsDelivered, groups: n.groups })}</p>` : ''}
    <h2>${ctx.t('console-broadcasts-failed-names')}</h2>
    <p id="bc-failed-names" class="${failedNames.length ? '' : 'muted'}">${failedNames.length ? failedNames.join('、') : ctx.t('console-broadcasts-failed-none')}</p>
  </section>
  ${n.state === 'scheduled' ? html`<form class="panel" method="post" action="/console/broadcasts/${n.id}/cancel" data-confirm="${ctx.t('console-broadcasts-cancel-question')}">
    ${ctx.csrf}<button type="submit">${ctx.t('console-broadcasts-cancel')}</button></form>` : ''}`;
}
