import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, organisations, persons, recognitions, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { authorize } from '../access/authorize.js';
import { standsTo } from '../access/scope.js';

export const MAX_REASON_CHARS = 500;

/**
 * 先进: a member marked as setting an example, with the reason and the organisation that proposes it (the home
 * branch, or the inflow organisation for a member attached to it). It shows on the card, in the year summary,
 * the evaluation list and export; the secretary may announce it with /broadcast.
 */
export async function recogniseMember(db: DbOrTx, staffId: number, memberId: number, year: number, reason: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'recognition.propose', { kind: 'member', id: memberId }, now, { year }))) return [reply('staff-member-not-found')];
  if (reason.length > MAX_REASON_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_REASON_CHARS } })];
  const [m] = await db.select({ home: members.homeOrgId, inflow: members.inflowOrgId, name: persons.name }).from(members)
    .innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, memberId));
  if (!m) return [reply('staff-member-not-found')];
  const orgId = (await standsTo(db, staffId, memberId, ['owner'])) ? m.home : m.inflow ?? m.home;
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const [row] = await db.insert(recognitions).values({ memberId, year, reason, proposedByOrgId: orgId, recordedBy: staffId, recordedAt: now }).returning({ id: recognitions.id });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { recognition: row!.id, year } });
  return [reply('recognition-saved', { args: { name: m.name, year: String(year), org: org?.name ?? '' } })];
}
