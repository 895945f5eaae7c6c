import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { organisations } from '../../../db/schema/index.js';
import { localDate, localDay } from '../../../bot/period.js';
import { authorize } from '../../../features/access/authorize.js';
import type { PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { askedOrgInScope, staffTimezone, type OrgChoice } from '../scopeOrgs.js';

const INDENT = '\u3000';

export type StudyTab = 'plan' | 'new' | 'makeup';
const TABS: readonly StudyTab[] = ['plan', 'new', 'makeup'];

/** A form field as text (absent, a file or repeated fields read as what a person could have meant). */
export function fieldOf(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : '';
}

/**
 * The organisation asked for (`asked`: the query's org, default the first the person runs), decided and audited as
 * `study.manage` like the chat's staff tools (`view` says which page looked); undefined: not theirs, or not there.
 */
export async function chosenOrg(ctx: PageContext, asked: string | undefined, view: string): Promise<{ orgs: OrgChoice[]; org: { id: number; name: string; path: string } | undefined }> {
  const { orgs, orgId: id } = await askedOrgInScope(ctx.db, ctx.staff.personId, asked);
  if (id === undefined) return { orgs, org: undefined };
  const allowed = await authorize(ctx.db, ctx.staff.personId, 'study.manage', { kind: 'org', id }, ctx.now, { via: 'console', view });
  if (!allowed || !orgs.some((o) => o.id === id)) return { orgs, org: undefined };
  const [org] = await ctx.db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  return { orgs, org };
}

export const orgAsked = (req: FastifyRequest): string | undefined => (req.query as { org?: string }).org;

export async function todayOf(ctx: PageContext): Promise<string> {
  return localDay(ctx.now, await staffTimezone(ctx.db, ctx.staff.personId));
}

/** The year asked for, else this year on the person's own calendar. */
export async function yearOf(ctx: PageContext, req: FastifyRequest): Promise<number> {
  const asked = (req.query as { year?: string }).year;
  if (typeof asked === 'string' && /^20\d{2}$/.test(asked)) return Number(asked);
  return localDate(ctx.now, await staffTimezone(ctx.db, ctx.staff.personId)).year;
}

export function orgOptions(orgs: OrgChoice[], chosen: number | undefined): Html[] {
  return orgs.map((o) => html`<option value="${o.id}"${o.id === chosen ? html` selected` : ''}>${INDENT.repeat(o.depth)}${o.name}</option>`);
}

/** The study pages as tabs, keeping the organisation chosen. */
export function studyTabs(ctx: PageContext, current: StudyTab | undefined, orgId: number | undefined): Html {
  const q = orgId === undefined ? '' : `?org=${orgId}`;
  return html`<nav class="year-tabs study-tabs">${TABS.map((tab) => (tab === current
    ? html`<strong>${ctx.t('console-study-tab', { tab })}</strong>`
    : html`<a href="/console/study${tab === 'plan' ? '' : `/${tab}`}${q}">${ctx.t('console-study-tab', { tab })}</a>`))}</nav>`;
}

export function orgYearFilter(ctx: PageContext, action: string, orgs: OrgChoice[], orgId: number, year?: number): Html {
  return html`<form class="filters" method="get" action="/console${action}">
    <label>${ctx.t('console-study-org')} <select name="org">${orgOptions(orgs, orgId)}</select></label>
    ${year === undefined ? '' : html`<label>${ctx.t('console-study-year')} <input type="number" name="year" min="2000" max="2099" value="${year}"></label>`}
    <button type="submit">${ctx.t('console-study-choose')}</button>
  </form>`;
}

export const categoryLabel = (ctx: PageContext, category: string) => ctx.t('study-category', { category });
