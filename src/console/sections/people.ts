import type { FastifyReply } from 'fastify';
import { eq } from 'drizzle-orm';
import { organisations, persons, STAFF_ROLES, type StaffRole } from '../../db/schema/index.js';
import { localDay } from '../../bot/period.js';
import { isAllowed } from '../../features/access/authorize.js';
import { managedTree } from '../../features/organisations/view.js';
import { inviteStaff } from '../../features/people/invite.js';
import { membersServed, staffPage } from '../../features/people/list.js';
import { grantRole, holds, revokeRole, type Answer } from '../../features/people/roles.js';
import { pageContext, type ConsoleDeps, type ConsoleSection, type PageContext } from '../context.js';
import { idParam, MANAGER_ROLES, managersOnly, timezoneOf } from './orgs.js';
import { choosePage, invitePage, peoplePage, revokePage } from './peoplePages.js';

const INVITE_DAYS_DEFAULT = 14;
const isAdmin = (ctx: PageContext) => ctx.staff.roles.some((r) => r.role === 'org_admin');
const fields = (body: unknown) => (body ?? {}) as Record<string, unknown>;

async function showPeople(ctx: PageContext, problem?: { status: number; text: string }, q: Record<string, unknown> = {}): Promise<FastifyReply> {
  const at = { after: idParam(q.after), name: typeof q.q === 'string' && q.q.trim() ? q.q.trim().slice(0, 20) : undefined };
  const [page, tree] = await Promise.all([staffPage(ctx.db, ctx.staff.personId, ctx.now, at), managedTree(ctx.db, ctx.staff.personId, { counted: false })]);
  return ctx.page(ctx.t('console-people-title'), peoplePage(ctx, { ...page, at }, tree, isAdmin(ctx), problem?.text), problem?.status ?? 200);
}

/** After a form: back to the list with a notice, or the list again with why it was refused. */
async function answer(ctx: PageContext, outcome: Answer): Promise<FastifyReply> {
  if (outcome.ok) return ctx.redirect('/people', outcome.key);
  if (outcome.status === 404) return ctx.problem(404, outcome.key);
  return showPeople(ctx, { status: outcome.status, text: ctx.t(outcome.key, outcome.args) });
}

/** The revocation the confirmation page asks about, if the person holds that role inside the manager's scope. */
async function revocation(ctx: PageContext, q: Record<string, unknown>) {
  const personId = idParam(q.person);
  const orgId = idParam(q.org);
  const role = (STAFF_ROLES as readonly unknown[]).includes(q.role) ? (q.role as StaffRole) : undefined;
  if (!personId || !orgId || !role) return undefined;
  if (!(await isAllowed(ctx.db, ctx.staff.personId, 'staff.assign', { kind: 'org', id: orgId })) || !(await holds(ctx.db, personId, role, orgId))) return undefined;
  const [person] = await ctx.db.select({ name: persons.name }).from(persons).where(eq(persons.id, personId));
  const [org] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return { personId, name: person!.name, role, orgId, org: org!.name, members: await membersServed(ctx.db, personId, role, orgId) };
}

/**
 * People and roles: the staff of the person's subtrees, their roles and the platforms they are linked on;
 * grant and revoke roles, and invite codes for staff with no chat account yet (features/people decides and audits).
 */
export const peopleSection: ConsoleSection = {
  name: 'people',
  nav: { key: 'console-people-nav', path: '/people', roles: MANAGER_ROLES },
  register(app, deps: ConsoleDeps) {
    app.addHook('preHandler', async (req, reply) => managersOnly(req, reply, deps));
    app.get('/people', async (req, reply) => showPeople(pageContext(req, reply, deps), undefined, fields(req.query)));
    app.post('/people/grant', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const body = fields(req.body);
      const orgId = idParam(body.org) ?? Number.NaN;
      const timezone = await timezoneOf(ctx.db, ctx.staff.personId);
      const request = { role: body.role, orgId, name: body.name, phone: body.phone, personId: body.person === undefined ? undefined : idParam(body.person) ?? Number.NaN };
      const outcome = await deps.database.db.transaction((tx) => grantRole(tx, ctx.staff.personId, request, ctx.now, timezone));
      if (outcome.ok === 'choose') return ctx.page(ctx.t('console-people-grant-title'), choosePage(ctx, outcome.choices, String(body.role), orgId));
      return answer(ctx, outcome);
    });
    app.get('/people/revoke', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const found = await revocation(ctx, fields(req.query));
      return found ? ctx.page(ctx.t('console-people-revoke-title'), revokePage(ctx, found)) : ctx.problem(404, 'console-not-found');
    });
    app.post('/people/revoke', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const body = fields(req.body);
      const request = { personId: idParam(body.person) ?? Number.NaN, role: body.role, orgId: idParam(body.org) ?? Number.NaN };
      return answer(ctx, await deps.database.db.transaction((tx) => revokeRole(tx, ctx.staff.personId, request, ctx.now)));
    });
    app.post('/people/:id/invite', async (req, reply) => {
      const ctx = pageContext(req, reply, deps);
      const days = deps.config.INVITE_CODE_TTL_DAYS ?? INVITE_DAYS_DEFAULT;
      const personId = idParam((req.params as { id: string }).id) ?? Number.NaN;
      const made = await deps.database.db.transaction((tx) => inviteStaff(tx, ctx.staff.personId, personId, ctx.now, days));
      if (!made.ok) return answer(ctx, made);
      const until = localDay(made.expiresAt, await timezoneOf(ctx.db, ctx.staff.personId));
      return ctx.page(ctx.t('console-people-invite-title'), invitePage(ctx, { name: made.name, code: made.code, days: made.days, until }));
    });
  },
};
