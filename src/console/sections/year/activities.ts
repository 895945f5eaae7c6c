import type { FastifyInstance } from 'fastify';
import { auditLog } from '../../../db/schema/index.js';
import { isDate } from '../../../features/args.js';
import { activitiesOf, MAX_ACTIVITY_CHARS, recordActivity } from '../../../features/evaluation/activities.js';
import { pageContext, type ConsoleDeps } from '../../context.js';
import { html } from '../../html.js';
import { idParam } from '../scopeOrgs.js';
import { answered, fieldOf, liaisonOf, managerOf, memberLink, table, yearHeader, yearOf } from './common.js';
import { memberSelect, membersFor, tooMany, TOO_MANY } from './people.js';

/**
 * 《流动党员活动证》 on a page: the activities members attended at the destination, as the inflow organisation
 * recorded them, for everyone who works with those members (the home branch sees them too); and, for the staff of an
 * inflow organisation, the form to record one (the chat's /activity) for the members attached to it.
 */
export function registerActivities(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/activities', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!managerOf(ctx.staff) && !liaisonOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const year = await yearOf(ctx, req);
    const rows = await activitiesOf(ctx.db, ctx.staff.personId, year, ['owner', 'inflow', 'caseload', 'helper']);
    // Reading members' activities is written down, by member id, as reading their year is.
    await ctx.db.insert(auditLog).values({ actorId: ctx.staff.personId, action: 'member.view', targetKind: 'caseload', targetId: String(ctx.staff.personId), at: ctx.now, details: { via: 'console', activities: year, memberIds: [...new Set(rows.map((r) => r.memberId))] } });
    const attached = await membersFor(ctx, undefined, ['inflow']);
    const heads = ['date', 'name', 'branch', 'what', 'org'].map((c) => ctx.t('console-year-activity-col', { col: c }));
    return ctx.page(ctx.t('console-year-title-of', { page: 'activities' }), html`${yearHeader(ctx, 'activities', [], undefined, year)}
      <section class="card"><h2>${ctx.t('console-year-activities', { year: String(year), count: rows.length })}</h2>
        ${rows.length === 0 ? html`<p class="muted">${ctx.t('console-year-activities-none')}</p>` : table(heads, rows.map((r) => [r.heldOn, memberLink(r.memberId, r.name), r.homeOrg, r.what, r.org]))}</section>
      ${attached === TOO_MANY ? tooMany(ctx, 'console-year-activity-add') : attached.length === 0 ? '' : html`<section class="card"><h2>${ctx.t('console-year-activity-add')}</h2>
        <form class="panel year-form" method="post" action="/console/year/activities/record">${ctx.csrf}
          ${memberSelect(ctx, attached)}
          <label>${ctx.t('console-year-activity-col', { col: 'date' })} <input type="date" name="on" required></label>
          <label>${ctx.t('console-year-activity-col', { col: 'what' })} <input name="what" required maxlength="${MAX_ACTIVITY_CHARS}"></label>
          <button type="submit">${ctx.t('console-year-activity-save')}</button>
        </form></section>`}`);
  });
  app.post('/year/activities/record', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = idParam(fieldOf(req.body, 'member'));
    const on = fieldOf(req.body, 'on');
    const what = fieldOf(req.body, 'what');
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (!isDate(on) || !what) return answered(ctx, reply, '/year/activities', [{ key: 'staff-tool-usage', args: { tool: 'activity' } }], []);
    const replies = await deps.database.db.transaction((tx) => recordActivity(tx, ctx.staff.personId, memberId, on, what, ctx.now));
    return answered(ctx, reply, '/year/activities', replies, ['activity-recorded']);
  });
}
