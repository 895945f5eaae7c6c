import { helpChart, lostFoundChart, membersChart, overdueChart, reportingChart } from '../../features/dashboard/charts.js';
import type { DashboardFigures, DashboardOrg } from '../../features/dashboard/index.js';
import { provinceMapSvg } from '../../features/dashboard/map.js';
import { renderSvg } from '../../features/dashboard/render.js';
import { localMinute } from '../../bot/period.js';
import type { PageContext } from '../context.js';
import { html, raw, type Html } from '../html.js';
import type { OrgChoice } from './scopeOrgs.js';

const INDENT = '\u3000';
const CHART = { width: 480, height: 300 } as const;
const MAP = { width: 640, height: 520 } as const;
const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`);

interface View {
  org: DashboardOrg;
  figures: DashboardFigures;
  orgs: OrgChoice[];
  parent: OrgChoice | undefined;
  /** The reader's clock, for when the figures were computed. */
  timezone: string;
}

/** The dashboard's page body: the picker, the figures as tiles, the charts, the map and the organisations below. */
export async function dashboardBody(ctx: PageContext, v: View): Promise<Html> {
  const { figures: f, org } = v;
  const list = (query: string) => `/console/members?org=${org.orgId}${query}`;
  const t = ctx.t;
  const overdueRows = f.overdue.liaisons.map((r) => ({ name: r.name ?? t('console-dashboard-no-liaison'), count: r.count }));
  const charts = {
    reporting: await renderSvg(reportingChart(f.reporting, t), CHART),
    overdue: f.overdue.liaisons.length ? await renderSvg(overdueChart(overdueRows, t), { width: CHART.width, height: Math.max(160, 40 + 28 * overdueRows.length) }) : '',
    lostFound: await renderSvg(lostFoundChart(f.lostFound, t), CHART),
    help: f.help.length ? await renderSvg(helpChart(f.help, t), CHART) : '',
    members: await renderSvg(membersChart(f.counts, t), { width: 420, height: 300 }),
    map: await provinceMapSvg(f.provinces, t, ctx.language, MAP, (code) => list(`&place=${code}`)),
  };
  return html`<link rel="stylesheet" href="/console/assets/dashboard.css">
    ${picker(ctx, v)}
    ${tiles(ctx, f, list)}
    <p class="muted dash-as-of">${f.asOf ? t('console-dashboard-as-of', { time: localMinute(f.asOf, v.timezone) }) : t('console-dashboard-live')}</p>
    <div class="dash-grid">
      ${figure('reporting', t('console-dashboard-reporting-title'), charts.reporting)}
      ${figure('overdue', t('console-dashboard-overdue-title'), charts.overdue, overdueLinks(ctx, f, list))}
      ${figure('lost-found', t('console-dashboard-lost-title'), charts.lostFound)}
      ${figure('help', t('console-dashboard-help-title'), charts.help, f.help.length ? html`` : html`<p class="muted">${t('console-dashboard-none')}</p>`)}
      ${figure('members', t('console-dashboard-members-title'), charts.members)}
      ${probation(ctx, f, list)}
      ${figure('map', t('console-dashboard-map-title'), charts.map, f.provinces.length ? html`` : html`<p class="muted">${t('console-dashboard-map-none')}</p>`, 'dash-wide')}
    </div>
    ${children(ctx, f)}`;
}

function picker(ctx: PageContext, v: View): Html {
  const up = v.parent ? html`<a class="dash-up" href="/console/dashboard?org=${v.parent.id}">${ctx.t('console-dashboard-up', { org: v.parent.name })}</a>` : '';
  if (v.orgs.length < 2) return html`<p>${up}</p>`;
  return html`<form class="filters" method="get" action="/console/dashboard">
    <label>${ctx.t('console-dashboard-org')}
      <select name="org">${v.orgs.map((o) => html`<option value="${o.id}"${o.id === v.org.orgId ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`)}</select>
    </label>
    <button type="submit">${ctx.t('console-dashboard-choose')}</button> ${up}
  </form>`;
}

function tiles(ctx: PageContext, f: DashboardFigures, list: (q: string) => string): Html {
  const t = ctx.t;
  const month = f.reporting.at(-1)!;
  const openHelp = f.help.reduce((a, r) => a + r.count, 0);
  const tile = (key: string, value: string, href: string) => html`<a class="tile dash-tile" href="${href}"><span>${t(key)}</span><strong>${value}</strong></a>`;
  return html`<section class="tiles dash-tiles">
    ${tile('console-dashboard-tile-reported', t('console-dashboard-tile-reported-value', { reported: month.reported, members: f.counts.members, rate: pct(month.reported, f.counts.members) }), list(''))}
    ${tile('console-dashboard-tile-overdue', t('console-dashboard-people', { count: f.overdue.total }), list('&overdue=1'))}
    ${tile('console-dashboard-tile-mobile', t('console-dashboard-tile-mobile-value', { share: pct(f.counts.mobile, f.counts.members), mobile: f.counts.mobile }), list('&category=mobile'))}
    ${tile('console-dashboard-tile-lost', t('console-dashboard-people', { count: f.counts.lost }), list('&lost=1'))}
    ${tile('console-dashboard-tile-help', t('console-dashboard-cases', { count: openHelp }), list('&help=1'))}
    ${tile('console-dashboard-tile-probation', t('console-dashboard-people', { count: f.probation.total }), list('&status=probationary'))}
  </section>`;
}

function figure(name: string, title: string, svg: string, extra: Html = html``, cls = ''): Html {
  return html`<figure class="card dash-chart ${cls}" data-chart="${name}">
    <figcaption>${title}</figcaption>
    ${svg ? raw(svg) : ''}
    ${extra}
  </figure>`;
}

function overdueLinks(ctx: PageContext, f: DashboardFigures, list: (q: string) => string): Html {
  if (f.overdue.liaisons.length === 0) return html`<p class="muted">${ctx.t('console-dashboard-none')}</p>`;
  return html`<ul class="dash-links">${f.overdue.liaisons.map((r) => html`<li><a href="${list(`&overdue=1&liaison=${r.liaisonId ?? 'none'}`)}">${r.name ?? ctx.t('console-dashboard-no-liaison')}</a> ${r.count}</li>`)}</ul>`;
}

function probation(ctx: PageContext, f: DashboardFigures, list: (q: string) => string): Html {
  const { total, first } = f.probation;
  return html`<section class="card dash-chart" data-chart="probation">
    <h2>${ctx.t('console-dashboard-probation-title')}</h2>
    ${first.length === 0 ? html`<p class="muted">${ctx.t('console-dashboard-none')}</p>` : html`<ul class="dash-links">
      ${first.map((m) => html`<li><a href="/console/members/${m.memberId}">${m.name}</a> ${m.endsOn}</li>`)}
    </ul>`}
    ${total > first.length ? html`<p><a href="${list('&status=probationary')}">${ctx.t('console-dashboard-probation-more', { count: total - first.length })}</a></p>` : ''}
  </section>`;
}

function children(ctx: PageContext, f: DashboardFigures): Html {
  if (f.children.length === 0) return html``;
  const t = ctx.t;
  return html`<section class="dash-children">
    <h2>${t('console-dashboard-children-title')}</h2>
    <table class="wide">
      <thead><tr><th>${t('console-dashboard-col-org')}</th><th>${t('console-dashboard-col-members')}</th><th>${t('console-dashboard-col-reported')}</th><th>${t('console-dashboard-col-rate')}</th><th></th></tr></thead>
      <tbody>${f.children.map((c) => html`<tr>
        <td data-label="${t('console-dashboard-col-org')}"><a href="/console/dashboard?org=${c.id}">${c.name}</a></td>
        <td data-label="${t('console-dashboard-col-members')}">${c.members}</td>
        <td data-label="${t('console-dashboard-col-reported')}">${c.reported}</td>
        <td data-label="${t('console-dashboard-col-rate')}">${pct(c.reported, c.members)}</td>
        <td><a href="/console/members?org=${c.id}">${t('console-dashboard-list')}</a></td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}
