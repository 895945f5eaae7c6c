import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { certificateActivities, members, organisations, persons, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { authorize } from '../access/authorize.js';
import { memberIdsBy, type Standing } from '../access/scope.js';

export const MAX_ACTIVITY_CHARS = 200;

/**
 * 《流动党员活动证》: an activity the member attended at the destination (a day, what it was), recorded by the inflow
 * organisation the member is attached to. A line on the tracking card, counted in the year summary of 民主评议;
 * the home branch sees it there and on its members' pages.
 */
export async function recordActivity(db: DbOrTx, staffId: number, memberId: number, heldOn: string, what: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'activity.record', { kind: 'member', id: memberId }, now, { heldOn }))) return [reply('staff-member-not-found')];
  const text = what.trim();
  if (!text) return [reply('staff-tool-usage', { args: { tool: 'activity' } })];
  if ([...text].length > MAX_ACTIVITY_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_ACTIVITY_CHARS } })];
  const [m] = await db.select({ inflow: members.inflowOrgId, name: persons.name }).from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, memberId));
  if (!m || m.inflow === null) return [reply('staff-member-not-found')];
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, m.inflow));
  const [row] = await db.insert(certificateActivities).values({ memberId, orgId: m.inflow, heldOn, what: text, recordedBy: staffId, recordedAt: now }).returning({ id: certificateActivities.id });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { certificateActivity: row!.id, on: heldOn, what: text, org: org?.name ?? '' } });
  return [reply('activity-recorded', { args: { name: m.name, date: heldOn, what: text, org: org?.name ?? '' } })];
}

export interface ActivityRow { id: number; memberId: number; name: string; homeOrg: string; org: string; heldOn: string; what: string }

/** The year's activities of the members the person stands to in these ways, newest first. */
export async function activitiesOf(db: DbOrTx, staffId: number, year: number, standings: readonly Standing[]): Promise<ActivityRow[]> {
  return query<ActivityRow>(db, sql`
    select ca.id, ca.member_id as "memberId", p.name, home.name as "homeOrg", o.name as org, ca.held_on::text as "heldOn", ca.what
    from certificate_activities ca
    join (${memberIdsBy(staffId, standings)}) ids (member_id) on ids.member_id = ca.member_id
    join persons p on p.id = ca.member_id
    join members m on m.person_id = ca.member_id
    join organisations home on home.id = m.home_org_id
    join organisations o on o.id = ca.org_id
    where ca.held_on >= ${`${year}-01-01`}::date and ca.held_on < ${`${year + 1}-01-01`}::date
    order by ca.held_on desc, ca.id desc
    limit 500`);
}
