import { sql, type SQL } from 'drizzle-orm';

/**
 * The visibility rule of scope.ts as a condition on a row that already has the member, their home organisation
 * and their inflow organisation joined in: for lists that start from something other than members (help
 * requests, thought reports) and are far smaller than the scope. Each standing reads as in STANDING_SQL:
 * the staff person's few role paths are gathered once (an InitPlan), then each row costs a prefix test, not a
 * subquery. tests/staff/scopeFilter.test.ts holds it to the same answers as memberIdsBy for every pair.
 */
export function inScope(staffId: number, cols: { memberId: SQL; homePath: SQL; inflowPath: SQL }): SQL {
  const rolePaths = (roles: SQL) => sql`array(select so.path || '%' from staff_roles sr join organisations so on so.id = sr.org_id where sr.person_id = ${staffId}${roles})`;
  return sql`(${cols.homePath} like any(${rolePaths(sql` and sr.role in ('secretary', 'org_admin')`)})
    or ${cols.inflowPath} like any(${rolePaths(sql``)})
    or ${cols.memberId} in (select la.member_id from liaison_assignments la where la.liaison_id = ${staffId})
    or ${cols.memberId} in (select ha.member_id from helper_assignments ha where ha.helper_id = ${staffId}))`;
}
