import { dashboardOrg, dashboardView } from '../../features/dashboard/index.js';
import { pageContext, type ConsoleSection } from '../context.js';
import { html } from '../html.js';
import { dashboardBody } from './dashboardView.js';
import { askedOrgInScope, isManager, staffTimezone } from './scopeOrgs.js';

/**
 * 概览: where a branch, a township or the county stands this month, as pictures drawn on the server (ECharts
 * SVG, no script): reports, overdue by liaison, lost and found, open help, who the members are, probation due,
 * and a map of China by province linking to the members list. For the organisations a person runs (the
 * chat's /stats rule, `stats.view`, audited), with the organisations below to drill down into.
 */
export const dashboardSection: ConsoleSection = {
  name: 'dashboard',
  nav: { key: 'console-dashboard-nav', path: '/dashboard', roles: ['secretary', 'org_admin'] },
  register(app, deps) {
    app.get('/dashboard', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      if (!isManager(ctx.staff)) return ctx.problem(403, 'console-forbidden');
      const { orgs, orgId } = await askedOrgInScope(ctx.db, ctx.staff.personId, (req.query as { org?: unknown }).org);
      const org = orgId === undefined ? undefined : await dashboardOrg(ctx.db, ctx.staff.personId, orgId, ctx.now, { via: 'console', page: 'dashboard' });
      if (!org) return ctx.problem(404, 'console-not-found');
      const period = { now: ctx.now, timezone: await staffTimezone(ctx.db, ctx.staff.personId) };
      // Figures from the rollup when this month has been computed (its months follow DEFAULT_TIMEZONE), else live.
      const figures = await dashboardView(ctx.db, org, period, deps.config.DEFAULT_TIMEZONE ?? 'Asia/Shanghai');
      const parent = orgs.find((o) => o.id === org.parentId);
      const body = await dashboardBody(ctx, { org, figures, orgs, parent, timezone: period.timezone });
      return ctx.page(ctx.t('console-dashboard-title', { org: org.name }), html`${body}`);
    });
  },
};
