import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { jobWishStatements, members, persons, trackingEntries } from '../../db/schema/index.js';
import { button, reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { liaisonOf, notifyPerson } from '../../bot/notify.js';
import { WISH_PLACES } from '../../bot/flows/jobWish.js';
import { authorize } from '../access/authorize.js';

export interface JobWish { work: string[]; place: string | null; training: string[] }

/** The button that opens the member's own 就业意向 questions, under the re-employment feature's messages. */
export const jobWishButton = () => button('jobwish-button-start', 'menu:jobWish');

/** A place picked with a button is said in the reader's language; one typed stays as typed. */
export const placeLabel = (lang: Language, place: string | null) =>
  place === null ? '-' : (WISH_PLACES as readonly string[]).includes(place) ? t(lang, `jobwish-place-${place}`) : place;

export function wishText(lang: Language, w: JobWish): string {
  return t(lang, 'jobwish-summary', { work: w.work.join('、') || t(lang, 'jobwish-any-work'), place: placeLabel(lang, w.place), training: w.training.join('、') || '-' });
}

/**
 * The member's own 就业意向 (the jobWish flow's last answer): kept as said, its work and training words become what
 * courses and openings are matched with (members.job_wishes), a line on the tracking card, and their helper (else
 * their liaison) is told, so staff see it without asking.
 */
export async function saveOwnWish(db: DbOrTx, facts: PersonFacts, wish: JobWish, now: Date): Promise<Reply[]> {
  const memberId = facts.personId;
  const set = { work: wish.work, place: wish.place, training: wish.training, statedAt: now };
  await db.insert(jobWishStatements).values({ memberId, ...set }).onConflictDoUpdate({ target: jobWishStatements.memberId, set });
  await db.update(members).set({ jobWishes: [...new Set([...wish.work, ...wish.training])] }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: memberId, kind: 'note', details: { ownJobWish: true, work: wish.work, place: wish.place, training: wish.training } });
  const [helper] = await query<{ id: number }>(db, sql`select helper_id as id from helper_assignments where member_id = ${memberId} order by assigned_at limit 1`);
  const staffId = helper?.id ?? (await liaisonOf(db, memberId));
  if (staffId !== undefined) {
    const [me] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
    const [staff] = await db.select({ language: persons.language }).from(persons).where(eq(persons.id, staffId));
    await notifyPerson(db, staffId, reply('jobwish-to-staff', { args: { name: me?.name ?? '', wish: wishText(staff?.language ?? 'zh-CN', wish) } }), {
      key: `job-wish:${memberId}:${now.getTime()}:${staffId}`, purpose: 'notify', now,
    });
  }
  return [reply('jobwish-saved', { args: { wish: wishText(facts.language, wish) } })];
}

/** `/employment 姓名` alone: the member's 就业意向 as they said it (and the words staff recorded), for staff who may see them. */
export async function showWish(db: DbOrTx, facts: PersonFacts, memberId: number, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, facts.personId, 'member.view', { kind: 'member', id: memberId }, now, { employmentWishShown: true }))) return [reply('staff-member-not-found')];
  const [m] = await db.select({ name: persons.name, wishes: members.jobWishes }).from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, memberId));
  if (!m) return [reply('staff-member-not-found')];
  const [own] = await db.select().from(jobWishStatements).where(eq(jobWishStatements.memberId, memberId));
  if (!own) return [reply('jobwish-staff-view-none', { args: { name: m.name, wishes: m.wishes.join('、') || '-' } })];
  return [reply('jobwish-staff-view', { args: { name: m.name, wish: wishText(facts.language, own), day: own.statedAt.toISOString().slice(0, 10), wishes: m.wishes.join('、') || '-' } })];
}
