import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helperAssignments, liaisonAssignments, members, organisations, persons, reports, staffRoles, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { monthPeriod } from '../../bot/period.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { memberNames } from '../access/byName.js';
import { idOf } from '../args.js';
import { query } from '../../db/query.js';

/** May this person serve the member: a staff role over the member's home branch or inflow organisation. */
async function canServe(db: DbOrTx, personId: number, memberId: number, role: 'liaison' | 'helper'): Promise<boolean> {
  const result = await db.execute(sql`
    select 1 from members m
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    join staff_roles sr on sr.person_id = ${personId}
    join organisations so on so.id = sr.org_id
    where m.person_id = ${memberId}
      and (sr.role = ${role} or sr.role in ('secretary','org_admin') or (${role} = 'helper' and sr.role = 'liaison'))
      and (home.path like so.path || '%' or inflow.path like so.path || '%')
    limit 1`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows.length > 0;
}

/** The secretary gives a member a liaison (one each) or a helper (一帮一, several allowed). */
export async function assignStaff(db: DbOrTx, secretaryId: number, memberId: number, role: 'liaison' | 'helper', personId: number, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, secretaryId, 'member.manage', { kind: 'member', id: memberId }, now, { assign: role, personId }))) return [reply('staff-member-not-found')];
  if (!(await canServe(db, personId, memberId, role))) return [reply('staff-assign-not-staff', { args: { role } })];
  if (role === 'liaison') {
    await db.insert(liaisonAssignments).values({ memberId, liaisonId: personId, assignedAt: now })
      .onConflictDoUpdate({ target: liaisonAssignments.memberId, set: { liaisonId: personId, assignedAt: now } });
  } else {
    await db.insert(helperAssignments).values({ memberId, helperId: personId, assignedAt: now }).onConflictDoNothing();
  }
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: secretaryId, kind: 'note', details: { assigned: role, personId } });
  const [member, person] = await Promise.all([memberNames(db, memberId), db.select({ name: persons.name }).from(persons).where(eq(persons.id, personId))]);
  const args = { name: member!.name, branch: member!.branch, role, person: person[0]!.name };
  await notifyPerson(db, personId, reply('staff-assigned-to-you', { args }), { key: `assign:${role}:${memberId}:${personId}:${now.getTime()}`, purpose: 'notify', now });
  return [reply('staff-assigned', { args })];
}

export interface LiaisonLoad {
  liaisonId: number;
  name: string;
  members: number;
  overdue: number;
}

/** Each liaison of the subtree with the size of their caseload and how many have not reported this month. */
export async function liaisonLoad(db: DbOrTx, orgPath: string, now: Date, timezone = 'Asia/Shanghai'): Promise<LiaisonLoad[]> {
  const liaisons = await db
    .selectDistinct({ id: persons.id, name: persons.name })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .innerJoin(persons, eq(persons.id, staffRoles.personId))
    .where(and(eq(staffRoles.role, 'liaison'), like(organisations.path, `${orgPath}%`)));
  if (liaisons.length === 0) return [];
  const cases = await db
    .select({ liaisonId: liaisonAssignments.liaisonId, memberId: liaisonAssignments.memberId })
    .from(liaisonAssignments)
    .innerJoin(members, eq(members.personId, liaisonAssignments.memberId))
    .where(inArray(liaisonAssignments.liaisonId, liaisons.map((l) => l.id)));
  const period = monthPeriod(now, timezone);
  const reported = cases.length === 0 ? [] : await db.select({ memberId: reports.memberId }).from(reports)
    .where(and(eq(reports.kind, 'monthly'), eq(reports.period, period), inArray(reports.memberId, cases.map((c) => c.memberId))));
  const done = new Set(reported.map((r) => r.memberId));
  return liaisons
    .map((l) => {
      const mine = cases.filter((c) => c.liaisonId === l.id);
      return { liaisonId: l.id, name: l.name, members: mine.length, overdue: mine.filter((c) => !done.has(c.memberId)).length };
    })
    .sort((a, b) => b.members - a.members || a.liaisonId - b.liaisonId);
}

export async function liaisonLoadReply(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const [org] = await managedOrgs(db, staffId);
  if (!org || !(await authorize(db, staffId, 'staff.assign', { kind: 'org', id: org.id }, now, { view: 'load' }))) return [reply('staff-managers-only')];
  const loads = await liaisonLoad(db, org.path, now);
  const lines = loads.map((l) => `${l.name}: ${l.members} / ${l.overdue}`).join('\n') || '-';
  return [reply('staff-liaison-load', { args: { org: org.name, lines } })];
}

/**
 * The liaison or helper typed by number or by name: someone holding a staff role in an organisation the
 * secretary runs (a name elsewhere in the county means nothing here). Several with the name → 'many'.
 */
export async function staffNamed(db: DbOrTx, secretaryId: number, word: string): Promise<number | 'many' | undefined> {
  const id = idOf(word);
  if (id !== undefined) return id;
  const rows = await query<{ id: number }>(db, sql`
    select distinct p.id from persons p
    join staff_roles sr on sr.person_id = p.id join organisations o on o.id = sr.org_id
    join staff_roles mine on mine.person_id = ${secretaryId} and mine.role in ('secretary', 'org_admin')
    join organisations mo on mo.id = mine.org_id
    where p.name = ${word} and o.path like mo.path || '%' limit 2`);
  return rows.length > 1 ? 'many' : rows[0]?.id;
}
