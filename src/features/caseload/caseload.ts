import { and, eq, gte, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helpRequests, reports, trackingEntries } from '../../db/schema/index.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { monthPeriod, quarterPeriod } from '../../bot/period.js';
import { visibleMembers, type VisibleMember } from '../access/scope.js';

export interface CaseloadLine {
  memberId: number;
  name: string;
  overdue: boolean;
  notContactedThisMonth: boolean;
  notVisitedThisQuarter: boolean;
  lostContact: boolean;
  openHelp: number;
  /** The numbers of those requests, as `/hr 12` takes them. */
  helpIds: number[];
}

const CONTACT_KINDS = ['call', 'message', 'visit'] as const;

/** 一月一访: for each member in the caseload, what is still to do this month and quarter. */
export async function caseload(db: DbOrTx, staffId: number, now: Date): Promise<CaseloadLine[]> {
  const visible: VisibleMember[] = await visibleMembers(db, staffId);
  if (visible.length === 0) return [];
  const ids = visible.map((m) => m.personId);
  const since = new Date(now.getTime() - 100 * 86_400_000);
  const [monthly, contacts, help] = await Promise.all([
    db.select({ memberId: reports.memberId, period: reports.period }).from(reports).where(and(eq(reports.kind, 'monthly'), inArray(reports.memberId, ids), gte(reports.submittedAt, since))),
    db.select({ memberId: trackingEntries.memberId, kind: trackingEntries.kind, at: trackingEntries.at }).from(trackingEntries)
      .where(and(inArray(trackingEntries.memberId, ids), inArray(trackingEntries.kind, [...CONTACT_KINDS]), gte(trackingEntries.at, since))),
    db.select({ memberId: helpRequests.memberId, id: helpRequests.id }).from(helpRequests).where(and(inArray(helpRequests.memberId, ids), notInArray(helpRequests.status, ['confirmed']))),
  ]);
  return visible.map((m) => {
    const month = monthPeriod(now, m.timezone);
    const quarter = quarterPeriod(now, m.timezone);
    const mine = contacts.filter((c) => c.memberId === m.personId);
    return {
      memberId: m.personId,
      name: m.name,
      overdue: !monthly.some((r) => r.memberId === m.personId && r.period === month),
      notContactedThisMonth: !mine.some((c) => monthPeriod(c.at, m.timezone) === month),
      notVisitedThisQuarter: !mine.some((c) => c.kind === 'visit' && quarterPeriod(c.at, m.timezone) === quarter),
      lostContact: m.status === 'lost_contact',
      openHelp: help.filter((h) => h.memberId === m.personId).length,
      helpIds: help.filter((h) => h.memberId === m.personId).map((h) => h.id).sort((a, b) => a - b),
    };
  });
}

const MAX_BUTTONS = 5;

/** The caseload as one message: counts first, then only the members with something to do. */
export async function caseloadReply(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const lines = await caseload(db, staffId, now);
  if (lines.length === 0) return [reply('staff-no-members')];
  const todo = lines.filter((l) => l.overdue || l.notContactedThisMonth || l.notVisitedThisQuarter || l.lostContact || l.openHelp > 0);
  const flag = (on: boolean, mark: string) => (on ? mark : '');
  const text = todo
    .map((l) => `${l.name} ${[flag(l.lostContact, '❗'), flag(l.overdue, '✗'), flag(l.notContactedThisMonth, '☎'), flag(l.notVisitedThisQuarter, '🏠'), flag(l.openHelp > 0, `🆘${l.helpIds.join(',')}`)].join('')}`)
    .join('\n');
  const count = (f: (l: CaseloadLine) => boolean) => lines.filter(f).length;
  const buttons = todo
    .filter((l) => l.notContactedThisMonth || l.lostContact)
    .slice(0, MAX_BUTTONS)
    .map((l) => [button('staff-button-log-call-for', `contact:call:${l.memberId}`, { name: l.name }), button('staff-button-log-visit-for', `contact:visit:${l.memberId}`, { name: l.name })]);
  // The requests behind the 🆘 numbers are one tap away.
  if (lines.some((l) => l.openHelp > 0)) buttons.push([button('staff-button-help-list', 'hr:list')]);
  return [reply('staff-caseload', {
    args: {
      total: lines.length, overdue: count((l) => l.overdue), uncontacted: count((l) => l.notContactedThisMonth),
      unvisited: count((l) => l.notVisitedThisQuarter), lost: count((l) => l.lostContact), help: count((l) => l.openHelp > 0), lines: text || '-',
    },
    buttons,
  })];
}
