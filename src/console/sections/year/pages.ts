import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadFacts } from '../../../bot/facts.js';
import type { PersonFacts, Reply } from '../../../bot/flow.js';
import { query } from '../../../db/query.js';
import type { JobOfferKind } from '../../../db/schema/membership.js';
import { memberIdsBy, type Standing } from '../../../features/access/scope.js';
import { isDate } from '../../../features/args.js';
import { recordPayment } from '../../../features/dues/dues.js';
import { arrearsList, ledger } from '../../../features/dues/ledger.js';
import { parseMonths, parseYuan } from '../../../features/dues/months.js';
import { homecomingList, visitList } from '../../../features/homecoming/answers.js';
import { recordMakeUpSession } from '../../../features/homecoming/makeUp.js';
import { jobStatistics, postOffer } from '../../../features/reemployment/offers.js';
import { offerPlace } from '../../../features/reemployment/place.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { idParam, type OrgChoice } from '../scopeOrgs.js';
import { answered, chosenOrg, fieldOf, liaisonOf, managerOf, OUT_OF_SCOPE, replyBlock, todayOf, yearHeader, yearOf, type YearPage } from './common.js';

const KINDS: readonly JobOfferKind[] = ['training', 'job'];

/** The staff person as the chat knows them, in the language the console shows. */
async function factsOf(ctx: PageContext): Promise<PersonFacts | undefined> {
  const facts = await loadFacts(ctx.db, ctx.staff.personId, ctx.now);
  return facts ? { ...facts, language: ctx.language } : undefined;
}

const refused = (replies: Reply[]) => replies.some((r) => OUT_OF_SCOPE.includes(r.key));

/**
 * A page of a secretary's lists: the chat's own list functions decide (and audit) whether the organisation is the
 * person's; a refusal is a page that is not there.
 */
async function managerPage(ctx: PageContext, req: FastifyRequest, page: YearPage, lists: (facts: PersonFacts, orgId: number) => Promise<Reply[][]>, extra?: (orgId: number) => Promise<Html>) {
  if (!managerOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
  const { orgs, orgId } = await chosenOrg(ctx, req);
  const facts = await factsOf(ctx);
  if (orgId === undefined || !facts) return ctx.problem(404, 'console-not-found');
  const answers = await lists(facts, orgId);
  if (answers.some(refused)) return ctx.problem(404, 'console-not-found');
  return ctx.page(ctx.t('console-year-title-of', { page }), html`${yearHeader(ctx, page, orgs as OrgChoice[], orgId)}
    ${answers.map((a) => html`<section class="card">${replyBlock(ctx, a)}</section>`)}${extra ? await extra(orgId) : ''}`);
}

export function registerPages(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/dues', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const year = await yearOf(ctx, req);
    if (!managerOf(ctx.staff) && liaisonOf(ctx.staff)) return ctx.page(ctx.t('console-year-title-of', { page: 'dues' }), html`${yearHeader(ctx, 'dues', [], undefined)}${await paymentForm(ctx, undefined)}`);
    return managerPage(ctx, req, 'dues', async (facts, orgId) => [await arrearsList(ctx.db, facts, orgId, ctx.now), await ledger(ctx.db, facts, orgId, year, ctx.now)], (orgId) => paymentForm(ctx, orgId));
  });
  app.post('/year/dues/payment', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const org = idParam(fieldOf(req.body, 'org'));
    const back = `/year/dues${org === undefined ? '' : `?org=${org}`}`;
    const memberId = idParam(fieldOf(req.body, 'member'));
    const months = parseMonths(fieldOf(req.body, 'months'));
    const amountWord = fieldOf(req.body, 'amount');
    const amountFen = amountWord ? parseYuan(amountWord) : undefined;
    const on = fieldOf(req.body, 'on') || (await todayOf(ctx));
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (!months || (amountWord && amountFen === undefined) || !isDate(on)) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'dues' } }], []);
    const replies = await deps.database.db.transaction((tx) => recordPayment(tx, ctx.staff.personId, memberId, months, { on, ...(amountFen !== undefined ? { amountFen } : {}) }, ctx.now));
    return answered(ctx, reply, back, replies, ['dues-recorded']);
  });
  app.get('/year/homecoming', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    return managerPage(ctx, req, 'homecoming', async (facts, orgId) => [await homecomingList(ctx.db, facts, orgId, ctx.now), await visitList(ctx.db, facts, orgId, ctx.now)], (orgId) => makeUpForm(ctx, orgId));
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
    const year = await yearOf(ctx, req);
    return managerPage(ctx, req, 'jobs', async (facts, orgId) => [await jobStatistics(ctx.db, facts, orgId, year, ctx.now)], (orgId) => offersPanel(ctx, orgId));
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

/**
 * Members a form may name: those the person stands to in the ways its action asks (dues: the home branch or the
 * inflow organisation, 双向管理; a make-up session: the home branch), of the organisation's subtree when one is
 * chosen. The domain function decides again.
 */
async function membersFor(ctx: PageContext, orgId: number | undefined, standings: readonly Standing[]): Promise<{ id: number; name: string; branch: string }[]> {
  return query(ctx.db, sql`
    select p.id, p.name, home.name as branch
    from (${memberIdsBy(ctx.staff.personId, standings)}) ids (member_id)
    join persons p on p.id = ids.member_id
    join members m on m.person_id = p.id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    ${orgId === undefined ? sql`` : sql`join organisations o on o.id = ${orgId} where (home.path like o.path || '%' or inflow.path like o.path || '%')`}
    order by home.path, p.name, p.id
    limit 500`);
}

async function paymentForm(ctx: PageContext, orgId: number | undefined): Promise<Html> {
  const people = await membersFor(ctx, orgId, ['owner', 'inflow']);
  if (people.length === 0) return html`<p class="muted">${ctx.t('console-year-no-members')}</p>`;
  return html`<section class="card"><h2>${ctx.t('console-year-dues-record')}</h2>
    <form class="panel year-form" method="post" action="/console/year/dues/payment">${ctx.csrf}
      ${orgId === undefined ? '' : html`<input type="hidden" name="org" value="${orgId}">`}
      <label>${ctx.t('console-year-member')} <select name="member">${people.map((p) => html`<option value="${p.id}">${p.name}（${p.branch}）</option>`)}</select></label>
      <label>${ctx.t('console-year-months')} <input name="months" required placeholder="2026-01..2026-03" maxlength="100"></label>
      <label>${ctx.t('console-year-amount')} <input name="amount" inputmode="decimal" maxlength="9"></label>
      <label>${ctx.t('console-year-paid-on')} <input type="date" name="on"></label>
      <button type="submit">${ctx.t('console-year-save-payment')}</button>
    </form></section>`;
}

/** Offers still ahead of the organisation and those above it that reach its members: what members can still sign up for. */
async function offersPanel(ctx: PageContext, orgId: number): Promise<Html> {
  const today = await todayOf(ctx);
  const offers = await query<{ id: number; kind: JobOfferKind; title: string; place: string; startsOn: string; endsOn: string | null; org: string }>(ctx.db, sql`
    select jo.id, jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn", jo.ends_on::text as "endsOn", so.name as org
    from job_offers jo join organisations so on so.id = jo.org_id join organisations o on o.id = ${orgId}
    where (so.path like o.path || '%' or o.path like so.path || '%') and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date
    order by jo.starts_on, jo.id limit 200`);
  const list = offers.length === 0 ? html`<p class="muted">${ctx.t('console-year-offers-none')}</p>` : html`<table class="wide">
    <thead><tr><th>${ctx.t('console-year-col-kind')}</th><th>${ctx.t('console-year-col-title')}</th><th>${ctx.t('console-year-col-place')}</th><th>${ctx.t('console-year-col-dates')}</th><th>${ctx.t('console-year-col-org')}</th></tr></thead>
    <tbody>${offers.map((o) => html`<tr><td>${ctx.t('console-year-kind', { kind: o.kind })}</td><td>${o.title}</td><td>${offerPlace(o.place, ctx.language)}</td><td>${o.startsOn}${o.endsOn ? ` — ${o.endsOn}` : ''}</td><td>${o.org}</td></tr>`)}</tbody></table>`;
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
