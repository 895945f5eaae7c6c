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
  members: number[];
  names: string[];
}

/**
 * Destinations where three or more full (not probationary) mobile members of the subtree are, none of them
 * attached to an inflow organisation and no temporary branch with that region exists.
 */
export async function suggestTemporaryBranches(db: DbOrTx, orgPath: string): Promise<TemporaryBranchSuggestion[]> {
  const rows = await query<{ destination: string; members: number[]; names: string[] }>(db, sql`
    select coalesce(m.destination_region_code, mp.destination) as destination, array_agg(m.person_id order by m.person_id) as members,
      array_agg(p.name order by m.person_id) as names
    from members m
    join persons p on p.id = m.person_id
    join organisations home on home.id = m.home_org_id
    left join member_profiles mp on mp.member_id = m.person_id
    where home.path like ${orgPath} || '%' and m.status = 'mobile' and not m.probationary and m.inflow_org_id is null
      and coalesce(m.destination_region_code, mp.destination) is not null
      and not exists (select 1 from organisations t where t.kind in ('inflow','temporary_branch') and t.region_code = m.destination_region_code and t.archived_at is null)
    group by 1 having count(*) >= ${TEMPORARY_BRANCH_MIN} order by 1`);
  return rows.map((r) => ({ destination: r.destination, members: r.members.map(Number), names: r.names }));
}

