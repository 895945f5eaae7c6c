import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { organisations } from '../../db/schema/index.js';
import { authorize } from '../access/authorize.js';

export interface LaidOffRow {
  memberId: number;
  name: string;
  homeOrg: string;
  occupation: string | null;
  /** The words courses and openings are matched with. */
  wishes: string[];
  /** The member's own 就业意向, when they said it. */
  ownWork: string[] | null;
  ownPlace: string | null;
  ownTraining: string[] | null;
  signedUp: number;
  trained: boolean;
  reemployed: boolean;
}

/**
 * The laid-off members of an organisation's subtree for a page: occupation, 就业意向 (their own words and the words
 * matched), sign-ups and outcomes of the year. Decided and audited as `stats.view`, like /jobstats.
 */
export async function laidOffMembers(db: DbOrTx, staffId: number, orgId: number, year: number, now: Date): Promise<LaidOffRow[] | undefined> {
  if (!(await authorize(db, staffId, 'stats.view', { kind: 'org', id: orgId }, now, { jobMembers: year, via: 'console' }))) return undefined;
  const [org] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) return undefined;
  return query<LaidOffRow>(db, sql`
    select m.person_id as "memberId", p.name, home.name as "homeOrg", m.occupation, m.job_wishes as wishes,
      w.work as "ownWork", w.place as "ownPlace", w.training as "ownTraining",
      (select count(*)::int from job_signups js where js.member_id = m.person_id and extract(year from js.signed_at) = ${year}) as "signedUp",
      exists (select 1 from employment_outcomes eo where eo.member_id = m.person_id and eo.outcome = 'trained' and extract(year from eo.on) = ${year}) as trained,
      exists (select 1 from employment_outcomes eo where eo.member_id = m.person_id and eo.outcome = 'reemployed' and extract(year from eo.on) = ${year}) as reemployed
    from members m
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join job_wish_statements w on w.member_id = m.person_id
    where m.status = 'laid_off' and home.path like ${`${org.path}%`}
    order by home.path, p.name, m.person_id
    limit 500`);
}
