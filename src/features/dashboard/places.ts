import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { searchCondition } from '../members/filter.js';
import { thisMonth, type DashboardPeriod, type DashboardScope } from './scope.js';

/** Members whose destination lies in a province, by the province's region code (440000). */
export interface ProvinceCount {
  code: string;
  count: number;
}

/**
 * Where the subtree's members are, by province of their destination. The same members the list at
 * /console/members?org=…&place=<province> shows (home branch or inflow organisation in the subtree), so a click
 * on the map leads to exactly the people counted there.
 */
export async function membersByProvince(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<ProvinceCount[]> {
  const rows = await query<{ prefix: string; count: number }>(db, sql`
    select left(m.destination_region_code, 2) as prefix, count(*)::int as count
    from members m where m.destination_region_code is not null ${searchCondition({ orgId: scope.orgId }, period.now)}
    group by 1 order by 2 desc, 1`);
  return rows.filter((r) => /^\d{2}$/.test(r.prefix)).map((r) => ({ code: `${r.prefix}0000`, count: r.count }));
}

/** One organisation directly below, for drilling down: its subtree's members and this month's reports. */
export interface ChildOrg {
  id: number;
  name: string;
  members: number;
  reported: number;
}

/** The open organisations directly below the scope's, each with its subtree's figures, in tree order. */
export async function childOrgs(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<ChildOrg[]> {
  return query<ChildOrg>(db, sql`
    select c.id, c.name,
      (select count(*)::int from members m join organisations o on o.id = m.home_org_id where o.path like c.path || '%') as members,
      (select count(*)::int from reports r join members m on m.person_id = r.member_id join organisations o on o.id = m.home_org_id
        where o.path like c.path || '%' and r.kind = 'monthly' and r.period = ${thisMonth(period)}) as reported
    from organisations c where c.parent_id = ${scope.orgId} and c.archived_at is null
    order by c.path`);
}
