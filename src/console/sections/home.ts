import { inArray } from 'drizzle-orm';
import { organisations } from '../../db/schema/index.js';
import { pageContext, type ConsoleSection } from '../context.js';
import { html } from '../html.js';

/** The first page after sign-in: who you are, where you hold which role, and where to go. */
export const homeSection: ConsoleSection = {
  name: 'home',
  register(app, deps) {
    app.get('/', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const orgIds = [...new Set(ctx.staff.roles.map((r) => r.orgId))];
      const orgs = await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds));
      const orgName = new Map(orgs.map((o) => [o.id, o.name]));
      const roles = new Set(ctx.staff.roles.map((r) => r.role));
      const entries = deps.sections.flatMap((s) => (s.nav && (!s.nav.roles || s.nav.roles.some((r) => roles.has(r))) ? [s.nav] : []));
      return ctx.page(ctx.t('console-home-title', { name: ctx.staff.name }), html`
        <section class="card">
          <h2>${ctx.t('console-home-roles')}</h2>
          <ul>${ctx.staff.roles.map((r) => html`<li>${ctx.t(`role-${r.role}`)} · ${orgName.get(r.orgId) ?? ''}</li>`)}</ul>
        </section>
        <section class="tiles">${entries.filter((e) => e.path !== '/').map((e) => html`<a class="tile" href="/console${e.path}">${ctx.t(e.key)}</a>`)}</section>`);
    });
  },
};

