import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

/**
 * Who answers for a member's help request, rung by rung: their liaison, then the secretary (or admin) of the
 * nearest organisation above the member that has one, then the one above that. One query over the member's
 * home branch path; organisations are few.
 */
export interface HelpLadder {
  liaisonId: number | undefined;
  /** The nearest organisation (the branch itself first) with a secretary or organisation admin: its people. */
  secretaryIds: number[];
  /** The next organisation up with a secretary or admin: the "admin above". */
  aboveIds: number[];
}

export async function helpLadder(db: DbOrTx, memberId: number): Promise<HelpLadder> {
  const rows = await query<{ personId: number; depth: number; role: string }>(db, sql`
    select sr.person_id as "personId", length(o.path) as depth, sr.role
    from members m
    join organisations home on home.id = m.home_org_id
    join organisations o on home.path like o.path || '%'
    join staff_roles sr on sr.org_id = o.id and sr.role in ('secretary', 'org_admin')
    where m.person_id = ${memberId}
    order by length(o.path) desc, (sr.role = 'secretary') desc, sr.person_id`);
  const [liaison] = await query<{ liaisonId: number }>(db, sql`select liaison_id as "liaisonId" from liaison_assignments where member_id = ${memberId} limit 1`);
  const depths = [...new Set(rows.map((r) => Number(r.depth)))];
  const at = (depth: number | undefined) => [...new Set(rows.filter((r) => Number(r.depth) === depth).map((r) => r.personId))];
  return { liaisonId: liaison?.liaisonId, secretaryIds: at(depths[0]), aboveIds: at(depths[1]) };
}

export async function nameOf(db: DbOrTx, personId: number): Promise<string> {
  const [row] = await query<{ name: string }>(db, sql`select name from persons where id = ${personId}`);
  return row?.name ?? '';
}
