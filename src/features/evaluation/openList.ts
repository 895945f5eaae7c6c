import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { inSubtree, MISSING_SQL, type MissingPart } from './yearRecord.js';

const PARTS: readonly MissingPart[] = ['self', 'home', 'inflow', 'result'];

/** The year's 民主评议 of one organisation's members in a subtree, counted: what the secretary's list heads with. */
export interface OrgYearCounts {
  orgId: number;
  org: string;
  path: string;
  total: number;
  /** Members missing any part. */
  open: number;
  /** Members with a 先进 of the year. */
  examples: number;
  self: number;
  home: number;
  inflow: number;
  result: number;
}

/** A member still missing a part, as the list names them. */
export interface OpenMember {
  name: string;
  homeOrg: string;
  missing: MissingPart[];
}

/** Any part missing, as SQL over the same aliases. */
export const anyMissing = sql.join(PARTS.map((part) => sql`(${MISSING_SQL[part]})`), sql` or `);

/**
 * yearRecords' members and joins without the per-member figures: the same subtree (inSubtree), the same year's
 * evaluation. `joined` adds what one query needs (the names; the 先进). The members are first found by their
 * organisations' indexes, home side and inflow side apart: inSubtree's `or` across two joined tables alone read
 * every member of the database for a branch of 200.
 */
const scoped = (orgPath: string, year: number, joined: SQL) => {
  const under = sql`(select id from organisations where path like ${`${orgPath}%`})`;
  return sql`
  from (
    select person_id, home_org_id, inflow_org_id from members where home_org_id in ${under}
    union all
    select person_id, home_org_id, inflow_org_id from members where inflow_org_id in ${under} and home_org_id not in ${under}
  ) m
  join organisations home on home.id = m.home_org_id
  left join organisations inflow on inflow.id = m.inflow_org_id
  left join evaluations e on e.member_id = m.person_id and e.year = ${year}
  ${joined}
  where ${inSubtree(orgPath)}`;
};

/** Where a list's members come from, as `from … where …`: `joined` adds what one query needs. */
export type YearFrom = (joined: SQL) => SQL;

/** The members of a subtree (home or attached there), found by their organisations' indexes. */
export const subtreeFrom = (orgPath: string, year: number): YearFrom => (joined) => scoped(orgPath, year, joined);

/** The members `which` selects (a condition over `m`), with yearRecords' joins: for a set such as a liaison's scope. */
export const membersFrom = (year: number, which: SQL): YearFrom => (joined) => sql`
  from members m
  join organisations home on home.id = m.home_org_id
  left join organisations inflow on inflow.id = m.inflow_org_id
  left join evaluations e on e.member_id = m.person_id and e.year = ${year}
  ${joined}
  where ${which}`;

/** yearRecords' `recognition is not null`, joined once instead of aggregated per member. */
const examplesOf = (year: number) =>
  sql`left join (select distinct member_id from recognitions where year = ${year} and revoked_at is null) rc on rc.member_id = m.person_id`;

/**
 * The subtree's year counted in the database, one row per organisation the members belong to there: their home
 * branch when it is in the subtree, else the inflow organisation they are attached to in it. A county's million
 * members are counted, not read: the list had read every member's year record (ten counts each) to count them.
 */
export async function yearCountsByOrg(db: DbOrTx, orgPath: string, year: number): Promise<OrgYearCounts[]> {
  const count = (condition: SQL) => sql`count(*) filter (where ${condition})::int`;
  return query<OrgYearCounts>(db, sql`
    select o.id as "orgId", o.name as org, o.path, c.total, c.open, c.examples, c.self, c.home, c.inflow, c.result
    from (
      select case when home.path like ${`${orgPath}%`} then home.id else inflow.id end as org_id,
        count(*)::int as total, ${count(anyMissing)} as open, ${count(sql`rc.member_id is not null`)} as examples,
        ${count(MISSING_SQL.self)} as self, ${count(MISSING_SQL.home)} as home,
        ${count(MISSING_SQL.inflow)} as inflow, ${count(MISSING_SQL.result)} as result
      ${scoped(orgPath, year, examplesOf(year))}
      group by 1
    ) c
    join organisations o on o.id = c.org_id
    order by o.path`);
}

/** The first `limit` members still missing a part, in yearRecords' order (branch, then name). */
export async function firstOpenMembers(db: DbOrTx, orgPath: string, year: number, limit: number): Promise<OpenMember[]> {
  const rows = await query<{ name: string; homeOrg: string } & Record<MissingPart, boolean>>(db, sql`
    select p.name, home.name as "homeOrg",
      ${sql.join(PARTS.map((part) => sql`(${MISSING_SQL[part]}) as ${sql.identifier(part)}`), sql`, `)}
    ${scoped(orgPath, year, sql`join persons p on p.id = m.person_id`)} and (${anyMissing})
    order by home.path, p.name, m.person_id
    limit ${limit}`);
  return rows.map((r) => ({ name: r.name, homeOrg: r.homeOrg, missing: PARTS.filter((part) => r[part]) }));
}
