import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import { isDate } from '../../../features/args.js';
import { addHoliday } from '../../../features/homecoming/answers.js';
import { holidayRows, removeHoliday } from '../../../features/homecoming/holidays.js';
import { pageContext, type ConsoleDeps } from '../../context.js';
import { html } from '../../html.js';
import { idParam } from '../scopeOrgs.js';
import { answered, chosenOrg, factsOf, fieldOf, managerOf, table, todayOf, yearHeader } from './common.js';

const MAX_NAME_CHARS = 50;

/**
 * The organisation's holidays, before which members away are asked whether they come home (the chat's /holiday):
 * the Spring Festival, its own and those above and below it; a form to add one, a button to take one off.
 */
export function registerHolidays(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/holidays', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!managerOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const { orgs, orgId } = await chosenOrg(ctx, req);
    const found = orgId === undefined ? undefined : await holidayRows(ctx.db, ctx.staff.personId, orgId, await todayOf(ctx), ctx.now, 'console');
    if (!found) return ctx.problem(404, 'console-not-found');
    const spring = (deps.config as Partial<Config>).SPRING_FESTIVAL_DATE;
    const heads = ['date', 'name', 'org', 'act'].map((c) => ctx.t('console-year-holiday-col', { col: c }));
    const rows = [
      ...(spring ? [[spring, ctx.t('console-year-holiday-spring'), '—', '']] : []),
      ...found.rows.map((h) => [h.on, h.name, h.org, h.mayRemove
        ? html`<form class="year-form" method="post" action="/console/year/holidays/${h.id}/remove">${ctx.csrf}<input type="hidden" name="org" value="${found.org.id}">
            <button type="submit">${ctx.t('console-year-holiday-remove')}</button></form>`
        : '']),
    ];
    return ctx.page(ctx.t('console-year-title-of', { page: 'holidays' }), html`${yearHeader(ctx, 'holidays', orgs, found.org.id)}
      <section class="card"><h2>${ctx.t('console-year-holidays', { org: found.org.name })}</h2><p class="muted">${ctx.t('console-year-holidays-note')}</p>${table(heads, rows)}</section>
      <section class="card"><h2>${ctx.t('console-year-holiday-add')}</h2>
        <form class="panel year-form" method="post" action="/console/year/holidays/add">${ctx.csrf}<input type="hidden" name="org" value="${found.org.id}">
          <label>${ctx.t('console-year-holiday-col', { col: 'date' })} <input type="date" name="on" required></label>
          <label>${ctx.t('console-year-holiday-col', { col: 'name' })} <input name="name" required maxlength="${MAX_NAME_CHARS}"></label>
          <button type="submit">${ctx.t('console-year-holiday-save')}</button>
        </form></section>`);
  });
  app.post('/year/holidays/add', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const org = idParam(fieldOf(req.body, 'org'));
    const on = fieldOf(req.body, 'on');
    const name = fieldOf(req.body, 'name');
    const facts = await factsOf(ctx);
    if (org === undefined || !facts) return ctx.problem(404, 'console-not-found');
    const back = `/year/holidays?org=${org}`;
    if (!isDate(on) || !name || [...name].length > MAX_NAME_CHARS) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'holiday' } }], []);
    const replies = await deps.database.db.transaction((tx) => addHoliday(tx, facts, on, name, org, ctx.now));
    return answered(ctx, reply, back, replies, ['holiday-added']);
  });
  app.post('/year/holidays/:id/remove', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const id = idParam((req.params as { id?: string }).id);
    const org = idParam(fieldOf(req.body, 'org'));
    const facts = await factsOf(ctx);
    if (id === undefined || !facts) return ctx.problem(404, 'console-not-found');
    const replies = await deps.database.db.transaction((tx) => removeHoliday(tx, facts, id, ctx.now));
    return answered(ctx, reply, `/year/holidays${org === undefined ? '' : `?org=${org}`}`, replies, ['holiday-removed']);
  });
}
