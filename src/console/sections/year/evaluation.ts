import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { EvaluationResult } from '../../../db/schema/membership.js';
import { auditLog, organisations } from '../../../db/schema/index.js';
import { authorize } from '../../../features/access/authorize.js';
import { visibleMemberIds } from '../../../features/access/scope.js';
import { recordOpinion, recordResult, type ResultPacing } from '../../../features/evaluation/evaluation.js';
import { exportEvaluations } from '../../../features/evaluation/views.js';
import { inSubtree, missingParts, yearRecords, type YearRecord } from '../../../features/evaluation/yearRecord.js';
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
      const rows = await yearRecords(ctx.db, year, inSubtree(org.path));
      return ctx.page(ctx.t('console-year-evaluation-title'), html`${yearHeader(ctx, 'evaluation', orgs, org.id, year)}${evaluationTable(ctx, rows, year, org.id, true)}
        <p><a href="/console/year/evaluation/${org.id}/${year}.xlsx">${ctx.t('console-year-evaluation-download')}</a></p>`);
    }
    if (!liaisonOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
    const rows = await yearRecords(ctx.db, year, sql`m.person_id in (${visibleMemberIds(ctx.staff.personId)})`);
    // A liaison reads their members' year here as the chat's /yearsummary would, so it is written down like it.
    await ctx.db.insert(auditLog).values({ actorId: ctx.staff.personId, action: 'member.view', targetKind: 'caseload', targetId: String(ctx.staff.personId), at: ctx.now, details: { via: 'console', evaluationList: year, memberIds: rows.map((r) => r.memberId) } });
    return ctx.page(ctx.t('console-year-evaluation-title'), html`${yearHeader(ctx, 'evaluation', [], undefined, year)}${evaluationTable(ctx, rows, year, undefined, false)}`);
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

/** Back to the list the form was on. */
function backOf(body: unknown, year: number): string {
  const org = idParam(fieldOf(body, 'org'));
  const y = Number.isInteger(year) && year >= 2000 && year <= 2099 ? `year=${year}` : '';
  return `/year/evaluation?${[org === undefined ? '' : `org=${org}`, y].filter(Boolean).join('&')}`;
}

/** The same decision as the chat's list and export: `membership.manage` over the organisation, written to the audit log. */
async function orgAllowed(ctx: PageContext, orgId: number, details: Record<string, unknown>) {
  if (!(await authorize(ctx.db, ctx.staff.personId, 'membership.manage', { kind: 'org', id: orgId }, ctx.now, details))) return undefined;
  const [org] = await ctx.db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  return org;
}

function evaluationTable(ctx: PageContext, rows: YearRecord[], year: number, orgId: number | undefined, decides: boolean): Html {
  if (rows.length === 0) return html`<p class="muted">${ctx.t('console-year-evaluation-none')}</p>`;
  const open = rows.filter((r) => missingParts(r).length > 0).length;
  return html`<p>${ctx.t('console-year-evaluation-summary', { year: String(year), total: rows.length, open })}</p>
    <table class="wide year-evaluation">
      <thead><tr><th>${ctx.t('console-year-col-name')}</th><th>${ctx.t('console-year-col-branch')}</th><th>${ctx.t('console-year-col-missing')}</th>
        <th>${ctx.t('console-year-col-result')}</th><th>${ctx.t('console-year-col-record')}</th></tr></thead>
      <tbody>${rows.map((r) => row(ctx, r, year, orgId, decides))}</tbody>
    </table>`;
}

function row(ctx: PageContext, r: YearRecord, year: number, orgId: number | undefined, decides: boolean): Html {
  const missing = missingParts(r).map((part) => ctx.t('evaluation-missing', { part })).join('、') || ctx.t('console-year-evaluation-complete');
  const result = r.result ? `${ctx.t('evaluation-result-name', { result: r.result })}（${r.resultReason ?? ''}）` : '—';
  const hidden = html`${ctx.csrf}<input type="hidden" name="year" value="${year}">${orgId === undefined ? '' : html`<input type="hidden" name="org" value="${orgId}">`}`;
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
