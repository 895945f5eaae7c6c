import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { searchCondition } from '../members/filter.js';
import { inSubtree, thisMonth, type DashboardPeriod, type DashboardScope } from './scope.js';

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

/**
 * The open organisations directly below the scope's, each with its subtree's figures, in tree order. Members and
 * reports are counted once per home branch over the scope's subtree, then summed up to the child they lie under.
 */
export async function childOrgs(db: DbOrTx, scope: DashboardScope, period: DashboardPeriod): Promise<ChildOrg[]> {
  return query<ChildOrg>(db, sql`
    with per_org as (
      select m.home_org_id as org_id, count(*)::int as members, count(r.member_id)::int as reported
      from members m left join reports r on r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${thisMonth(period)}
      where ${inSubtree(scope)} group by 1)
    select c.id, c.name, coalesce(sum(p.members), 0)::int as members, coalesce(sum(p.reported), 0)::int as reported
    from organisations c
      left join organisations o on o.path like c.path || '%'
      left join per_org p on p.org_id = o.id
    where c.parent_id = ${scope.orgId} and c.archived_at is null
    group by c.id, c.name, c.path order by c.path`);
}
