import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { EvaluationResult } from '../../../db/schema/membership.js';
import { auditLog, organisations } from '../../../db/schema/index.js';
import { authorize } from '../../../features/access/authorize.js';
import { visibleMemberIds } from '../../../features/access/scope.js';
import { recordOpinion, recordResult, type ResultPacing } from '../../../features/evaluation/evaluation.js';
import { exportEvaluations } from '../../../features/evaluation/views.js';
import { membersFrom, subtreeFrom, type YearFrom } from '../../../features/evaluation/openList.js';
import { yearPage, yearTotals, type YearPage } from '../../../features/evaluation/yearPage.js';
import { missingParts, type YearRecord } from '../../../features/evaluation/yearRecord.js';
import { fileNameOf } from '../../../features/exports/index.js';
import { MAX_MEMBERS_PER_FILE } from '../../../features/exports/limits.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { sendDownload } from '../download.js';
import { idParam } from '../scopeOrgs.js';
import { answered, chosenOrg, fieldOf, liaisonOf, managerOf, yearHeader, yearOf } from './common.js';

const RESULTS: readonly EvaluationResult[] = ['excellent', 'qualified', 'basic', 'unqualified'];
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 民主评议 on a page: the secretary's list of an organisation (the chat's /evaluations, decided and audited as
 * `membership.manage`), a liaison's own members (the one visibility rule), and per member the forms of /opinion
 * and /evalresult, which call the same functions.
 */
export function registerEvaluation(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/evaluation', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const year = await yearOf(ctx, req);
    if (managerOf(ctx.staff)) {
      const { orgs, orgId } = await chosenOrg(ctx, req);
      const org = orgId === undefined ? undefined : await orgAllowed(ctx, orgId, { evaluationList: year, via: 'console' });
      if (!org) return ctx.problem(404, 'console-not-found');
      const list = await listOf(ctx, year, subtreeFrom(org.path, year), req.query);
      return ctx.page(ctx.t('console-year-evaluation-title'), html`${yearHeader(ctx, 'evaluation', orgs, org.id, year)}${evaluationTable(ctx, list, year, org.id, true)}
        <p><a href="/console/year/evaluation/${org.id}/${year}.xlsx">${ctx.t('console-year-evaluation-download')}</a></p>`);
    }
    if (!liaisonOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const list = await listOf(ctx, year, membersFrom(year, sql`m.person_id in (${visibleMemberIds(ctx.staff.personId)})`), req.query);
    // A liaison reads their members' year here as the chat's /yearsummary would, so it is written down like it.
    await ctx.db.insert(auditLog).values({ actorId: ctx.staff.personId, action: 'member.view', targetKind: 'caseload', targetId: String(ctx.staff.personId), at: ctx.now, details: { via: 'console', evaluationList: year, memberIds: list.page.rows.map((r) => r.memberId) } });
    return ctx.page(ctx.t('console-year-evaluation-title'), html`${yearHeader(ctx, 'evaluation', [], undefined, year)}${evaluationTable(ctx, list, year, undefined, false)}`);
  });
  app.get('/year/evaluation/:org/:file', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const { org, file } = req.params as { org?: string; file?: string };
    const orgId = idParam(org);
    const year = /^(20\d{2})\.xlsx$/.exec(file ?? '')?.[1];
    if (orgId === undefined || !year || !managerOf(ctx.staff)) return ctx.problem(404, 'console-not-found');
    const sheet = await exportEvaluations(ctx.db, ctx.staff.personId, orgId, Number(year), ctx.now, 'console');
    if (!sheet) return ctx.problem(404, 'console-not-found');
    if (!('data' in sheet)) return ctx.problem(400, 'export-too-many', { org: sheet.org, max: MAX_MEMBERS_PER_FILE });
    return sendDownload(reply, { fileName: fileNameOf('民主评议', sheet.org, year), mime: XLSX_MIME, data: sheet.data }, `evaluations-${year}.xlsx`);
  });
  app.post('/year/evaluation/:member/result', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = idParam((req.params as { member?: string }).member);
    const result = fieldOf(req.body, 'result') as EvaluationResult;
    const reason = fieldOf(req.body, 'reason');
    const year = Number(fieldOf(req.body, 'year'));
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (!RESULTS.includes(result) || !reason || !Number.isInteger(year) || year < 2000 || year > 2099) return answered(ctx, reply, backOf(req.body, year), [{ key: 'staff-tool-usage', args: { tool: 'evalresult' } }], []);
    const replies = await deps.database.db.transaction((tx) => recordResult(tx, ctx.staff.personId, memberId, year, result, reason, ctx.now, deps.config as ResultPacing));
    return answered(ctx, reply, backOf(req.body, year), replies, ['evaluation-result-saved', 'evaluation-result-saved-untold', 'evaluation-result-saved-later']);
  });
  app.post('/year/evaluation/:member/opinion', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = idParam((req.params as { member?: string }).member);
    const text = fieldOf(req.body, 'text');
    const year = Number(fieldOf(req.body, 'year'));
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (!text || !Number.isInteger(year) || year < 2000 || year > 2099) return answered(ctx, reply, backOf(req.body, year), [{ key: 'staff-tool-usage', args: { tool: 'opinion' } }], []);
    const replies = await deps.database.db.transaction((tx) => recordOpinion(tx, ctx.staff.personId, memberId, year, text, ctx.now));
    return answered(ctx, reply, backOf(req.body, year), replies, ['evaluation-opinion-home-saved', 'evaluation-opinion-inflow-saved']);
  });
}

/** Back to the page of the list the form was on. */
function backOf(body: unknown, year: number): string {
  const org = idParam(fieldOf(body, 'org'));
  return `/year/evaluation${listQuery({ org, year: Number.isInteger(year) && year >= 2000 && year <= 2099 ? year : undefined, after: idParam(fieldOf(body, 'after')), openOnly: fieldOf(body, 'open') === '1' })}`;
}

/** Where the list stands: which page (after which member), and whether only the members still missing a part. */
interface ListAt { org?: number | undefined; year?: number | undefined; after?: number | undefined; openOnly: boolean }

function listQuery(at: ListAt): string {
  const params: [string, string][] = [];
  if (at.org !== undefined) params.push(['org', String(at.org)]);
  if (at.year !== undefined) params.push(['year', String(at.year)]);
  if (at.openOnly) params.push(['open', '1']);
  if (at.after !== undefined) params.push(['after', String(at.after)]);
  return params.length ? `?${new URLSearchParams(params).toString()}` : '';
}

interface EvaluationList { totals: { total: number; open: number }; page: YearPage; at: ListAt }

/** The counts of the whole list and one page of it, as the query asks (`after`, `open`). */
async function listOf(ctx: PageContext, year: number, from: YearFrom, q: unknown): Promise<EvaluationList> {
  const query = (q ?? {}) as Record<string, string | undefined>;
  const at = { year, after: idParam(query.after), openOnly: query.open === '1' };
  const [totals, page] = await Promise.all([yearTotals(ctx.db, from), yearPage(ctx.db, year, from, at)]);
  return { totals, page, at };
}

/** The same decision as the chat's list and export: `membership.manage` over the organisation, written to the audit log. */
async function orgAllowed(ctx: PageContext, orgId: number, details: Record<string, unknown>) {
  if (!(await authorize(ctx.db, ctx.staff.personId, 'membership.manage', { kind: 'org', id: orgId }, ctx.now, details))) return undefined;
  const [org] = await ctx.db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  return org;
}

function evaluationTable(ctx: PageContext, list: EvaluationList, year: number, orgId: number | undefined, decides: boolean): Html {
  const { totals, page, at } = list;
  if (totals.total === 0) return html`<p class="muted">${ctx.t('console-year-evaluation-none')}</p>`;
  const here = { ...at, org: orgId };
  const toggle = at.openOnly
    ? html`<a href="/console/year/evaluation${listQuery({ ...here, after: undefined, openOnly: false })}">${ctx.t('console-year-evaluation-show-all')}</a>`
    : html`<a href="/console/year/evaluation${listQuery({ ...here, after: undefined, openOnly: true })}">${ctx.t('console-year-evaluation-show-open')}</a>`;
  return html`<p>${ctx.t('console-year-evaluation-summary', { year: String(year), total: totals.total, open: totals.open })} ${toggle}</p>
    ${page.rows.length === 0 ? html`<p class="muted">${ctx.t('console-year-evaluation-page-empty')}</p>` : html`<table class="wide year-evaluation">
      <thead><tr><th>${ctx.t('console-year-col-name')}</th><th>${ctx.t('console-year-col-branch')}</th><th>${ctx.t('console-year-col-missing')}</th>
        <th>${ctx.t('console-year-col-result')}</th><th>${ctx.t('console-year-col-record')}</th></tr></thead>
      <tbody>${page.rows.map((r) => row(ctx, r, year, here, decides))}</tbody>
    </table>`}
    ${at.after !== undefined || page.nextAfter !== undefined ? html`<nav class="pager" aria-label="${ctx.t('console-members-pages')}">
      ${at.after !== undefined ? html`<a href="/console/year/evaluation${listQuery({ ...here, after: undefined })}">${ctx.t('console-members-first')}</a>` : ''}
      ${page.nextAfter !== undefined ? html`<a rel="next" href="/console/year/evaluation${listQuery({ ...here, after: page.nextAfter })}">${ctx.t('console-members-next')}</a>` : ''}
    </nav>` : ''}`;
}

function row(ctx: PageContext, r: YearRecord, year: number, at: ListAt, decides: boolean): Html {
  const missing = missingParts(r).map((part) => ctx.t('evaluation-missing', { part })).join('、') || ctx.t('console-year-evaluation-complete');
  const result = r.result ? `${ctx.t('evaluation-result-name', { result: r.result })}（${r.resultReason ?? ''}）` : '—';
  // The form comes back to the page it was on.
  const hidden = html`${ctx.csrf}<input type="hidden" name="year" value="${year}">${at.org === undefined ? '' : html`<input type="hidden" name="org" value="${at.org}">`}${at.after === undefined ? '' : html`<input type="hidden" name="after" value="${at.after}">`}${at.openOnly ? html`<input type="hidden" name="open" value="1">` : ''}`;
  return html`<tr>
    <td data-label="${ctx.t('console-year-col-name')}"><a href="/console/members/${r.memberId}">${r.name}</a></td>
    <td data-label="${ctx.t('console-year-col-branch')}">${r.homeOrg}${r.inflowOrg ? html`<br><span class="muted">${r.inflowOrg}</span>` : ''}</td>
    <td data-label="${ctx.t('console-year-col-missing')}">${missing}</td>
    <td data-label="${ctx.t('console-year-col-result')}">${result}${r.recognition ? html`<br><span class="muted">${ctx.t('console-year-recognition', { text: r.recognition })}</span>` : ''}</td>
    <td data-label="${ctx.t('console-year-col-record')}">
      ${decides ? html`<form class="year-form" method="post" action="/console/year/evaluation/${r.memberId}/result">${hidden}
        <select name="result" aria-label="${ctx.t('console-year-col-result')}">${RESULTS.map((x) => html`<option value="${x}"${x === r.result ? html` selected` : ''}>${ctx.t('evaluation-result-name', { result: x })}</option>`)}</select>
        <input name="reason" required maxlength="1000" placeholder="${ctx.t('console-year-reason')}" aria-label="${ctx.t('console-year-reason')}">
        <button type="submit">${ctx.t('console-year-save-result')}</button></form>` : ''}
      <form class="year-form" method="post" action="/console/year/evaluation/${r.memberId}/opinion">${hidden}
        <input name="text" required maxlength="1000" placeholder="${ctx.t('console-year-opinion')}" aria-label="${ctx.t('console-year-opinion')}">
        <button type="submit">${ctx.t('console-year-save-opinion')}</button></form>
    </td>
  </tr>`;
}
