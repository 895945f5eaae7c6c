import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { members, organisations, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { authorize } from '../access/authorize.js';
import { memberNames } from '../access/byName.js';
import { query } from '../../db/query.js';

const INFLOW_KINDS = ['inflow', 'temporary_branch', 'industry_group'];
/** 临时党支部: three or more full members at one destination. */
export const TEMPORARY_BRANCH_MIN = 3;

/** 双向管理: the member is attached to an inflow organisation, whose staff then see and serve them. */
export async function attachToInflow(db: DbOrTx, staffId: number, memberId: number, inflowOrgId: number | null, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { step: 'attach', inflowOrgId }))) return [reply('staff-member-not-found')];
  if (inflowOrgId !== null) {
    const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(and(eq(organisations.id, inflowOrgId), isNull(organisations.archivedAt)));
    if (!org || !INFLOW_KINDS.includes(org.kind)) return [reply('staff-not-inflow-org')];
  }
  const [before] = await db.select({ inflowOrgId: members.inflowOrgId }).from(members).where(eq(members.personId, memberId));
  await db.update(members).set({ inflowOrgId }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { inflowOrgId } });
  const orgId = inflowOrgId ?? before?.inflowOrgId ?? null;
  const [org] = orgId === null ? [] : await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  const name = (await memberNames(db, memberId))!.name;
  return [reply(inflowOrgId === null ? 'staff-detached' : 'staff-attached', { args: { name, org: org?.name ?? '—' } })];
}

export interface TemporaryBranchSuggestion {
  destination: string;
  count: number;
  /** The first few, by person id: a county's thousands at one destination are a count, not a message of names. */
  names: string[];
}

/** Names shown a destination, and destinations shown at most (the busiest first); the rest are counted. */
export const TEMPORARY_BRANCH_NAMES = 5;
export const TEMPORARY_BRANCH_PLACES = 20;

/**
 * Destinations where three or more full (not probationary) mobile members of the subtree are, none of them
 * attached to an inflow organisation and no temporary branch with that region exists; the busiest
 * TEMPORARY_BRANCH_PLACES, and how many destinations there are in all. A county listed every member's name at every
 * destination: 2.66 million characters in ten messages at 1,000,000 members.
 */
export async function suggestTemporaryBranches(db: DbOrTx, orgPath: string): Promise<{ places: TemporaryBranchSuggestion[]; total: number }> {
  const rows = await query<{ destination: string; count: number; names: string[]; total: number }>(db, sql`
    with at_destination as (
      select coalesce(m.destination_region_code, mp.destination) as destination, m.person_id, p.name,
             row_number() over (partition by coalesce(m.destination_region_code, mp.destination) order by m.person_id) as nth
      from members m
      join persons p on p.id = m.person_id
      join organisations home on home.id = m.home_org_id
      left join member_profiles mp on mp.member_id = m.person_id
      where home.path like ${`${orgPath}%`} and m.status = 'mobile' and not m.probationary and m.inflow_org_id is null
        and coalesce(m.destination_region_code, mp.destination) is not null
        and not exists (select 1 from organisations t where t.kind in ('inflow','temporary_branch') and t.region_code = m.destination_region_code and t.archived_at is null))
    select destination, count(*)::int as count,
           array_agg(name order by person_id) filter (where nth <= ${TEMPORARY_BRANCH_NAMES}) as names,
           (count(*) over ())::int as total
    from at_destination group by destination having count(*) >= ${TEMPORARY_BRANCH_MIN}
    order by count(*) desc, destination limit ${TEMPORARY_BRANCH_PLACES}`);
  return { places: rows.map((r) => ({ destination: r.destination, count: Number(r.count), names: r.names })), total: Number(rows[0]?.total ?? 0) };
}
