import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { StudyCategory } from '../../db/schema/index.js';
import { isAllowed } from '../access/authorize.js';

export interface PlannedItem {
  id: number;
  orgId: number;
  orgName: string;
  /** Set by an organisation above this one: inherited, as settings are, and changed only up there. */
  inherited: boolean;
  category: StudyCategory;
  title: string;
  publishOn: string;
  targetOccupations: string[];
  fileName: string | null;
  link: string | null;
  retired: boolean;
  /** Members of this organisation's subtree the item is for, in the viewer's scope, and how many of them read it. */
  audience: number;
  read: number;
}

/**
 * An organisation's study plan for a year, month by month: its own items and those of the organisations above
 * it, which reach its members too (the study schedule sends an item to its organisation's whole subtree).
 * Counts are of the organisation's members; the viewer must run the organisation (nothing otherwise).
 */
export async function studyPlan(db: DbOrTx, staffId: number, org: { id: number; path: string }, year: number, opts: { retired?: boolean } = {}): Promise<Map<string, PlannedItem[]>> {
  // Running the organisation (study.manage) is owning every member below it: the `owner` standing of access/scope.ts.
  if (!(await isAllowed(db, staffId, 'study.manage', { kind: 'org', id: org.id }))) return new Map();
  // The organisation's members in the viewer's scope, counted by occupation once; each item's audience is a sum
  // over those few rows, and its reads a sum of the per-organisation counts the read receipts keep (study_read_counts).
  const rows = await query<PlannedItem>(db, sql`
    with by_occupation as materialized (
      select m.occupation, count(*)::int as n from members m
      join organisations home on home.id = m.home_org_id
      where home.path like ${`${org.path}%`}
      group by m.occupation
    ),
    items as (
      select si.* from study_items si join organisations so on so.id = si.org_id
      where ${org.path} like so.path || '%'
        and si.publish_on >= ${`${year}-01-01`}::date and si.publish_on <= ${`${year}-12-31`}::date
        ${opts.retired ? sql`` : sql`and si.retired_at is null`}
    ),
    reads as (
      select c.item_id, sum(c.reads)::int as n from study_read_counts c join organisations home on home.id = c.org_id
      where home.path like ${`${org.path}%`} and c.item_id in (select id from items) group by c.item_id
    )
    select si.id, si.org_id as "orgId", so.name as "orgName", si.org_id <> ${org.id} as inherited, si.category, si.title,
           si.publish_on::text as "publishOn", si.target_occupations as "targetOccupations", si.link, si.retired_at is not null as retired,
           (select f.file_name from study_files f where f.item_id = si.id) as "fileName",
           (select coalesce(sum(o.n), 0)::int from by_occupation o
             where cardinality(si.target_occupations) = 0 or o.occupation = any(si.target_occupations)) as audience,
           coalesce(r.n, 0) as read
    from items si join organisations so on so.id = si.org_id left join reads r on r.item_id = si.id
    order by si.publish_on, si.id`);
  const byMonth = new Map<string, PlannedItem[]>();
  for (const r of rows) {
    const month = r.publishOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), r]);
  }
  return byMonth;
}
