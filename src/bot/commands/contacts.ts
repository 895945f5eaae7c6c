import type { DbOrTx } from '../../db/client.js';
import { trackingEntries } from '../../db/schema/index.js';
import { markFoundIfLost } from '../effects.js';
import { reply, type Reply } from '../flow.js';
import { authorize } from './authorize.js';

export const CONTACT_KINDS = ['call', 'message', 'visit'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

const NOTE_LIMIT = 500;

/**
 * A liaison called, messaged or visited a member: it goes on the tracking card (跟踪管理卡), counts as this
 * month's contact so the chase stops, and a member marked lost contact is found again.
 */
export async function logContact(db: DbOrTx, staffId: number, memberId: number, kind: ContactKind, note: string | undefined, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.log', { kind: 'member', id: memberId }, now, { kind }))) return [reply('staff-member-not-found')];
  const text = note?.trim().slice(0, NOTE_LIMIT) || null;
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind, note: text });
  await markFoundIfLost(db, memberId, now);
  return [reply('staff-contact-logged', { args: { id: memberId, kind } })];
}

/** '/log 12 visit 在家，身体好' → member 12, a home visit, the note. */
export function parseLogArgs(arg: string): { memberId: number; kind: ContactKind; note?: string } | undefined {
  const m = /^#?(\d+)\s+(call|message|visit|电话|短信|消息|走访|家访)(?:\s+([\s\S]*))?$/i.exec(arg.trim());
  if (!m) return undefined;
  const word = m[2]!.toLowerCase();
  const kind: ContactKind = word === 'call' || word === '电话' ? 'call' : word === 'visit' || word === '走访' || word === '家访' ? 'visit' : 'message';
  return { memberId: Number(m[1]), kind, ...(m[3]?.trim() ? { note: m[3].trim() } : {}) };
}
