import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helperAssignments, liaisonAssignments, persons, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
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

/**
 * Each liaison of the subtree with the size of their caseload and how many have not reported this month, counted in
 * SQL: a county has tens of thousands of liaisons and a million assignments, which matched in JS (a filter per
 * liaison) took minutes.
 */
export async function liaisonLoad(db: DbOrTx, orgPath: string, now: Date, timezone = 'Asia/Shanghai'): Promise<LiaisonLoad[]> {
  return query<LiaisonLoad>(db, sql`
    select p.id as "liaisonId", p.name, count(m.person_id)::int as members,
      (count(m.person_id) filter (where r.member_id is null))::int as overdue
    from (select distinct sr.person_id from staff_roles sr join organisations o on o.id = sr.org_id
          where sr.role = 'liaison' and o.path like ${`${orgPath}%`}) l
    join persons p on p.id = l.person_id
    left join liaison_assignments la on la.liaison_id = l.person_id
    left join members m on m.person_id = la.member_id
    -- One report a member and period (reports_one_per_period): joined, not asked per member, so a county's are hashed once.
    left join reports r on r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${monthPeriod(now, timezone)}
    group by p.id, p.name
    order by members desc, p.id`);
}

/** A chat message lists this many liaisons, the busiest first; the rest are counted. */
const MAX_LISTED = 50;

export async function liaisonLoadReply(db: DbOrTx, staffId: number, now: Date, lang: Language): Promise<Reply[]> {
  const [org] = await managedOrgs(db, staffId);
  if (!org || !(await authorize(db, staffId, 'staff.assign', { kind: 'org', id: org.id }, now, { view: 'load' }))) return [reply('staff-managers-only')];
  const loads = await liaisonLoad(db, org.path, now);
  const lines = loads.slice(0, MAX_LISTED).map((l) => `${l.name}: ${l.members} / ${l.overdue}`);
  if (loads.length > MAX_LISTED) lines.push(t(lang, 'staff-list-more', { count: loads.length - MAX_LISTED }));
  return [reply('staff-liaison-load', { args: { org: org.name, lines: lines.join('\n') || '-' } })];
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
