import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { localDay } from '../../../bot/period.js';
import { query } from '../../../db/query.js';
import type { JobOfferKind } from '../../../db/schema/membership.js';
import { isDate } from '../../../features/args.js';
import { homecomingOrg, homecomingRows } from '../../../features/homecoming/answers.js';
import { recordMakeUpSession } from '../../../features/homecoming/makeUp.js';
import { openVisits } from '../../../features/homecoming/visits.js';
import { jobStatistics, postOffer } from '../../../features/reemployment/offers.js';
import { laidOffMembers, type LaidOffRow } from '../../../features/reemployment/people.js';
import { offerPlace } from '../../../features/reemployment/place.js';
import { placeLabel } from '../../../features/reemployment/wishes.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { idParam } from '../scopeOrgs.js';
import { answered, chosenOrg, factsOf, fieldOf, managerOf, memberLink, OUT_OF_SCOPE, table, todayOf, yearHeader, yearOf } from './common.js';
import { membersFor, tooMany, TOO_MANY } from './people.js';

const KINDS: readonly JobOfferKind[] = ['training', 'job'];

/**
 * 返乡走访 and 再就业 on pages, as tables with links to each member: the open home-visit tasks and who is home when
 * (the chat's /visits and /homecoming, decided and audited the same way), the make-up session's attendance; the
 * laid-off members with their 就业意向 and outcomes, the year's figures of /jobstats, the offers and a form to post one.
 */
export function registerPages(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/homecoming', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!managerOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const { orgs, orgId } = await chosenOrg(ctx, req);
    const facts = await factsOf(ctx);
    const org = orgId === undefined || !facts ? undefined : await homecomingOrg(ctx.db, facts, orgId, ctx.now, { list: 'homecoming', via: 'console' });
    if (!org) return ctx.problem(404, 'console-not-found');
    const today = localDay(ctx.now, facts!.timezone);
    const visits = await openVisits(ctx.db, org.path, today);
    const home = await homecomingRows(ctx.db, org.path, today);
    const t = (col: string) => ctx.t('console-year-home-col', { col });
    const more = (shown: number, total: number) => (total > shown ? html`<p class="muted">${ctx.t('staff-list-more', { count: total - shown })}</p>` : '');
    return ctx.page(ctx.t('console-year-title-of', { page: 'homecoming' }), html`${yearHeader(ctx, 'homecoming', orgs, org.id)}
      <section class="card"><h2>${ctx.t('console-year-visits', { org: org.name, count: visits.total })}</h2>
        ${visits.total === 0 ? html`<p class="muted">${ctx.t('console-year-visits-none')}</p>` : html`${table(['name', 'liaison', 'home', 'due'].map(t), visits.rows.map((v) => [
          memberLink(v.memberId, v.name), v.liaison ?? '—', v.homeOn, v.dueOn < today ? html`<strong class="problem">${v.dueOn} ${ctx.t('console-year-overdue')}</strong>` : v.dueOn,
        ]))}${more(visits.rows.length, visits.total)}`}</section>
      <section class="card"><h2>${ctx.t('console-year-home', { org: org.name, count: home.total })}</h2>
        ${home.total === 0 ? html`<p class="muted">${ctx.t('console-year-home-none')}</p>` : html`${table(['name', 'home', 'makeup'].map(t), home.rows.map((r) => [memberLink(r.memberId, r.name), r.homeOn, r.makeUp]))}${more(home.rows.length, home.total)}`}</section>
      ${await makeUpForm(ctx, org.id)}`);
  });
  app.post('/year/homecoming/makeup', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const org = idParam(fieldOf(req.body, 'org'));
    const on = fieldOf(req.body, 'on');
    const raw = (req.body as Record<string, unknown> | undefined)?.member;
    const ids = (Array.isArray(raw) ? raw : [raw]).map(idParam);
    const facts = await factsOf(ctx);
    if (org === undefined || !facts) return ctx.problem(404, 'console-not-found');
    const back = `/year/homecoming?org=${org}`;
    if (!isDate(on) || ids.length === 0 || ids.some((id) => id === undefined)) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'makeup' } }], []);
    const replies = await deps.database.db.transaction((tx) => recordMakeUpSession(tx, facts, on, ids as number[], ctx.now));
    return answered(ctx, reply, back, replies, ['makeup-session-recorded']);
  });
  app.get('/year/jobs', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    if (!managerOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const year = await yearOf(ctx, req);
    const { orgs, orgId } = await chosenOrg(ctx, req);
    const facts = await factsOf(ctx);
    if (orgId === undefined || !facts) return ctx.problem(404, 'console-not-found');
    const [figures] = await jobStatistics(ctx.db, facts, orgId, year, ctx.now);
    const people = await laidOffMembers(ctx.db, ctx.staff.personId, orgId, year, ctx.now);
    if (!figures || OUT_OF_SCOPE.includes(figures.key) || !people) return ctx.problem(404, 'console-not-found');
    const a = figures.args as Record<string, number | string>;
    return ctx.page(ctx.t('console-year-title-of', { page: 'jobs' }), html`${yearHeader(ctx, 'jobs', orgs, orgId, year)}
      <section class="card"><h2>${ctx.t('console-year-jobs-figures', { org: String(a.org), year: String(year) })}</h2>
        ${table(['laidOff', 'signedUp', 'trained', 'reemployed'].map((c) => ctx.t('console-year-jobs-col', { col: c })), [[a.laidOff!, a.signedUp!, a.trained!, a.reemployed!]], 'year-figures')}</section>
      <section class="card"><h2>${ctx.t('console-year-jobs-people')}</h2>${peopleTable(ctx, people)}</section>
      ${await offersPanel(ctx, orgId)}`);
  });
  app.post('/year/jobs/offer', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const org = idParam(fieldOf(req.body, 'org'));
    if (org === undefined) return ctx.problem(404, 'console-not-found');
    const [kind, title, place, startsOn, endsOn] = ['kind', 'title', 'place', 'starts', 'ends'].map((f) => fieldOf(req.body, f).slice(0, 200)) as [JobOfferKind, string, string, string, string];
    const skills = fieldOf(req.body, 'skills').split(/[,，、\s]+/).filter(Boolean).slice(0, 20);
    const back = `/year/jobs?org=${org}`;
    if (!KINDS.includes(kind) || !title || !place || !isDate(startsOn) || (endsOn && !isDate(endsOn))) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'offer' } }], []);
    const replies = await deps.database.db.transaction((tx) => postOffer(tx, ctx.staff.personId, org, { kind, title, place, startsOn, ...(endsOn ? { endsOn } : {}), skills }, ctx.now));
    return answered(ctx, reply, back, replies, ['job-offer-posted']);
  });
}

function peopleTable(ctx: PageContext, rows: LaidOffRow[]): Html {
  if (rows.length === 0) return html`<p class="muted">${ctx.t('console-year-jobs-people-none')}</p>`;
  const heads = ['name', 'branch', 'occupation', 'own', 'wishes', 'year'].map((c) => ctx.t('console-year-jobs-col', { col: c }));
  return table(heads, rows.map((r) => [
    memberLink(r.memberId, r.name), r.homeOrg, r.occupation ?? '—',
    r.ownWork === null ? '—' : ctx.t('jobwish-summary', { work: r.ownWork.join('、') || ctx.t('jobwish-any-work'), place: placeLabel(ctx.language, r.ownPlace), training: (r.ownTraining ?? []).join('、') || '-' }),
    r.wishes.join('、') || '—',
    ctx.t('console-year-jobs-outcome', { signedUp: r.signedUp, trained: r.trained ? 'yes' : 'no', reemployed: r.reemployed ? 'yes' : 'no' }),
  ]));
}

/** Offers still ahead of the organisation and those above it that reach its members: what members can still sign up for. */
async function offersPanel(ctx: PageContext, orgId: number): Promise<Html> {
  const today = await todayOf(ctx);
  const offers = await query<{ id: number; kind: JobOfferKind; title: string; place: string; startsOn: string; endsOn: string | null; org: string }>(ctx.db, sql`
    select jo.id, jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn", jo.ends_on::text as "endsOn", so.name as org
    from job_offers jo join organisations so on so.id = jo.org_id join organisations o on o.id = ${orgId}
    where (so.path like o.path || '%' or o.path like so.path || '%') and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date
    order by jo.starts_on, jo.id limit 200`);
  const heads = ['console-year-col-kind', 'console-year-col-title', 'console-year-col-place', 'console-year-col-dates', 'console-year-col-org'].map((k) => ctx.t(k));
  const list = offers.length === 0 ? html`<p class="muted">${ctx.t('console-year-offers-none')}</p>`
    : table(heads, offers.map((o) => [ctx.t('console-year-kind', { kind: o.kind }), o.title, offerPlace(o.place, ctx.language), `${o.startsOn}${o.endsOn ? ` — ${o.endsOn}` : ''}`, o.org]));
  return html`<section class="card"><h2>${ctx.t('console-year-offers')}</h2>${list}</section>
    <section class="card"><h2>${ctx.t('console-year-offer-add')}</h2>
    <form class="panel year-form" method="post" action="/console/year/jobs/offer">${ctx.csrf}<input type="hidden" name="org" value="${orgId}">
      <label>${ctx.t('console-year-col-kind')} <select name="kind">${KINDS.map((k) => html`<option value="${k}">${ctx.t('console-year-kind', { kind: k })}</option>`)}</select></label>
      <label>${ctx.t('console-year-col-title')} <input name="title" required maxlength="200"></label>
      <label>${ctx.t('console-year-col-place')} <input name="place" required maxlength="200"></label>
      <label>${ctx.t('console-year-starts')} <input type="date" name="starts" required></label>
      <label>${ctx.t('console-year-ends')} <input type="date" name="ends"></label>
      <label>${ctx.t('console-year-skills')} <input name="skills" maxlength="200"></label>
      <button type="submit">${ctx.t('console-year-save-offer')}</button>
    </form></section>`;
}

/** The chat's /makeup: a concentrated session on a day, and who of the branch's own members attended. */
async function makeUpForm(ctx: PageContext, orgId: number): Promise<Html> {
  const people = await membersFor(ctx, orgId, ['owner']);
  if (people === TOO_MANY) return tooMany(ctx, 'console-year-makeup');
  if (people.length === 0) return html``;
  return html`<section class="card"><h2>${ctx.t('console-year-makeup')}</h2>
    <form class="panel" method="post" action="/console/year/homecoming/makeup">${ctx.csrf}<input type="hidden" name="org" value="${orgId}">
      <label>${ctx.t('console-year-makeup-on')} <input type="date" name="on" required></label>
      <fieldset><legend>${ctx.t('console-year-makeup-who')}</legend>
        ${people.map((p) => html`<label class="year-check"><input type="checkbox" name="member" value="${p.id}"> ${p.name}（${p.branch}）</label>`)}
      </fieldset>
      <button type="submit">${ctx.t('console-year-save-makeup')}</button>
    </form></section>`;
}
