import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface VisibleMember {
  personId: number;
  name: string;
  status: string;
  timezone: string;
}

/**
 * The members a staff person may see: a liaison's or helper's own caseload, and every member whose home
 * branch or inflow organisation lies in a subtree where the person is secretary or organisation admin.
 * Every staff command goes through this, whatever id is typed.
 */
export async function visibleMembers(db: DbOrTx, staffId: number): Promise<VisibleMember[]> {
  const result = await db.execute(sql`
    select m.person_id as "personId", p.name, m.status, p.timezone
    from members m
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    where exists (
        select 1 from staff_roles sr join organisations so on so.id = sr.org_id
        where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin')
          and (home.path like so.path || '%' or inflow.path like so.path || '%'))
      or exists (select 1 from liaison_assignments la where la.member_id = m.person_id and la.liaison_id = ${staffId})
      or exists (select 1 from helper_assignments ha where ha.member_id = m.person_id and ha.helper_id = ${staffId})
    order by p.name, m.person_id`);
  return rowsOf<VisibleMember>(result);
}

/** postgres.js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
