import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { idOf } from '../args.js';
import { memberIdsBy, STANDINGS } from './scope.js';

/** A member as a person tells them apart from another with the same name: branch and the phone's last four digits. */
export interface NamedMember {
  personId: number;
  name: string;
  branch: string;
  /** The phone's last four digits, or '' when no phone is on record. */
  phoneTail: string;
}

/** More than this many namesakes in one scope is a list to narrow, not buttons to press. */
export const MAX_NAMESAKES = 8;

/**
 * The members with this name that the staff person may see (the one visibility rule, scope.ts): a member
 * outside scope is never found, so a name reveals nothing a list would not. The name is found first (its index)
 * and the rule asked of each namesake: built as a set, a county admin's scope was a million ids to find a name
 * among (0.9 s at 1,000,000 members).
 */
export async function membersNamed(db: DbOrTx, staffId: number, name: string): Promise<NamedMember[]> {
  return query<NamedMember>(db, sql`
    select c.person_id as "personId", p.name, o.name as branch, coalesce(right(regexp_replace(p.phone, '\\D', '', 'g'), 4), '') as "phoneTail"
    from persons p
    join members c on c.person_id = p.id
    join organisations o on o.id = c.home_org_id
    where p.name = ${name} and exists (${memberIdsBy(staffId, STANDINGS, sql`c.person_id`)})
    order by o.name, c.person_id
    limit ${MAX_NAMESAKES + 1}`);
}

/**
 * Where a member went who left the staff person's scope by a transfer of the organisation relationship
 * (组织关系转接) from an organisation they run: the answer instead of "not found".
 */
export async function transferredAway(db: DbOrTx, staffId: number, member: { id: number } | { name: string }): Promise<{ name: string; to: string; on: Date } | undefined> {
  const which = 'id' in member ? sql`te.member_id = ${member.id}` : sql`p.name = ${member.name}`;
  const [row] = await query<{ name: string; to: string; on: Date | string }>(db, sql`
    select p.name, dest.name as "to", te.at as "on"
    from tracking_entries te
    join persons p on p.id = te.member_id
    join organisations src on src.id = (te.details->>'fromOrgId')::int
    join organisations dest on dest.id = (te.details->>'toOrgId')::int
    where ${which} and te.kind = 'status_change' and te.details->>'transfer' = 'true'
      and exists (select 1 from staff_roles sr join organisations so on so.id = sr.org_id
                  where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin') and src.path like so.path || '%')
    order by te.at desc limit 1`);
  return row ? { name: row.name, to: row.to, on: new Date(row.on) } : undefined;
}

/** The member's name and home branch, for replies that name people and organisations instead of ids. */
export async function memberNames(db: DbOrTx, memberId: number): Promise<{ name: string; branch: string } | undefined> {
  const [row] = await query<{ name: string; branch: string }>(db, sql`
    select p.name, o.name as branch from members m join persons p on p.id = m.person_id join organisations o on o.id = m.home_org_id
    where m.person_id = ${memberId}`);
  return row;
}

/**
 * An organisation typed by its number or its full name; several with the name → 'many'. With `inScopeOf`, a
 * name finds only organisations inside the subtrees that person runs as secretary or admin, so a name
 * outside them is answered like a name nobody has (a number is still looked up as it is: the command's own
 * permission check answers it). An archived organisation is found neither way: nothing is sent, moved or
 * counted into a closed branch, and its name may be the one its successor took.
 */
export async function organisationNamed(db: DbOrTx, word: string, inScopeOf?: number): Promise<{ id: number; name: string } | 'many' | undefined> {
  const id = idOf(word);
  const scoped = inScopeOf === undefined ? sql`true` : sql`exists (
    select 1 from staff_roles sr join organisations so on so.id = sr.org_id
    where sr.person_id = ${inScopeOf} and sr.role in ('secretary', 'org_admin') and o.path like so.path || '%')`;
  const rows = await query<{ id: number; name: string }>(db, sql`
    select o.id, o.name from organisations o
    where o.archived_at is null and ${id !== undefined ? sql`o.id = ${id}` : sql`o.name = ${word} and ${scoped}`} limit 2`);
  return rows.length > 1 ? 'many' : rows[0];
}
