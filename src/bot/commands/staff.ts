import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reports } from '../../db/schema/index.js';
import { reply, type Reply } from '../flow.js';
import { createInviteCode, formatCode } from '../invites.js';
import { monthPeriod } from '../period.js';
import { visibleMembers } from './scope.js';

/** "My members, and who has not reported this month." */
export async function myMembers(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const visible = await visibleMembers(db, staffId);
  if (visible.length === 0) return [reply('staff-no-members')];
  const periods = [...new Set(visible.map((m) => monthPeriod(now, m.timezone)))];
  const reported = await db
    .select({ memberId: reports.memberId, period: reports.period })
    .from(reports)
    .where(and(eq(reports.kind, 'monthly'), inArray(reports.period, periods), inArray(reports.memberId, visible.map((m) => m.personId))));
  const done = new Set(reported.filter((r) => visible.some((m) => m.personId === r.memberId && monthPeriod(now, m.timezone) === r.period)).map((r) => r.memberId));
  const overdue = visible.filter((m) => !done.has(m.personId));
  const lines = visible.map((m) => `${done.has(m.personId) ? '✓' : '✗'} ${m.name} (#${m.personId})`).join('\n');
  return [reply('staff-members', { args: { total: visible.length, overdue: overdue.length, lines } })];
}

/** A one-time code for a member in the staff person's scope. */
export async function inviteMember(db: DbOrTx, staffId: number, target: string, now: Date, ttlDays: number): Promise<Reply[]> {
  const wanted = target.trim().replace(/^#/, '');
  if (!wanted) return [reply('staff-invite-usage')];
  const visible = await visibleMembers(db, staffId);
  const matches = /^\d+$/.test(wanted) ? visible.filter((m) => m.personId === Number(wanted)) : visible.filter((m) => m.name === wanted);
  if (matches.length === 0) return [reply('staff-member-not-found')];
  if (matches.length > 1) return [reply('staff-member-ambiguous', { args: { ids: matches.map((m) => `#${m.personId}`).join(' ') } })];
  const member = matches[0]!;
  const { code } = await createInviteCode(db, member.personId, staffId, now, ttlDays);
  return [reply('staff-invite-created', { args: { name: member.name, code: formatCode(code), days: ttlDays } })];
}
