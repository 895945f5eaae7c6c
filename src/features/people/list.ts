import { and, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { identities, inviteCodes, type Platform, type StaffRole } from '../../db/schema/index.js';

/**
 * The organisations a secretary or admin runs, as SQL: `o.path` lies in one of their subtrees. The same rule
 * as authorize's organisation actions and the members' 'owner' standing.
 */
export const managesPath = (staffId: number, path = sql`o.path`) => sql`exists (
  select 1 from staff_roles mine join organisations mo on mo.id = mine.org_id
  where mine.person_id = ${staffId} and mine.role in ('secretary', 'org_admin') and ${path} like mo.path || '%')`;

export interface HeldRole { role: StaffRole; orgId: number; org: string; archived: boolean }
export interface LinkedAccount { platform: Platform; unreachable: boolean }

/** A staff person of the manager's subtree: their roles there, the chat accounts they are linked on. */
export interface StaffEntry {
  personId: number;
  name: string;
  roles: HeldRole[];
  accounts: LinkedAccount[];
  /** An invite code waiting to be used (unexpired). */
  invited: boolean;
}

/** Staff people on one page of the list: a county's tens of thousands of liaisons made a page of 15 MB. */
export const STAFF_PAGE_SIZE = 50;

export interface StaffPageAt {
  /** The last person of the page before; the list goes on after them (name, then id). */
  after?: number | undefined;
  /** Only people whose name holds these words. */
  name?: string | undefined;
  limit?: number;
}

export interface StaffPage {
  people: StaffEntry[];
  /** Everyone the list holds (with the name filter), not only this page. */
  total: number;
  nextAfter?: number;
}

/** The staff of the manager's subtrees, as SQL: person ids (one column), each once. */
const staffIdsInScope = (staffId: number) => sql`
  select sr.person_id from staff_roles sr join organisations o on o.id = sr.org_id where ${managesPath(staffId)}`;

/**
 * One page of the staff of the manager's subtrees, by name: the page's people are chosen first (keyset on name and
 * id), then only their roles, accounts and invites are read.
 */
export async function staffPage(db: DbOrTx, staffId: number, now: Date, at: StaffPageAt = {}): Promise<StaffPage> {
  const limit = at.limit ?? STAFF_PAGE_SIZE;
  const named = at.name ? sql` and position(${at.name} in p.name) > 0` : sql``;
  const after = at.after === undefined ? sql`` : sql` and (p.name, p.id) > (select ap.name, ap.id from persons ap where ap.id = ${at.after})`;
  const [page, [count]] = await Promise.all([
    query<{ id: number }>(db, sql`
      select p.id from persons p where p.id in (${staffIdsInScope(staffId)})${named}${after}
      order by p.name, p.id limit ${limit + 1}`),
    query<{ n: number }>(db, sql`select count(*)::int as n from persons p where p.id in (${staffIdsInScope(staffId)})${named}`),
  ]);
  const more = page.length > limit;
  const ids = page.slice(0, limit).map((r) => r.id);
  const people = await staffEntries(db, staffId, ids, now);
  return { people, total: count?.n ?? 0, ...(more ? { nextAfter: ids.at(-1)! } : {}) };
}

/** These people's roles inside the manager's subtrees, the chat accounts they are linked on, a waiting invite; in the order given. */
async function staffEntries(db: DbOrTx, staffId: number, ids: number[], now: Date): Promise<StaffEntry[]> {
  if (!ids.length) return [];
  const rows = await query<HeldRole & { personId: number; name: string }>(db, sql`
    select p.id as "personId", p.name, sr.role, o.id as "orgId", o.name as org, o.archived_at is not null as archived
    from staff_roles sr join persons p on p.id = sr.person_id join organisations o on o.id = sr.org_id
    where sr.person_id = any(${`{${ids.join(',')}}`}::int[]) and ${managesPath(staffId)}
    order by o.path, sr.role`);
  const people = new Map<number, StaffEntry>();
  for (const r of rows) {
    const entry = people.get(r.personId) ?? { personId: r.personId, name: r.name, roles: [], accounts: [], invited: false };
    entry.roles.push({ role: r.role, orgId: r.orgId, org: r.org, archived: r.archived });
    people.set(r.personId, entry);
  }
  const accounts = await db.selectDistinct({ personId: identities.personId, platform: identities.platform, unreachable: sql<boolean>`${identities.unreachableSince} is not null` })
    .from(identities).where(and(inArray(identities.personId, ids), isNotNull(identities.linkedAt)));
  for (const a of accounts) people.get(a.personId!)?.accounts.push({ platform: a.platform, unreachable: a.unreachable });
  const invited = await db.selectDistinct({ personId: inviteCodes.personId }).from(inviteCodes)
    .where(and(inArray(inviteCodes.personId, ids), isNull(inviteCodes.usedAt), gt(inviteCodes.expiresAt, now)));
  for (const i of invited) {
    const entry = people.get(i.personId);
    if (entry) entry.invited = true;
  }
  return ids.flatMap((id) => people.get(id) ?? []);
}

/** A person as a manager tells them apart from a namesake: where they serve or belong, the phone's last four digits. */
export interface PersonChoice { personId: number; name: string; where: string; phoneTail: string; phone: string }

/** The people of the manager's subtree with this name: its staff and the members at home in it. */
export async function peopleNamed(db: DbOrTx, staffId: number, name: string): Promise<PersonChoice[]> {
  return query<PersonChoice>(db, sql`
    select p.id as "personId", p.name, string_agg(distinct o.name, '、') as "where",
      coalesce(right(regexp_replace(p.phone, '\\D', '', 'g'), 4), '') as "phoneTail",
      coalesce(regexp_replace(p.phone, '\\D', '', 'g'), '') as phone
    from persons p
    join (select sr.person_id as id, sr.org_id from staff_roles sr
          union select m.person_id, m.home_org_id from members m) belongs on belongs.id = p.id
    join organisations o on o.id = belongs.org_id
    where p.name = ${name} and ${managesPath(staffId)}
    group by p.id, p.name, p.phone
    order by p.id
    limit 20`);
}

/** Whether this person is one of the manager's subtree (staff or member there). */
export async function personInScope(db: DbOrTx, staffId: number, personId: number): Promise<{ personId: number; name: string } | undefined> {
  const [row] = await query<{ personId: number; name: string }>(db, sql`
    select p.id as "personId", p.name from persons p
    where p.id = ${personId} and exists (
      select 1 from (select sr.org_id from staff_roles sr where sr.person_id = p.id
                     union select m.home_org_id from members m where m.person_id = p.id) belongs (org_id)
      join organisations o on o.id = belongs.org_id where ${managesPath(staffId)})`);
  return row;
}

/** The members who lose this liaison or helper when the role in this organisation goes (as dropStaffRole takes them). */
export async function membersServed(db: DbOrTx, personId: number, role: StaffRole, orgId: number): Promise<string[]> {
  if (role !== 'liaison' && role !== 'helper') return [];
  const assignments = role === 'liaison'
    ? sql`select member_id from liaison_assignments where liaison_id = ${personId}`
    : sql`select member_id from helper_assignments where helper_id = ${personId}`;
  const rows = await query<{ name: string }>(db, sql`
    select p.name from (${assignments}) a
    join members m on m.person_id = a.member_id join organisations h on h.id = m.home_org_id
    join persons p on p.id = m.person_id
    where h.path like (select path from organisations where id = ${orgId}) || '%'
    order by p.name`);
  return rows.map((r) => r.name);
}
