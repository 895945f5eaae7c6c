import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

export interface VisibleMember {
  personId: number;
  name: string;
  status: string;
  timezone: string;
}

/**
 * One member: an id, or an outer query's column (`sql\`c.id\``: any alias but the ones used below), which
 * makes the rule a per-row check, so a list walked in order asks it of the names it reaches instead of
 * building a county's whole set.
 */
export type MemberRef = number | SQL;

/** How a staff person may stand to a member. The home branch's secretary or an admin above it owns the record. */
export const STANDINGS = ['owner', 'inflow', 'caseload', 'helper'] as const;
export type Standing = (typeof STANDINGS)[number];

const onlyMember = (column: SQL, memberId: MemberRef | undefined) => (memberId === undefined ? sql`` : sql` and ${column} = ${memberId}`);

/** The aliases the rule's parts use inside (STANDING_SQL): an outer column named by one of them would be theirs. */
const RULE_ALIASES = new Set(['m', 'home', 'inflow', 'scope', 'sr', 'so', 'la', 'ha']);

/**
 * An outer column given as `m.person_id` is read inside the rule as the rule's own `m`: the check stops being about
 * the outer row and holds for everyone (a draft of the year pages' picker did this, silently). Refused here instead.
 */
function outerRef(memberId: MemberRef | undefined): MemberRef | undefined {
  if (memberId === undefined || typeof memberId === 'number') return memberId;
  const text = memberId.queryChunks.map((chunk) => ((chunk as { value?: unknown }).value instanceof Array ? ((chunk as { value: string[] }).value).join('') : '')).join('');
  const alias = /^\s*"?(\w+)"?\./.exec(text)?.[1];
  if (alias !== undefined && RULE_ALIASES.has(alias)) throw new Error(`memberIdsBy: the outer column '${text.trim()}' uses the alias '${alias}', which the rule uses inside`);
  return memberId;
}

/**
 * The one visibility rule, as SQL: for each standing, the members a staff person has it to (or, given a
 * member, whether they do). Lists of members and permission checks are both built from it, so they cannot
 * disagree. Each part is an indexed lookup: a liaison's question costs their caseload, not the county.
 */
const STANDING_SQL: Record<Standing, (staffId: number, memberId?: MemberRef) => SQL> = {
  // A liaison's own caseload (一人一卡).
  caseload: (staffId, memberId) =>
    sql`select la.member_id from liaison_assignments la where la.liaison_id = ${staffId}${onlyMember(sql`la.member_id`, memberId)}`,
  // A “一帮一” helper's members.
  helper: (staffId, memberId) =>
    sql`select ha.member_id from helper_assignments ha where ha.helper_id = ${staffId}${onlyMember(sql`ha.member_id`, memberId)}`,
  // Members whose home branch lies in a subtree where the person is secretary or organisation admin.
  owner: (staffId, memberId) => sql`
    select m.person_id from members m
      join organisations home on home.id = m.home_org_id
      join (select so.path from staff_roles sr join organisations so on so.id = sr.org_id
            where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin')) scope on home.path like scope.path || '%'
    where true${onlyMember(sql`m.person_id`, memberId)}`,
  // 双向管理: members attached to an inflow organisation where the person holds any staff role (its liaison serves them too).
  inflow: (staffId, memberId) => sql`
    select m.person_id from members m
      join organisations inflow on inflow.id = m.inflow_org_id
      join (select so.path from staff_roles sr join organisations so on so.id = sr.org_id
            where sr.person_id = ${staffId}) scope on inflow.path like scope.path || '%'
    where true${onlyMember(sql`m.person_id`, memberId)}`,
};

/** The member ids a staff person stands to in one of these ways, as SQL to embed (one column: member_id). */
export function memberIdsBy(staffId: number, standings: readonly Standing[] = STANDINGS, memberId?: MemberRef): SQL {
  const ref = outerRef(memberId);
  return sql.join(standings.map((s) => STANDING_SQL[s](staffId, ref)), sql` union `);
}

/** Every member a staff person may see. Every staff list goes through this. */
export function visibleMemberIds(staffId: number): SQL {
  return memberIdsBy(staffId);
}

/** Whether the staff person stands to this member in one of these ways. */
export async function standsTo(db: DbOrTx, staffId: number, memberId: number, standings: readonly Standing[]): Promise<boolean> {
  if (standings.length === 0) return false;
  const [row] = await query<{ yes: boolean }>(db, sql`select exists (${memberIdsBy(staffId, standings, memberId)}) as yes`);
  return row?.yes === true;
}

/** One member, if the staff person may see them: the rule asked of that member, not a scope's whole set read. */
export async function visibleMember(db: DbOrTx, staffId: number, memberId: number | undefined): Promise<VisibleMember | undefined> {
  if (memberId === undefined) return undefined;
  const [row] = await query<VisibleMember>(db, sql`
    select c.person_id as "personId", p.name, c.status, p.timezone
    from members c join persons p on p.id = c.person_id
    where c.person_id = ${memberId} and exists (${memberIdsBy(staffId, STANDINGS, sql`c.person_id`)})`);
  return row;
}

export async function visibleMembers(db: DbOrTx, staffId: number): Promise<VisibleMember[]> {
  return query<VisibleMember>(db, sql`
    select m.person_id as "personId", p.name, m.status, p.timezone
    from (${visibleMemberIds(staffId)}) ids (member_id)
    join members m on m.person_id = ids.member_id
    join persons p on p.id = m.person_id
    order by p.name, m.person_id`);
}

