import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  certificates, helperAssignments, liaisonAssignments, members, organisations, persons, type MemberStatus,
} from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import type { Field } from '../../roster/columns.js';
import { shownOnRecord } from '../../roster/diff.js';
import { candidatesWhere, idNumbersShownTo } from '../../roster/export.js';
import type { Candidate } from '../../roster/match.js';
import { maskIdNumber } from '../../roster/values.js';

/**
 * The 登记卡 fields a person may change on the card, in the order the card shows them. 所在支部 is shown but
 * not edited here: moving a member to another branch is a transfer of the relationship (组织关系转接).
 */
export const CARD_FIELDS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'phone', 'education', 'category', 'status', 'probationEndsOn',
  'joinedOn', 'fullMemberOn', 'occupation', 'employer', 'destination', 'departedOn', 'contactName', 'contactPhone', 'contact',
] as const satisfies readonly Field[];
export type CardField = (typeof CARD_FIELDS)[number];

/** One member as the roster sees them (the shape `shownOnRecord` reads), loaded alone rather than with the whole subtree. */
export async function memberOnRecord(db: DbOrTx, memberId: number): Promise<Candidate | undefined> {
  const [one] = await candidatesWhere(db, eq(members.personId, memberId));
  return one;
}

/** The card's values as this viewer may see them: 身份证号 in full only for the member's own secretary. */
export async function cardValuesFor(db: DbOrTx, viewerId: number, c: Candidate): Promise<Record<Field, string>> {
  const showId = (await idNumbersShownTo(db, viewerId))(c.member!.homeOrgId);
  const values = {} as Record<Field, string>;
  for (const f of [...CARD_FIELDS, 'branch'] as Field[]) values[f] = f === 'idNumber' && !showId ? maskIdNumber(shownOnRecord(c, f)) : shownOnRecord(c, f);
  return values;
}

export interface RegistrationCard {
  memberId: number;
  homeOrgId: number;
  status: MemberStatus;
  probationary: boolean;
  timezone: string;
  values: Record<Field, string>;
  inflowOrg: string | null;
  liaison: string | null;
  helpers: string[];
  certificate: { number: string; issuedOn: string; validUntil: string; state: string } | null;
  /** An absence registered and not yet closed by a return. */
  away: boolean;
}

/** The registration card (登记卡) with who looks after the member, for a viewer who may see it. */
export async function registrationCard(db: DbOrTx, viewerId: number, memberId: number): Promise<RegistrationCard | undefined> {
  const c = await memberOnRecord(db, memberId);
  if (!c?.member) return undefined;
  const m = c.member;
  const [inflow] = m.inflowOrgId === null ? [] : await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, m.inflowOrgId));
  const [liaison] = await db.select({ name: persons.name }).from(liaisonAssignments).innerJoin(persons, eq(persons.id, liaisonAssignments.liaisonId))
    .where(eq(liaisonAssignments.memberId, memberId));
  const helpers = await db.select({ name: persons.name }).from(helperAssignments).innerJoin(persons, eq(persons.id, helperAssignments.helperId))
    .where(eq(helperAssignments.memberId, memberId)).orderBy(asc(helperAssignments.assignedAt));
  const [cert] = await db.select().from(certificates).where(eq(certificates.memberId, memberId)).orderBy(sql`${certificates.issuedOn} desc`, sql`${certificates.id} desc`).limit(1);
  const [tz] = await db.select({ timezone: persons.timezone }).from(persons).where(eq(persons.id, memberId));
  const open = await query<{ yes: boolean }>(db, sql`select exists (select 1 from departures where member_id = ${memberId} and returned_on is null) as yes`);
  return {
    memberId, homeOrgId: m.homeOrgId, status: m.status, probationary: m.probationary, timezone: tz?.timezone ?? 'Asia/Shanghai',
    values: await cardValuesFor(db, viewerId, c),
    inflowOrg: inflow?.name ?? null, liaison: liaison?.name ?? null, helpers: helpers.map((h) => h.name),
    certificate: cert ? { number: cert.number, issuedOn: cert.issuedOn, validUntil: cert.validUntil, state: cert.state } : null,
    away: open[0]?.yes === true,
  };
}

/**
 * People who may be made the member's liaison or helper, as `assignStaff` will accept them: staff of the member's
 * home branch or inflow organisation, or of an organisation above either.
 */
export async function serviceCandidates(db: DbOrTx, memberId: number): Promise<{ id: number; name: string; roles: string[] }[]> {
  return query(db, sql`
    select p.id, p.name, array_agg(distinct sr.role order by sr.role) as roles
    from members m
    join organisations home on home.id = m.home_org_id
    left join organisations inflow on inflow.id = m.inflow_org_id
    join organisations so on home.path like so.path || '%' or inflow.path like so.path || '%'
    join staff_roles sr on sr.org_id = so.id
    join persons p on p.id = sr.person_id
    where m.person_id = ${memberId}
    group by p.id, p.name order by p.name, p.id limit 200`);
}

const INFLOW_KINDS = ['inflow', 'temporary_branch', 'industry_group'] as const;

/** Organisations a member can be attached to (流入地党组织, 临时党支部, 行业党小组) that are not closed. */
export async function inflowOrganisations(db: DbOrTx): Promise<{ id: number; name: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations)
    .where(and(inArray(organisations.kind, [...INFLOW_KINDS]), isNull(organisations.archivedAt)))
    .orderBy(asc(organisations.name), asc(organisations.id)).limit(500);
}
