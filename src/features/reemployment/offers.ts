import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { employmentOutcomes, helpRequestEvents, helpRequests, jobOffers, jobSignups, members, organisations, persons, trackingEntries } from '../../db/schema/index.js';
import type { EmploymentOutcome, JobOfferKind } from '../../db/schema/membership.js';
import { button, reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t } from '../../bot/i18n/index.js';
import { liaisonOf, notifyPerson } from '../../bot/notify.js';
import { localDay } from '../../bot/period.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { offerPlace } from './place.js';
import { jobWishButton } from './wishes.js';

export interface OfferInput { kind: JobOfferKind; title: string; place: string; startsOn: string; endsOn?: string; skills: string[] }

/** A course or an opening, posted by the branch or the township for the laid-off members of its subtree. */
export async function postOffer(db: DbOrTx, staffId: number, orgId: number | undefined, input: OfferInput, now: Date): Promise<Reply[]> {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined || !(await authorize(db, staffId, 'membership.manage', { kind: 'org', id }, now, { jobOffer: input.kind }))) return [reply('staff-org-out-of-scope')];
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  if (!org) return [reply('staff-org-out-of-scope')];
  const [offer] = await db.insert(jobOffers).values({ orgId: id, ...input, endsOn: input.endsOn ?? null, createdBy: staffId, createdAt: now }).returning({ id: jobOffers.id });
  return [reply('job-offer-posted', { args: { org: org.name, kind: input.kind, title: input.title, id: offer!.id } })];
}

export interface OfferForMember { id: number; kind: JobOfferKind; title: string; place: string; startsOn: string; endsOn: string | null }

/**
 * Offers still ahead that suit a member: in their home branch's subtree, and matching their occupation or one of
 * the work they wish for (就业意向), or open to all.
 */
export const suitsMember = (today: string) => sql`jo.org_id = so.id and home.path like so.path || '%'
  and (cardinality(jo.skills) = 0 or m.occupation = any(jo.skills) or jo.skills && m.job_wishes) and coalesce(jo.ends_on, jo.starts_on) >= ${today}::date`;

export async function offersFor(db: DbOrTx, memberId: number, today: string): Promise<OfferForMember[]> {
  return query<OfferForMember>(db, sql`
    select jo.id, jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn", jo.ends_on::text as "endsOn"
    from members m join organisations home on home.id = m.home_org_id
    join job_offers jo on true join organisations so on ${suitsMember(today)}
    where m.person_id = ${memberId} order by jo.starts_on, jo.id`);
}

export function offerMessage(o: OfferForMember): Reply {
  return reply('job-offer', {
    args: { kind: o.kind, title: o.title, place: offerPlace(o.place), starts: o.startsOn, ends: o.endsOn ?? o.startsOn },
    buttons: [[button('job-button-signup', `job:signup:${o.id}`)], [jobWishButton()]],
  });
}

/** 我想报名 typed: the offers that suit the member, each with its button. */
export async function signupMenu(db: DbOrTx, facts: PersonFacts, now: Date): Promise<Reply[]> {
  const offers = (await offersFor(db, facts.personId, localDay(now, facts.timezone))).slice(0, 5);
  if (offers.length === 0) return [reply('job-none-open', { buttons: [[jobWishButton()]] })];
  return offers.map(offerMessage);
}

/** The member signs up: a help request of the category 就业, assigned to their helper (or liaison), who is told. */
export async function signUp(db: DbOrTx, facts: PersonFacts, offerId: number, now: Date): Promise<Reply[]> {
  const offer = (await offersFor(db, facts.personId, localDay(now, facts.timezone))).find((o) => o.id === offerId);
  if (!offer) return [reply('common-stale-button')];
  const [signup] = await db.insert(jobSignups).values({ offerId, memberId: facts.personId, signedAt: now }).onConflictDoNothing().returning({ offerId: jobSignups.offerId });
  if (!signup) return [reply('job-signed-up', { args: { title: offer.title } })];
  const [helper] = await query<{ id: number }>(db, sql`select helper_id as id from helper_assignments where member_id = ${facts.personId} order by assigned_at limit 1`);
  const assignee = helper?.id ?? (await liaisonOf(db, facts.personId));
  const description = t(facts.language, 'job-signup-description', { kind: offer.kind, title: offer.title, place: offer.place, starts: offer.startsOn });
  const [request] = await db.insert(helpRequests).values({
    memberId: facts.personId, category: 'jobs', description, status: assignee === undefined ? 'open' : 'assigned', assigneeId: assignee ?? null, createdAt: now, updatedAt: now,
  }).returning({ id: helpRequests.id });
  await db.insert(helpRequestEvents).values({ requestId: request!.id, at: now, actorId: facts.personId, toStatus: assignee === undefined ? 'open' : 'assigned' });
  await db.update(jobSignups).set({ helpRequestId: request!.id }).where(sql`${jobSignups.offerId} = ${offerId} and ${jobSignups.memberId} = ${facts.personId}`);
  await db.insert(trackingEntries).values({ memberId: facts.personId, at: now, kind: 'help', details: { requestId: request!.id, category: 'jobs', jobOffer: offerId } });
  if (assignee !== undefined) {
    const [me] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, facts.personId));
    await notifyPerson(db, assignee, reply('job-signup-to-helper', { args: { name: me?.name ?? '', title: offer.title, id: request!.id } }), { key: `job-signup:${request!.id}:${assignee}`, purpose: 'notify', now });
  }
  return [reply('job-signed-up', { args: { title: offer.title } })];
}

/** A laid-off member trained, or working again: what the statistics count. */
export async function recordOutcome(db: DbOrTx, staffId: number, memberId: number, outcome: EmploymentOutcome, on: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'help.handle', { kind: 'member', id: memberId }, now, { employment: outcome }))) return [reply('staff-member-not-found')];
  await db.insert(employmentOutcomes).values({ memberId, outcome, on, recordedBy: staffId, recordedAt: now });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { employment: outcome } });
  const [p] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
  return [reply('job-outcome-recorded', { args: { name: p?.name ?? '', outcome } })];
}

/** 就业意向: the work or training a laid-off member wants, recorded by their helper or the branch; none clears it. */
export async function recordWishes(db: DbOrTx, staffId: number, memberId: number, wishes: string[], now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'help.handle', { kind: 'member', id: memberId }, now, { employmentWish: wishes.length }))) return [reply('staff-member-not-found')];
  await db.update(members).set({ jobWishes: wishes }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { employmentWish: wishes } });
  const [p] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
  return [reply(wishes.length ? 'job-wish-recorded' : 'job-wish-cleared', { args: { name: p?.name ?? '', wishes: wishes.join('、') } })];
}

/**
 * 下岗失业党员再就业: laid-off members of a subtree, how many signed up, were trained, work again, in a year. Each count
 * starts from its own rows with the subtree's path as the prefix, so the planner sees how big the subtree is (a county's
 * laid-off members are read by the status index, a branch's by its organisation's); the sign-ups and outcomes are few,
 * and each one's member is checked, not the other way round. Gathering the subtree's members first (a million for a
 * county) and joining every count to them took the county 0.8 s.
 */
export async function jobStatistics(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, year: number, now: Date): Promise<Reply[]> {
  const id = orgId ?? (await managedOrgs(db, facts.personId))[0]?.id;
  if (id === undefined || !(await authorize(db, facts.personId, 'stats.view', { kind: 'org', id }, now, { jobStats: year }))) return [reply('staff-org-out-of-scope')];
  const [org] = await db.select({ name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  if (!org) return [reply('staff-org-out-of-scope')];
  const under = `${org.path}%`;
  const ofSubtree = sql`join members m on m.person_id = x.member_id join organisations home on home.id = m.home_org_id and home.path like ${under}`;
  const [s] = await query<{ laidOff: number; signedUp: number; trained: number; reemployed: number }>(db, sql`
    select
      (select count(*)::int from members m join organisations home on home.id = m.home_org_id
        where m.status = 'laid_off' and home.path like ${under}) as "laidOff",
      (select count(distinct x.member_id)::int from job_signups x ${ofSubtree} where extract(year from x.signed_at) = ${year}) as "signedUp",
      (select count(distinct x.member_id)::int from employment_outcomes x ${ofSubtree} where x.outcome = 'trained' and extract(year from x.on) = ${year}) as trained,
      (select count(distinct x.member_id)::int from employment_outcomes x ${ofSubtree} where x.outcome = 'reemployed' and extract(year from x.on) = ${year}) as reemployed`);
  return [reply('job-statistics', { args: { org: org.name, ...s!, year: String(year) } })];
}
