import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, trackingEntries } from '../../db/schema/index.js';
import { authorize, isAllowed } from '../commands/authorize.js';
import { rowsOf } from '../commands/scope.js';
import { reply, type PersonFacts, type Reply } from '../flow.js';
import type { ButtonAction } from './index.js';
import { markFoundIfLost } from '../effects.js';
import { monthPeriod } from '../period.js';
import { cancelPendingReminders } from '../../schedules/prompts.js';
import { NO_SUCH_ID, parseId } from '../ids.js';

export const CONTACT_KINDS = ['call', 'message', 'visit'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** The button a liaison taps (App Home, a digest) to note a contact: `contact:call:42`. */
export const logContactPayload = (kind: ContactKind, memberId: number) => `contact:${kind}:${memberId}`;

/**
 * A call, message or home visit noted on the member's tracking card (跟踪管理卡), by someone whose scope includes
 * the member, and written to the audit log. A contact this month is what 一月一访 counts.
 */
export async function logContact(db: DbOrTx, facts: PersonFacts, kind: ContactKind, memberId: number, now: Date, note?: string): Promise<Reply[]> {
  if (!facts.isStaff) return [reply('common-staff-only')];
  // The one permission gate (caseload, helper, home subtree, inflow organisation); a refusal is audited there.
  const target = { kind: 'member', id: memberId } as const;
  if (!(await isAllowed(db, facts.personId, 'member.log', target))) {
    await authorize(db, facts.personId, 'member.log', target, now, { kind });
    return [reply('staff-member-not-found')];
  }
  const [member] = rowsOf<{ name: string }>(await db.execute(sql`select name from persons where id = ${memberId}`));
  if (!member) return [reply('staff-member-not-found')];
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: facts.personId, kind, note: note?.trim().slice(0, 500) || null });
  await db.insert(auditLog).values({ actorId: facts.personId, action: 'log_contact', targetKind: 'member', targetId: String(memberId), at: now, details: { kind, allowed: true } });
  // Contact made: the member is found if they were lost, and this month's reminders to them stop.
  await markFoundIfLost(db, memberId, now);
  const [tz] = rowsOf<{ timezone: string }>(await db.execute(sql`select timezone from persons where id = ${memberId}`));
  const period = monthPeriod(now, tz?.timezone ?? 'Asia/Shanghai');
  await cancelPendingReminders(db, memberId, [`reminder:monthly:${period}:`, `followup:monthly:${period}:`]);
  return [reply('contact-logged', { args: { name: member.name, kind } })];
}

export const logContactAction: ButtonAction = {
  pattern: /^contact:(call|message|visit):(\d+)$/,
  run: (db, facts, m, now) => logContact(db, facts, m[1] as ContactKind, parseId(m[2]) ?? NO_SUCH_ID, now),
};
