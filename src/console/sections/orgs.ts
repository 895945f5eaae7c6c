import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import {
  archiveManagedOrg, createChildOrg, moveManagedOrg, renameManagedOrg, type OrgOutcome,
} from '../../features/organisations/manage.js';
import { managedTree } from '../../features/organisations/view.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { orgPage, treePage } from './orgsPages.js';
import { idParam, staffTimezone as timezoneOf } from './scopeOrgs.js';

/** Organisations and people are pages for those who run organisations: secretaries and organisation admins. */
export const MANAGER_ROLES = ['secretary', 'org_admin'] as const;

/** For a section's preHandler: anyone else gets a refusal page (the section's forms would refuse them too). */
export async function managersOnly(req: FastifyRequest, reply: FastifyReply, deps: ConsoleDeps): Promise<FastifyReply | undefined> {
  if (req.staff?.roles.some((r) => (MANAGER_ROLES as readonly string[]).includes(r.role))) return undefined;
  return pageContext(req, reply, deps).problem(403, 'console-forbidden');
}

export { idParam, staffTimezone as timezoneOf } from './scopeOrgs.js';

type Act = (tx: DbOrTx, staffId: number, orgId: number, body: Record<string, unknown>, now: Date) => Promise<OrgOutcome>;

const ACTIONS: Record<string, Act> = {
  children: (tx, staffId, orgId, body, now) => createChildOrg(tx, staffId, orgId, { name: body.name, kind: body.kind }, now),
  rename: (tx, staffId, orgId, body, now) => renameManagedOrg(tx, staffId, orgId, body.name, now),
  move: (tx, staffId, orgId, body, now) => moveManagedOrg(tx, staffId, orgId, idParam(body.parent) ?? Number.NaN, now),
  archive: (tx, staffId, orgId, _body, now) => archiveManagedOrg(tx, staffId, orgId, now),
};

async function showOrg(ctx: PageContext, orgId: number | undefined, problem?: { status: number; text: string }): Promise<FastifyReply> {
  const tree = await managedTree(ctx.db, ctx.staff.personId);
  const node = orgId === undefined ? undefined : tree.byId.get(orgId);
  if (!node) return ctx.problem(404, 'console-not-found');
  const timezone = await timezoneOf(ctx.db, ctx.staff.personId);
  return ctx.page(node.name, orgPage(ctx, tree, node, timezone, problem?.text), problem?.status ?? 200);
}

/**
 * The organisation tree: the subtrees the person runs with member counts; create, rename, move and archive,
 * each decided and audited by features/organisations (the same rule as the chat and the admin command line).
 */
export const organisationsSection: ConsoleSection = {
  name: 'organisations',
  nav: { key: 'console-organisations-nav', path: '/orgs', roles: MANAGER_ROLES },
  register(app, deps: ConsoleDeps) {
    app.addHook('preHandler', async (req, reply) => managersOnly(req, reply, deps));
    app.get('/orgs', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const tree = await managedTree(ctx.db, ctx.staff.personId);
      return ctx.page(ctx.t('console-organisations-title'), treePage(ctx, tree, await timezoneOf(ctx.db, ctx.staff.personId)));
    });
    app.get('/orgs/:id', async (req, reply) => showOrg(pageContext(req, reply, deps), idParam((req.params as { id: string }).id)));
    app.post('/orgs/:id/:action', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const params = req.params as { id: string; action: string };
      const orgId = idParam(params.id);
      const act = Object.hasOwn(ACTIONS, params.action) ? ACTIONS[params.action] : undefined;
      if (orgId === undefined || !act) return ctx.problem(404, 'console-not-found');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const outcome = await deps.database.db.transaction((tx) => act(tx, ctx.staff.personId, orgId, body, ctx.now));
      if (outcome.ok) return ctx.redirect(`/orgs/${outcome.orgId}`, outcome.key);
      if (outcome.status === 404) return ctx.problem(404, outcome.key);
      return showOrg(ctx, orgId, { status: outcome.status, text: ctx.t(outcome.key, outcome.args) });
    });
  },
};
