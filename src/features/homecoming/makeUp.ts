import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { makeUpAttendance, makeUpSessions, members, persons } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { authorize } from '../access/authorize.js';

/** How far back the make-up list looks: the study year just gone. */
export const MAKE_UP_WINDOW_DAYS = 365;

/**
 * The member's make-up list (补课): study items meant for them in the last year that they have not read, and that
 * no make-up session they attended (on or after the item's day) has covered.
 */
export async function makeUpItems(db: DbOrTx, memberId: number, today: string): Promise<{ id: number; title: string }[]> {
  return query<{ id: number; title: string }>(db, sql`
    select si.id, si.title
    from members m
    join organisations home on home.id = m.home_org_id
    join study_items si on si.retired_at is null and si.publish_on <= ${today}::date and si.publish_on > ${today}::date - ${MAKE_UP_WINDOW_DAYS}::int
    join organisations so on so.id = si.org_id and home.path like so.path || '%'
    where m.person_id = ${memberId}
      and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
      and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id)
      and not exists (select 1 from make_up_attendance a join make_up_sessions s on s.id = a.session_id
                      where a.member_id = m.person_id and s.held_on >= si.publish_on)
    order by si.publish_on, si.id`);
}

/**
 * `/makeup 2027-02-10 12 15 18`: a concentrated session held on that day and who attended. Each member must be one
 * the secretary runs (the home branch's record); the attendance clears their make-up list up to that day.
 */
export async function recordMakeUpSession(db: DbOrTx, facts: PersonFacts, heldOn: string, memberIds: number[], now: Date): Promise<Reply[]> {
  const present: number[] = [];
  for (const id of [...new Set(memberIds)]) {
    if (await authorize(db, facts.personId, 'member.manage', { kind: 'member', id }, now, { makeUpSession: heldOn })) present.push(id);
  }
  if (present.length === 0) return [reply('staff-member-not-found')];
  // The session belongs to the branch of the first member present (sessions are held by a branch for its members).
  const [first] = await db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, present[0]!));
  const [session] = await db.insert(makeUpSessions).values({ orgId: first!.orgId, heldOn, recordedBy: facts.personId, createdAt: now }).returning({ id: makeUpSessions.id });
  await db.insert(makeUpAttendance).values(present.map((memberId) => ({ sessionId: session!.id, memberId })));
  const names = await db.select({ name: persons.name }).from(persons).where(inArray(persons.id, present)).orderBy(persons.name);
  return [reply('makeup-session-recorded', { args: { date: heldOn, count: present.length, names: names.map((n) => n.name).join('、'), skipped: memberIds.length - present.length } })];
}
