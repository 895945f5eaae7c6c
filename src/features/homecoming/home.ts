import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, persons, type MemberStatus } from '../../db/schema/index.js';
import { button, reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { markFoundIfLost } from '../../bot/effects.js';
import { liaisonOf, notifyPerson } from '../../bot/notify.js';
import { localDay } from '../../bot/period.js';
import { markReturned } from '../mobility/returned.js';
import { openHomeVisitTask } from './visits.js';

/** A member away: saying they are home makes them 返乡党员, as a return staff register would. */
const AWAY: readonly MemberStatus[] = ['mobile', 'lost_contact'];

/** The confirming button counts for a few days after 我回来了 was said; later it is stale. */
const CONFIRM_DAYS = 3;

const statusOf = async (db: DbOrTx, memberId: number) =>
  (await db.select({ status: members.status }).from(members).where(eq(members.personId, memberId)))[0]?.status;

/**
 * 我回来了: nothing changes yet. The member is asked to confirm, so that a message sent by accident neither marks
 * them returned nor sends their liaison to the door.
 */
export async function askHome(db: DbOrTx, facts: PersonFacts, now: Date): Promise<Reply[]> {
  const status = await statusOf(db, facts.personId);
  if (!status) return [reply('common-members-only')];
  const today = localDay(now, facts.timezone);
  return [reply(AWAY.includes(status) ? 'homecoming-confirm-return' : 'homecoming-confirm', {
    buttons: [[button('homecoming-button-yes', `home:yes:${today}`)], [button('homecoming-button-no', 'home:no')]],
  })];
}

/**
 * The member confirms: a member away is marked returned (the absence closes, a lost-contact member is found), and
 * the liaison gets the home-visit task (or, with one already open, word that the member is back); a member who
 * lives at home gets the visit as before. Home is the day the member said it.
 */
export async function confirmHome(db: DbOrTx, facts: PersonFacts, day: string, now: Date, dueDays: number): Promise<Reply[]> {
  const today = localDay(now, facts.timezone);
  if (day > today || Date.parse(day) + CONFIRM_DAYS * 86_400_000 < Date.parse(today)) return [reply('common-stale-button')];
  const status = await statusOf(db, facts.personId);
  if (!status) return [reply('common-members-only')];
  if (!AWAY.includes(status)) {
    await openHomeVisitTask(db, facts.personId, day, 'said', now, dueDays);
    return [reply('homecoming-welcome')];
  }
  await markFoundIfLost(db, facts.personId, now);
  const tasked = await markReturned(db, facts.personId, day, now, { actorId: facts.personId, source: 'said', details: { said: true }, homeVisitDueDays: dueDays });
  const liaison = await liaisonOf(db, facts.personId);
  if (!tasked && liaison !== undefined) {
    const [me] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, facts.personId));
    await notifyPerson(db, liaison, reply('homecoming-returned-to-liaison', { args: { name: me?.name ?? '', date: day } }), {
      key: `home:returned:${facts.personId}:${day}:${liaison}`, purpose: 'notify', now,
    });
  }
  return [reply('homecoming-welcome-returned')];
}
