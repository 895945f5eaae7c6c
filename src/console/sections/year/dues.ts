import type { FastifyInstance } from 'fastify';
import { monthPeriod } from '../../../bot/period.js';
import { isDate } from '../../../features/args.js';
import { recordPayment, setAmount } from '../../../features/dues/dues.js';
import { duesOverview, exportDues, type DuesMemberLine, type MonthLine } from '../../../features/dues/ledger.js';
import { isMonth, parseMonths, parseYuan, yuan } from '../../../features/dues/months.js';
import { fileNameOf } from '../../../features/exports/index.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { html, type Html } from '../../html.js';
import { sendDownload } from '../download.js';
import { idParam, staffTimezone } from '../scopeOrgs.js';
import { answered, chosenOrg, fieldOf, liaisonOf, managerOf, memberLink, table, todayOf, yearHeader, yearOf } from './common.js';
import { memberSelect, membersFor, orgField, tooMany, TOO_MANY } from './people.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 党费 on a page: each member's monthly amount (set here, audited, as /dues 姓名 金额), paid this year and months owed;
 * the year by month, at home and at the inflow organisation; the 党费收缴 sheet as the chat exports it; and the
 * payment form, which the inflow organisation's staff use too (双向管理).
 */
export function registerDues(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/year/dues', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const year = await yearOf(ctx, req);
    if (!managerOf(ctx.staff)) {
      if (!liaisonOf(ctx.staff)) return ctx.problem(403, 'console-forbidden');
      return ctx.page(ctx.t('console-year-title-of', { page: 'dues' }), html`${yearHeader(ctx, 'dues', [], undefined)}${await paymentForm(ctx, undefined)}`);
    }
    const { orgs, orgId } = await chosenOrg(ctx, req);
    const timezone = await staffTimezone(ctx.db, ctx.staff.personId);
    const found = orgId === undefined ? undefined : await duesOverview(ctx.db, ctx.staff.personId, orgId, year, ctx.now, timezone);
    if (!found) return ctx.problem(404, 'console-not-found');
    return ctx.page(ctx.t('console-year-title-of', { page: 'dues' }), html`${yearHeader(ctx, 'dues', orgs, found.org.id, year)}
      <section class="card"><h2>${ctx.t('console-year-dues-members', { org: found.org.name })}</h2>${membersTable(ctx, found.members, found.org.id, year, monthPeriod(ctx.now, timezone))}
        <p><a href="/console/year/dues/${found.org.id}/${year}.xlsx">${ctx.t('console-year-dues-download')}</a></p></section>
      <section class="card"><h2>${ctx.t('console-year-dues-by-month', { year: String(year) })}</h2>${monthsTable(ctx, found.months)}</section>
      ${await paymentForm(ctx, found.org.id)}`);
  });
  app.get('/year/dues/:org/:file', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const { org, file } = req.params as { org?: string; file?: string };
    const orgId = idParam(org);
    const year = /^(20\d{2})\.xlsx$/.exec(file ?? '')?.[1];
    if (orgId === undefined || !year || !managerOf(ctx.staff)) return ctx.problem(404, 'console-not-found');
    const sheet = await exportDues(ctx.db, ctx.staff.personId, orgId, Number(year), ctx.now, await staffTimezone(ctx.db, ctx.staff.personId), 'console');
    if (!sheet) return ctx.problem(404, 'console-not-found');
    return sendDownload(reply, { fileName: fileNameOf('党费', sheet.org, year), mime: XLSX_MIME, data: sheet.data }, `dues-${year}.xlsx`);
  });
  app.post('/year/dues/amount', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const back = backOf(req.body);
    const memberId = idParam(fieldOf(req.body, 'member'));
    const fen = parseYuan(fieldOf(req.body, 'amount'));
    const from = fieldOf(req.body, 'from') || monthPeriod(ctx.now, await staffTimezone(ctx.db, ctx.staff.personId));
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (fen === undefined || !isMonth(from)) return answered(ctx, reply, back, [{ key: 'staff-tool-usage', args: { tool: 'dues' } }], []);
    const replies = await deps.database.db.transaction((tx) => setAmount(tx, ctx.staff.personId, memberId, fen, from, ctx.now));
    return answered(ctx, reply, back, replies, ['dues-amount-set']);
  });
  app.post('/year/dues/payment', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const back = backOf(req.body);
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
}

function backOf(body: unknown): string {
  const org = idParam(fieldOf(body, 'org'));
  const year = fieldOf(body, 'year');
  const q = [org === undefined ? '' : `org=${org}`, /^20\d{2}$/.test(year) ? `year=${year}` : ''].filter(Boolean).join('&');
  return `/year/dues${q ? `?${q}` : ''}`;
}

function membersTable(ctx: PageContext, rows: DuesMemberLine[], orgId: number, year: number, current: string): Html {
  if (rows.length === 0) return html`<p class="muted">${ctx.t('console-year-dues-none')}</p>`;
  const heads = ['name', 'branch', 'monthly', 'paid', 'owed', 'set'].map((c) => ctx.t('console-year-dues-col', { col: c }));
  return table(heads, rows.map((r) => [
    memberLink(r.memberId, r.name), r.homeOrg, `${yuan(r.monthlyFen)}（${r.fromMonth}）`,
    html`${yuan(r.paidFen)}${r.paidAtInflow ? html`<br><span class="muted">${ctx.t('console-year-dues-at-inflow', { count: r.paidAtInflow })}</span>` : ''}`,
    r.owed.length === 0 ? '—' : ctx.t('console-year-dues-owed', { count: r.owed.length, from: r.owed[0]!, amount: yuan(r.owed.length * r.monthlyFen) }),
    html`<form class="year-form" method="post" action="/console/year/dues/amount">${ctx.csrf}${orgField(orgId)}<input type="hidden" name="year" value="${year}">
      <input type="hidden" name="member" value="${r.memberId}">
      <input name="amount" inputmode="decimal" maxlength="9" required value="${yuan(r.monthlyFen)}" aria-label="${ctx.t('console-year-dues-col', { col: 'monthly' })}">
      <input name="from" maxlength="7" value="${current}" aria-label="${ctx.t('console-year-dues-from')}">
      <button type="submit">${ctx.t('console-year-dues-set')}</button></form>`,
  ]));
}

function monthsTable(ctx: PageContext, lines: MonthLine[]): Html {
  const heads = ['month', 'count', 'amount', 'home', 'inflow'].map((c) => ctx.t('console-year-ledger-col', { col: c }));
  return table(heads, lines.map((l) => [l.month, l.paid, yuan(l.fen), l.atHome, l.atInflow]), 'wide year-ledger');
}

async function paymentForm(ctx: PageContext, orgId: number | undefined): Promise<Html> {
  const people = await membersFor(ctx, orgId, ['owner', 'inflow']);
  if (people === TOO_MANY) return tooMany(ctx, 'console-year-dues-record');
  if (people.length === 0) return html`<p class="muted">${ctx.t('console-year-no-members')}</p>`;
  return html`<section class="card"><h2>${ctx.t('console-year-dues-record')}</h2>
    <form class="panel year-form" method="post" action="/console/year/dues/payment">${ctx.csrf}${orgField(orgId)}
      ${memberSelect(ctx, people)}
      <label>${ctx.t('console-year-months')} <input name="months" required placeholder="2026-01..2026-03" maxlength="100"></label>
      <label>${ctx.t('console-year-amount')} <input name="amount" inputmode="decimal" maxlength="9"></label>
      <label>${ctx.t('console-year-paid-on')} <input type="date" name="on"></label>
      <button type="submit">${ctx.t('console-year-save-payment')}</button>
    </form></section>`;
}
