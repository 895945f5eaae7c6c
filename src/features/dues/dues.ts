import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { duesAmounts, duesPayments, members, persons, trackingEntries } from '../../db/schema/index.js';
import { button, reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { inflowStaffOf, notifyPerson } from '../../bot/notify.js';
import { monthPeriod } from '../../bot/period.js';
import { authorize } from '../access/authorize.js';
import { standsTo } from '../access/scope.js';
import { monthsBetween, yuan } from './months.js';

/** The member's months owed: from the first month owed to last month, less the months confirmed paid. */
export async function owedMonths(db: DbOrTx, memberId: number, currentMonth: string): Promise<{ months: string[]; monthlyFen: number } | undefined> {
  const [amount] = await db.select().from(duesAmounts).where(eq(duesAmounts.memberId, memberId));
  if (!amount) return undefined;
  const paid = new Set((await db.select({ month: duesPayments.month }).from(duesPayments)
    .where(and(eq(duesPayments.memberId, memberId), eq(duesPayments.state, 'confirmed')))).map((p) => p.month));
  const months = monthsBetween(amount.fromMonth, currentMonth).filter((m) => m < currentMonth && !paid.has(m));
  return { months, monthlyFen: amount.monthlyFen };
}

const nameOf = async (db: DbOrTx, id: number) => (await db.select({ name: persons.name }).from(persons).where(eq(persons.id, id)))[0]?.name ?? '';

/** The monthly amount, set by the home branch (the roster's figure, or a change). */
export async function setAmount(db: DbOrTx, staffId: number, memberId: number, monthlyFen: number, fromMonth: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { duesAmount: true }))) return [reply('staff-member-not-found')];
  const set = { monthlyFen, fromMonth, setBy: staffId, setAt: now };
  await db.insert(duesAmounts).values({ memberId, ...set }).onConflictDoUpdate({ target: duesAmounts.memberId, set });
  return [reply('dues-amount-set', { args: { name: await nameOf(db, memberId), amount: yuan(monthlyFen), from: fromMonth } })];
}

/** Where a staff person records a payment: their side of 双向管理 (the inflow organisation, or the home branch). */
async function paidAt(db: DbOrTx, staffId: number, memberId: number): Promise<number | null> {
  const [m] = await db.select({ home: members.homeOrgId, inflow: members.inflowOrgId }).from(members).where(eq(members.personId, memberId));
  if (!m) return null;
  return (await standsTo(db, staffId, memberId, ['owner'])) ? m.home : m.inflow ?? m.home;
}

/**
 * Months paid, recorded by the home branch or by the inflow organisation the member is attached to (months,
 * amount, date); a month the member claimed is confirmed by it. The home branch sees both in its ledger.
 */
export async function recordPayment(db: DbOrTx, staffId: number, memberId: number, months: string[], paid: { amountFen?: number; on: string }, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'dues.record', { kind: 'member', id: memberId }, now, { months: months.length }))) return [reply('staff-member-not-found')];
  return writePayment(db, staffId, memberId, months, paid, now);
}

/** The months written as paid, by a staff person already allowed to record them. */
async function writePayment(db: DbOrTx, staffId: number, memberId: number, months: string[], paid: { amountFen?: number; on: string }, now: Date): Promise<Reply[]> {
  const [amount] = await db.select({ fen: duesAmounts.monthlyFen }).from(duesAmounts).where(eq(duesAmounts.memberId, memberId));
  const amountFen = paid.amountFen ?? amount?.fen ?? null;
  const atOrgId = await paidAt(db, staffId, memberId);
  const values = { amountFen, paidOn: paid.on, paidAtOrgId: atOrgId, state: 'confirmed' as const, recordedBy: staffId, recordedAt: now };
  for (const month of months) {
    await db.insert(duesPayments).values({ memberId, month, ...values }).onConflictDoUpdate({ target: [duesPayments.memberId, duesPayments.month], set: values });
  }
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { duesMonths: months, atOrgId } });
  return [reply('dues-recorded', { args: { name: await nameOf(db, memberId), months: months.join('、'), count: months.length, amount: amountFen === null ? '-' : yuan(amountFen * months.length) } })];
}

/** The staff button under a member's claim. */
export async function confirmClaim(db: DbOrTx, staffId: number, paymentId: number, now: Date): Promise<Reply[]> {
  const [p] = await db.select().from(duesPayments).where(eq(duesPayments.id, paymentId));
  // Whether a claim outside the person's scope exists, or is confirmed already, is not theirs to learn.
  if (!p || !(await authorize(db, staffId, 'dues.record', { kind: 'member', id: p.memberId }, now, { confirmClaim: paymentId }))) return [reply('staff-member-not-found')];
  if (p.state === 'confirmed') return [reply('dues-already-confirmed', { args: { month: p.month } })];
  return writePayment(db, staffId, p.memberId, [p.month], { on: p.paidOn ?? now.toISOString().slice(0, 10) }, now);
}

/** 我交了党费: the months owed, one button each; nothing is paid until staff confirm. */
export async function claimMenu(db: DbOrTx, facts: PersonFacts, now: Date): Promise<Reply[]> {
  const owed = await owedMonths(db, facts.personId, monthPeriod(now, facts.timezone));
  const claimed = new Set((await db.select({ month: duesPayments.month }).from(duesPayments).where(eq(duesPayments.memberId, facts.personId))).map((p) => p.month));
  const open = (owed?.months ?? []).filter((m) => !claimed.has(m)).slice(-6);
  if (open.length === 0) return [reply('dues-nothing-to-claim')];
  return [reply('dues-claim-which', { buttons: open.map((m) => [button('dues-button-month', `dues:claim:${m}`, { month: m })]) })];
}

/** The member's tap: the month is noted as claimed, and the home secretary (and the inflow organisation) gets a button to confirm it. */
export async function claimMonth(db: DbOrTx, facts: PersonFacts, month: string, now: Date): Promise<Reply[]> {
  const owed = await owedMonths(db, facts.personId, monthPeriod(now, facts.timezone));
  if (!owed?.months.includes(month)) return [reply('common-stale-button')];
  const today = now.toISOString().slice(0, 10);
  const [row] = await db.insert(duesPayments).values({ memberId: facts.personId, month, paidOn: today, state: 'claimed', recordedBy: facts.personId, recordedAt: now })
    .onConflictDoNothing().returning({ id: duesPayments.id });
  if (!row) return [reply('dues-claim-noted', { args: { month } })];
  const name = await nameOf(db, facts.personId);
  // Paid at home or, for a member attached to one, at the inflow organisation: both may confirm, the first one counts.
  const confirmers = new Set([...(await homeSecretaries(db, facts.personId)), ...(await inflowStaffOf(db, facts.personId))]);
  for (const s of confirmers) {
    await notifyPerson(db, s, reply('dues-claim-to-confirm', { args: { name, month }, buttons: [[button('dues-button-confirm', `dues:confirm:${row.id}`)]] }), {
      key: `dues-claim:${row.id}:${s}`, purpose: 'notify', now,
    });
  }
  return [reply('dues-claim-noted', { args: { month } })];
}

/** The nearest secretaries above the member's home branch. */
async function homeSecretaries(db: DbOrTx, memberId: number): Promise<number[]> {
  const rows = await query<{ personId: number; depth: number }>(db, sql`
    select sr.person_id as "personId", length(so.path) as depth
    from members m join organisations home on home.id = m.home_org_id
    join staff_roles sr on sr.role = 'secretary' join organisations so on so.id = sr.org_id and home.path like so.path || '%'
    where m.person_id = ${memberId}`);
  const deepest = Math.max(0, ...rows.map((r) => r.depth));
  return [...new Set(rows.filter((r) => r.depth === deepest).map((r) => r.personId))];
}
