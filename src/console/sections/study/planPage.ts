import type { PlannedItem } from '../../../features/study/plan.js';
import type { MakeUpBranch } from '../../../features/study/makeUpList.js';
import { homecomingText } from '../../../features/study/makeUpList.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { categoryLabel } from './common.js';

/** The year's plan, a table a month: what goes out when, from which organisation, and how many have read it. */
export function planBody(ctx: PageContext, org: { id: number; name: string }, year: number, plan: Map<string, PlannedItem[]>): Html {
  const add = html`<p><a class="button" href="/console/study/new?org=${org.id}">${ctx.t('console-study-add')}</a></p>`;
  if (plan.size === 0) return html`${add}<p class="muted">${ctx.t('console-study-plan-empty', { org: org.name, year })}</p>`;
  return html`${add}${[...plan.entries()].map(([month, items]) => html`<section class="card study-month">
    <h2>${ctx.t('console-study-month', { month })}</h2>
    <table class="wide study-plan">
      <thead><tr><th>${ctx.t('console-study-col-date')}</th><th>${ctx.t('console-study-col-category')}</th><th>${ctx.t('console-study-col-title')}</th>
        <th>${ctx.t('console-study-col-from')}</th><th>${ctx.t('console-study-col-occupations')}</th><th>${ctx.t('console-study-col-read')}</th></tr></thead>
      <tbody>${items.map((i) => html`<tr>
        <td data-label="${ctx.t('console-study-col-date')}">${i.publishOn}</td>
        <td data-label="${ctx.t('console-study-col-category')}">${categoryLabel(ctx, i.category)}</td>
        <td data-label="${ctx.t('console-study-col-title')}"><a href="/console/study/item/${i.id}">${i.title}</a>${i.fileName ? html` <span class="muted">📎</span>` : ''}</td>
        <td data-label="${ctx.t('console-study-col-from')}">${i.inherited ? ctx.t('console-study-inherited', { org: i.orgName }) : i.orgName}</td>
        <td data-label="${ctx.t('console-study-col-occupations')}">${i.targetOccupations.length ? i.targetOccupations.join('、') : ctx.t('console-study-everyone')}</td>
        <td data-label="${ctx.t('console-study-col-read')}">${ctx.t('console-study-read-count', { read: i.read, audience: i.audience })}</td>
      </tr>`)}</tbody>
    </table>
  </section>`)}`;
}

/** 补课名单: by branch, each member with the titles not read and the Spring Festival answer. */
export function makeUpBody(ctx: PageContext, org: { id: number; name: string }, festival: string, { branches: list, total }: { branches: MakeUpBranch[]; total: number }): Html {
  const shown = list.reduce((n, b) => n + b.members.length, 0);
  const head = html`<p>${ctx.t('console-study-makeup-intro', { org: org.name, date: festival, count: total })}</p>
    <p><a href="/console/study/makeup/${org.id}.xlsx">${ctx.t('console-study-makeup-download')}</a></p>
    ${shown < total ? html`<p class="muted">${ctx.t('console-study-makeup-shown', { shown, total })}</p>` : ''}`;
  if (total === 0) return html`${head}<p class="muted">${ctx.t('console-study-makeup-none')}</p>`;
  const tr = (key: string, args?: Record<string, string | number>) => ctx.t(key, args);
  return html`${head}${list.map((b) => html`<section class="card study-branch">
    <h2>${b.branch} <span class="muted">${ctx.t('console-study-makeup-branch-count', { count: b.members.length })}</span></h2>
    <table class="wide">
      <thead><tr><th>${ctx.t('console-study-col-name')}</th><th>${ctx.t('console-study-col-missed')}</th><th>${ctx.t('console-study-col-homecoming')}</th></tr></thead>
      <tbody>${b.members.map((m) => html`<tr>
        <td data-label="${ctx.t('console-study-col-name')}"><a href="/console/study/member/${m.memberId}">${m.name}</a></td>
        <td data-label="${ctx.t('console-study-col-missed')}">${ctx.t('console-study-missed-count', { count: m.missed.length })}：${m.missed.join('；')}</td>
        <td data-label="${ctx.t('console-study-col-homecoming')}">${homecomingText(tr, m.homecoming)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`)}`;
}
