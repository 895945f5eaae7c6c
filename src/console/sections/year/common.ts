import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadFacts } from '../../../bot/facts.js';
import type { PersonFacts, Reply } from '../../../bot/flow.js';
import { localDate, localDay } from '../../../bot/period.js';
import type { ConsoleStaff } from '../../../features/console/auth.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { idParam, orgsInScope, staffTimezone, type OrgChoice } from '../scopeOrgs.js';

const INDENT = '\u3000';

export type YearPage = 'evaluation' | 'dues' | 'homecoming' | 'jobs' | 'recognition' | 'holidays' | 'activities';
export const YEAR_PAGES: readonly YearPage[] = ['evaluation', 'dues', 'homecoming', 'jobs', 'recognition', 'holidays', 'activities'];
/** A liaison's pages, as the chat gives them: opinions, dues and 先进 at an inflow organisation, the 活动证. */
const LIAISON_PAGES: readonly YearPage[] = ['evaluation', 'dues', 'recognition', 'activities'];

export const managerOf = (staff: ConsoleStaff) => staff.roles.some((r) => r.role === 'secretary' || r.role === 'org_admin');
export const liaisonOf = (staff: ConsoleStaff) => staff.roles.some((r) => r.role === 'liaison');

/** The chat's refusals that mean "not yours, or not there": both look like a page that is not there. */
export const OUT_OF_SCOPE = ['staff-org-out-of-scope', 'staff-member-not-found'];

export const textOf = (ctx: PageContext, replies: Reply[]) => replies.map((r) => ctx.t(r.key, r.args)).join('\n');

/** What the chat would have answered, line by line, as text. */
export function replyBlock(ctx: PageContext, replies: Reply[]): Html {
  return html`<div class="year-reply">${textOf(ctx, replies).split('\n').map((line) => html`<p>${line}</p>`)}</div>`;
}

/** A form field as text: absent, a file, or repeated fields are read as what a person could have meant. */
export function fieldOf(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one.trim() : '';
}

/** The organisation asked for (or the first the person runs), and the list to choose from; undefined: none of theirs. */
export async function chosenOrg(ctx: PageContext, req: FastifyRequest): Promise<{ orgs: OrgChoice[]; orgId: number | undefined }> {
  const orgs = await orgsInScope(ctx.db, ctx.staff.personId);
  const asked = (req.query as { org?: string }).org;
  return { orgs, orgId: asked === undefined ? orgs[0]?.id : idParam(asked) };
}

/** The year asked for, else this year on the person's own calendar. */
export async function yearOf(ctx: PageContext, req: FastifyRequest): Promise<number> {
  const asked = (req.query as { year?: string }).year;
  if (typeof asked === 'string' && /^20\d{2}$/.test(asked)) return Number(asked);
  return localDate(ctx.now, await staffTimezone(ctx.db, ctx.staff.personId)).year;
}

export const todayOf = async (ctx: PageContext) => localDay(ctx.now, await staffTimezone(ctx.db, ctx.staff.personId));

/** The four pages of the year, as tabs, and the organisation picker keeping the page. */
export function yearHeader(ctx: PageContext, current: YearPage, orgs: OrgChoice[], orgId: number | undefined, year?: number): Html {
  const q = orgId === undefined ? '' : `?org=${orgId}`;
  const pages = managerOf(ctx.staff) ? YEAR_PAGES : LIAISON_PAGES;
  const tabs = html`<nav class="year-tabs">${pages.map((p) => (p === current
    ? html`<strong>${ctx.t('console-year-tab', { page: p })}</strong>`
    : html`<a href="/console/year/${p}${q}">${ctx.t('console-year-tab', { page: p })}</a>`))}</nav>`;
  if (orgs.length === 0 && year === undefined) return tabs;
  return html`${tabs}<form class="filters" method="get" action="/console/year/${current}">
    ${orgs.length === 0 ? '' : html`<label>${ctx.t('console-year-org')}
      <select name="org">${orgs.map((o) => html`<option value="${o.id}"${o.id === orgId ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`)}</select>
    </label>`}
    ${year === undefined ? '' : html`<label>${ctx.t('console-year-year')} <input type="number" name="year" min="2000" max="2099" value="${year}"></label>`}
    <button type="submit">${ctx.t('console-year-choose')}</button>
  </form>`;
}

/**
 * After a form: done means back to the page (303) with the chat's answer as the notice; out of scope is not there
 * (404); anything else (a reason too long, a bad month) is said on a page with a way back.
 */
export function answered(ctx: PageContext, reply: FastifyReply, back: string, replies: Reply[], success: readonly string[]): FastifyReply {
  if (replies.length > 0 && replies.every((r) => success.includes(r.key))) {
    const to = `/console${back}`;
    return reply.code(303).redirect(`${to}${to.includes('?') ? '&' : '?'}notice=${encodeURIComponent(textOf(ctx, replies))}`);
  }
  if (replies.some((r) => OUT_OF_SCOPE.includes(r.key))) return ctx.problem(404, 'console-not-found');
  return ctx.page(ctx.t('console-year-title'), html`<p class="problem" role="alert">${textOf(ctx, replies)}</p>
    <p><a href="/console${back}">${ctx.t('console-year-back')}</a></p>`, 400);
}

/** The staff person as the chat knows them, in the language the console shows. */
export async function factsOf(ctx: PageContext): Promise<PersonFacts | undefined> {
  const facts = await loadFacts(ctx.db, ctx.staff.personId, ctx.now);
  return facts ? { ...facts, language: ctx.language } : undefined;
}

/** A link to a member's page, with their name. */
export const memberLink = (id: number, name: string): Html => html`<a href="/console/members/${id}">${name}</a>`;

/** A table with its column heads, each cell labelled for the narrow screen. */
export function table(heads: string[], rows: (string | number | Html)[][], cls = 'wide'): Html {
  return html`<table class="${cls}"><thead><tr>${heads.map((h) => html`<th>${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => html`<td data-label="${heads[i] ?? ''}">${typeof c === 'number' ? String(c) : c}</td>`)}</tr>`)}</tbody></table>`;
}
