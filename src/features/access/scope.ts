import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';

export interface VisibleMember {
  personId: number;
  name: string;
  status: string;
  timezone: string;
}

/**
 * The member ids a staff person may see, as SQL to embed: a liaison's or helper's own caseload, and every
 * member whose home branch lies in a subtree where the person is secretary or organisation admin, and every
 * member attached to an inflow organisation where the person holds any staff role (双向管理: its liaison
 * serves them too; see authorize.ts, which decides the same way). A union of indexed lookups, not one OR over all members, so a liaison's
 * question costs their caseload, not the county. Every staff command goes through this.
 */
export function visibleMemberIds(staffId: number) {
  return sql`
    select la.member_id from liaison_assignments la where la.liaison_id = ${staffId}
    union
    select ha.member_id from helper_assignments ha where ha.helper_id = ${staffId}
    union
    select m.person_id from members m
      join organisations home on home.id = m.home_org_id
      join (select so.path from staff_roles sr join organisations so on so.id = sr.org_id
            where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin')) scope on home.path like scope.path || '%'
    union
    select m.person_id from members m
      join organisations inflow on inflow.id = m.inflow_org_id
      join (select so.path from staff_roles sr join organisations so on so.id = sr.org_id
            where sr.person_id = ${staffId}) scope on inflow.path like scope.path || '%'`;
}

export async function visibleMembers(db: DbOrTx, staffId: number): Promise<VisibleMember[]> {
  return query<VisibleMember>(db, sql`
    select m.person_id as "personId", p.name, m.status, p.timezone
    from (${visibleMemberIds(staffId)}) ids (member_id)
    join members m on m.person_id = ids.member_id
    join persons p on p.id = m.person_id
    order by p.name, m.person_id`);
}

