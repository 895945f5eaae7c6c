import { eq, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { excel } from '../../roster/excel.js';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { organisations } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t } from '../../bot/i18n/index.js';
import { monthPeriod } from '../../bot/period.js';
import { addTableSheet, toBuffer } from '../../roster/sheet.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { monthsBetween, yuan } from './months.js';

interface DuesRow {
  memberId: number;
  name: string;
  homeOrg: string;
  homeOrgId: number;
  monthlyFen: number;
  fromMonth: string;
  payments: { month: string; amountFen: number | null; atOrgId: number | null }[];
}

/** Members of a subtree with a monthly amount, and their confirmed payments. */
async function duesRows(db: DbOrTx, orgPath: string): Promise<DuesRow[]> {
  return query<DuesRow>(db, sql`
    select m.person_id as "memberId", p.name, home.name as "homeOrg", home.id as "homeOrgId", da.monthly_fen as "monthlyFen", da.from_month as "fromMonth",
      coalesce((select json_agg(json_build_object('month', dp.month, 'amountFen', dp.amount_fen, 'atOrgId', dp.paid_at_org_id) order by dp.month)
                from dues_payments dp where dp.member_id = m.person_id and dp.state = 'confirmed'), '[]'::json) as payments
    from dues_amounts da
    join members m on m.person_id = da.member_id
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    where home.path like ${`${orgPath}%`}
    order by home.path, p.name, m.person_id`);
}

const owedOf = (r: DuesRow, currentMonth: string) => {
  const paid = new Set(r.payments.map((p) => p.month));
  return monthsBetween(r.fromMonth, currentMonth).filter((m) => m < currentMonth && !paid.has(m));
};

async function orgInScope(db: DbOrTx, staffId: number, orgId: number | undefined, now: Date, details: Record<string, unknown>) {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined || !(await authorize(db, staffId, 'membership.manage', { kind: 'org', id }, now, details))) return undefined;
  const [org] = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  return org;
}

/** The secretary's arrears: who is behind, how many months, how much. */
export async function arrearsList(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, now: Date): Promise<Reply[]> {
  const org = await orgInScope(db, facts.personId, orgId, now, { list: 'arrears' });
  if (!org) return [reply('staff-org-out-of-scope')];
  const current = monthPeriod(now, facts.timezone);
  const behind = (await duesRows(db, org.path)).map((r) => ({ r, owed: owedOf(r, current) })).filter((x) => x.owed.length > 0);
  if (behind.length === 0) return [reply('dues-arrears-none', { args: { org: org.name } })];
  const lines = behind.map(({ r, owed }) => t(facts.language, 'dues-arrears-line', { name: r.name, months: owed.length, from: owed[0]!, amount: yuan(owed.length * r.monthlyFen) }));
  const total = behind.reduce((a, x) => a + x.owed.length * x.r.monthlyFen, 0);
  return [reply('dues-arrears', { args: { org: org.name, count: behind.length, total: yuan(total), lines: lines.join('\n') } })];
}

export interface MonthLine { month: string; paid: number; fen: number; atHome: number; atInflow: number }

function ledgerOf(rows: DuesRow[], year: number): MonthLine[] {
  return monthsBetween(`${year}-01`, `${year}-12`).map((month) => {
    const paid = rows.flatMap((r) => r.payments.filter((p) => p.month === month).map((p) => ({ ...p, home: p.atOrgId === null || p.atOrgId === r.homeOrgId })));
    return { month, paid: paid.length, fen: paid.reduce((a, p) => a + (p.amountFen ?? 0), 0), atHome: paid.filter((p) => p.home).length, atInflow: paid.filter((p) => !p.home).length };
  });
}

/** 党费收缴 by month: how many paid, how much, at home or at the inflow organisation. */
export async function ledger(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, year: number, now: Date): Promise<Reply[]> {
  const org = await orgInScope(db, facts.personId, orgId, now, { list: 'dues-ledger', year });
  if (!org) return [reply('staff-org-out-of-scope')];
  const lines = ledgerOf(await duesRows(db, org.path), year).filter((l) => l.paid > 0)
    .map((l) => t(facts.language, 'dues-ledger-line', { month: l.month, paid: l.paid, amount: yuan(l.fen), home: l.atHome, inflow: l.atInflow }));
  return [reply('dues-ledger', { args: { org: org.name, year: String(year), lines: lines.join('\n') || '—' } })];
}

export interface DuesMemberLine { memberId: number; name: string; homeOrg: string; monthlyFen: number; fromMonth: string; paidFen: number; paidAtInflow: number; owed: string[] }

/** The dues of an organisation's subtree for a page: each member's amount, paid this year, months owed; the months of the year. */
export async function duesOverview(db: DbOrTx, staffId: number, orgId: number, year: number, now: Date, timezone: string): Promise<{ org: { id: number; name: string }; members: DuesMemberLine[]; months: MonthLine[] } | undefined> {
  const org = await orgInScope(db, staffId, orgId, now, { list: 'dues', year, via: 'console' });
  if (!org) return undefined;
  const rows = await duesRows(db, org.path);
  const current = monthPeriod(now, timezone);
  const inYear = (m: string) => m.startsWith(`${year}-`);
  const members = rows.map((r) => ({
    memberId: r.memberId, name: r.name, homeOrg: r.homeOrg, monthlyFen: r.monthlyFen, fromMonth: r.fromMonth,
    paidFen: r.payments.filter((p) => inYear(p.month)).reduce((a, p) => a + (p.amountFen ?? 0), 0),
    paidAtInflow: r.payments.filter((p) => inYear(p.month) && p.atOrgId !== null && p.atOrgId !== r.homeOrgId).length,
    owed: owedOf(r, current),
  }));
  return { org: { id: org.id, name: org.name }, members, months: ledgerOf(rows, year) };
}

/** 党费收缴台账: a row per member with the year's months, and the monthly totals, in the usual layout. */
export async function exportDues(db: DbOrTx, staffId: number, orgId: number | undefined, year: number, now: Date, timezone: string, via: 'chat' | 'console' = 'chat'): Promise<{ org: string; data: Buffer } | undefined> {
  const org = await orgInScope(db, staffId, orgId, now, { export: 'dues', year, via });
  if (!org) return undefined;
  const rows = await duesRows(db, org.path);
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const current = monthPeriod(now, timezone);
  const header = ['姓名', '所在党支部', '月缴纳额（元）', ...months.map((m) => `${Number(m.slice(5))}月`), '本年已交（元）', '欠缴月数'];
  const body = rows.map((r) => {
    const byMonth = new Map(r.payments.map((p) => [p.month, p.amountFen ?? 0]));
    const paidFen = months.reduce((a, m) => a + (byMonth.get(m) ?? 0), 0);
    return [r.name, r.homeOrg, yuan(r.monthlyFen), ...months.map((m) => (byMonth.has(m) ? yuan(byMonth.get(m)!) : '')), yuan(paidFen), owedOf(r, current).length];
  });
  const workbook = new (await excel()).Workbook();
  const sheet = addTableSheet(workbook, '党费收缴', header, body);
  sheet.insertRow(1, [t('zh-CN', 'dues-export-title', { org: org.name, year: String(year) })]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, header.length);
  addTableSheet(workbook, '按月', ['月份', '交纳人数', '金额（元）', '本支部收缴', '流入地收缴'], ledgerOf(rows, year).map((l) => [l.month, l.paid, yuan(l.fen), l.atHome, l.atInflow]));
  return { org: org.name, data: await toBuffer(workbook) };
}
