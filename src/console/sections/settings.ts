import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { organisations } from '../../db/schema/index.js';
import { authorize } from '../../features/access/authorize.js';
import { checkSettingChanges, effectiveSettings, saveSettings, type SaveRefusal, type SettingChanges, type SettingDefaults } from '../../features/settings/index.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { html } from '../html.js';
import { askedOrgInScope, idParam, isManager, orgsInScope } from './scopeOrgs.js';
import { EDITABLE, orgPicker, settingsBody } from './settingsForm.js';

/**
 * 设置: an organisation's report cycle and evaluation month, read and written through src/features/settings (as
 * the admin command line does), each value with where it comes from. Decided and audited as `settings.manage`.
 */
export const settingsSection: ConsoleSection = {
  name: 'settings',
  nav: { key: 'console-settings-nav', path: '/settings', roles: ['secretary', 'org_admin'] },
  register(app, deps) {
    app.get('/settings', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      if (!isManager(ctx.staff)) return ctx.problem(403, 'console-settings-no-org');
      const { orgs, orgId } = await askedOrgInScope(ctx.db, ctx.staff.personId, (req.query as { org?: string }).org);
      if (orgId === undefined) return ctx.problem(404, 'staff-org-out-of-scope');
      if (!(await authorize(ctx.db, ctx.staff.personId, 'settings.manage', { kind: 'org', id: orgId }, ctx.now, { via: 'console', view: true }))) return ctx.problem(404, 'staff-org-out-of-scope');
      return page(ctx, deps, orgs, orgId);
    });
    app.post('/settings/:id', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const orgId = idParam((req.params as { id?: string }).id);
      const changes = parseChanges((req.body ?? {}) as Record<string, unknown>);
      const invalid = checkSettingChanges(changes);
      const details = { via: 'console', changes, ...(invalid ? { refused: invalid.problem } : {}) };
      if (orgId === undefined || !(await authorize(ctx.db, ctx.staff.personId, 'settings.manage', { kind: 'org', id: orgId }, ctx.now, details))) return ctx.problem(404, 'staff-org-out-of-scope');
      const orgs = await orgsInScope(ctx.db, ctx.staff.personId);
      if (invalid) return page(ctx, deps, orgs, orgId, await refusal(ctx, invalid), 400);
      const saved = await saveSettings(ctx.db, orgId, changes, ctx.staff.personId, ctx.now, defaultsOf(deps));
      if (!saved.ok) return page(ctx, deps, orgs, orgId, await refusal(ctx, saved), 400);
      return ctx.redirect(`/settings?org=${orgId}`, 'console-saved');
    });
  },
};

/** The console runs in the bot's own process, with its whole configuration: the defaults are there. */
const defaultsOf = (deps: ConsoleDeps): SettingDefaults => deps.config as SettingDefaults;

async function page(ctx: PageContext, deps: ConsoleDeps, orgs: Awaited<ReturnType<typeof orgsInScope>>, orgId: number, problem?: string, status = 200): Promise<FastifyReply> {
  const [org] = await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const settings = org && (await effectiveSettings(ctx.db, org.id, defaultsOf(deps)));
  if (!org || !settings) return ctx.problem(404, 'staff-org-out-of-scope');
  return ctx.page(ctx.t('console-settings-title'), html`${orgPicker(ctx, orgs, org.id)}${settingsBody(ctx, org, settings, problem)}`, status);
}

/** Each editable field: a whole number sets it here, empty follows the organisation above; anything else is refused. */
function parseChanges(body: Record<string, unknown>): SettingChanges {
  const changes: SettingChanges = {};
  for (const key of EDITABLE) {
    const raw = body[key];
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    changes[key] = value === '' ? null : /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  }
  return changes;
}

async function refusal(ctx: PageContext, r: SaveRefusal): Promise<string> {
  if (r.problem === 'range') return ctx.t('console-settings-bad-value', { key: ctx.t('console-settings-key', { key: r.key }), min: r.min, max: r.max });
  if (r.problem === 'no-org') return ctx.t('staff-org-out-of-scope');
  const [where] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, r.orgId));
  return ctx.t('console-settings-window', { org: where?.name ?? '', start: r.start, end: r.end });
}
