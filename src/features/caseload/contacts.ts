import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, trackingEntries } from '../../db/schema/index.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { query } from '../../db/query.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';

import { markFoundIfLost } from '../../bot/effects.js';
import { monthPeriod } from '../../bot/period.js';
import { cancelPendingReminders } from '../../outbox/cancel.js';
import { idOf, NO_SUCH_ID } from '../args.js';

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
  const [member] = await query<{ name: string }>(db, sql`select name from persons where id = ${memberId}`);
  if (!member) return [reply('staff-member-not-found')];
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: facts.personId, kind, note: note?.trim().slice(0, 500) || null });
  await db.insert(auditLog).values({ actorId: facts.personId, action: 'log_contact', targetKind: 'member', targetId: String(memberId), at: now, details: { kind, allowed: true } });
  // Contact made: the member is found if they were lost, and this month's reminders to them stop.
  await markFoundIfLost(db, memberId, now);
  const [tz] = await query<{ timezone: string }>(db, sql`select timezone from persons where id = ${memberId}`);
  const period = monthPeriod(now, tz?.timezone ?? 'Asia/Shanghai');
  await cancelPendingReminders(db, memberId, [`reminder:monthly:${period}:`, `followup:monthly:${period}:`]);
  return [reply('contact-logged', { args: { name: member.name, kind } })];
}

/** '/log 12 visit 在家，身体好' → member 12, a home visit, the note. Chinese words work too (电话, 消息, 走访). */
export function parseLogArgs(arg: string): { memberId: number; kind: ContactKind; note?: string } | undefined {
  const m = /^#?(\d+)\s+(call|message|visit|电话|短信|消息|微信|走访|家访)(?:\s+([\s\S]*))?$/i.exec(arg.trim());
  if (!m) return undefined;
  const word = m[2]!.toLowerCase();
  const kind: ContactKind = word === 'call' || word === '电话' ? 'call' : word === 'visit' || word === '走访' || word === '家访' ? 'visit' : 'message';
  return { memberId: idOf(m[1]) ?? NO_SUCH_ID, kind, ...(m[3]?.trim() ? { note: m[3].trim() } : {}) };
}
