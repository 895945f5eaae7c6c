import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helpRequestEvents, helpRequests } from '../../db/schema/index.js';
import { button, reply, type Reply, type ReplyButton } from '../flow.js';
import { notifyPerson } from '../notify.js';
import { helpLadder, nameOf } from './routing.js';

type Request = typeof helpRequests.$inferSelect;

/** Why a person is shown a request: it is new to its liaison, it had nobody, or nobody took it in time. */
export type NoticeWhy = 'new' | 'no-liaison' | 'not-taken';

/** What staff can do with a request, wherever it is shown: take, note, hand over, resolve. */
export function helpRequestButtons(id: number): ReplyButton[][] {
  return [
    [button('staff-button-take', `hr:take:${id}`), button('staff-button-resolve', `hr:resolve:${id}`)],
    [button('staff-button-note', `hr:note:${id}`), button('staff-button-handover', `hr:handover:${id}`)],
  ];
}

const excerpt = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** The request as a message to staff: who, what kind, how urgent, and the member's own words. */
export async function helpNotice(db: DbOrTx, r: Request, why: NoticeWhy, hours = 0): Promise<Reply> {
  return reply('staff-help-notice', {
    args: {
      id: r.id, name: await nameOf(db, r.memberId), category: r.category, urgent: r.urgency === 'urgent' ? 'yes' : 'no',
      description: excerpt(r.description, 600), why, hours,
    },
    buttons: helpRequestButtons(r.id),
  });
}

/** Sends the notice to each person once (the key names the request, the rung and the person). Returns who got it. */
async function tell(db: DbOrTx, r: Request, people: number[], why: NoticeWhy, rung: number, now: Date, hours = 0): Promise<number[]> {
  const told: number[] = [];
  const notice = await helpNotice(db, r, why, hours);
  for (const p of people) {
    const key = rung === 0 ? `help-new:${r.id}:${p}` : `help-escalate:${r.id}:${rung}:${p}`;
    if (await notifyPerson(db, p, notice, { key, purpose: 'notify', now })) told.push(p);
  }
  return told;
}

async function markEscalated(db: DbOrTx, r: Request, level: number, now: Date) {
  await db.update(helpRequests).set({ escalationLevel: level, escalatedAt: now }).where(eq(helpRequests.id, r.id));
  await db.insert(helpRequestEvents).values({ requestId: r.id, at: now, actorId: null, fromStatus: r.status, toStatus: r.status, note: null });
}

/** Who the member is told will contact them. */
export type Contact = { role: 'liaison' | 'secretary' | 'above'; name: string } | { role: 'nobody' };

/**
 * A new request goes to the member's liaison; with no liaison (or one the bot cannot reach) straight to the
 * branch secretary, and with no secretary either to the organisation above. The member is told who it is.
 */
export async function deliverNewHelpRequest(db: DbOrTx, r: Request, now: Date): Promise<Contact> {
  const ladder = await helpLadder(db, r.memberId);
  if (ladder.liaisonId !== undefined && (await tell(db, r, [ladder.liaisonId], 'new', 0, now)).length > 0) {
    return { role: 'liaison', name: await nameOf(db, ladder.liaisonId) };
  }
  const rungs: [1 | 2, number[]][] = [[1, ladder.secretaryIds], [2, ladder.aboveIds]];
  for (const [level, people] of rungs) {
    const told = await tell(db, r, people, 'no-liaison', level, now);
    if (told.length > 0) {
      await markEscalated(db, r, level, now);
      return { role: level === 1 ? 'secretary' : 'above', name: await nameOf(db, told[0]!) };
    }
  }
  return { role: 'nobody' };
}

/** One step up the ladder for a request nobody took in time: to `level` (1 the secretary, 2 the organisation above). */
export async function escalateHelpRequest(db: DbOrTx, r: Request, level: 1 | 2, hours: number, now: Date): Promise<number> {
  const ladder = await helpLadder(db, r.memberId);
  // The person it was handed to and who sat on it is not asked again.
  const people = (level === 1 ? ladder.secretaryIds : ladder.aboveIds).filter((p) => p !== r.assigneeId);
  const told = await tell(db, r, people, 'not-taken', level, now, hours);
  // Recorded even when nobody could be reached, so the ladder moves on and the request shows it went up.
  await markEscalated(db, r, level, now);
  return told.length;
}

/** The member's confirmation names who will contact them. */
export function submittedReply(id: number, contact: Contact): Reply {
  return reply('help-submitted', { args: { id, who: contact.role, name: contact.role === 'nobody' ? '' : contact.name } });
}
