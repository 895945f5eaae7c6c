import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, organisations, staffRoles } from '../../db/schema/index.js';
import { standsTo, type Standing } from './scope.js';

/**
 * What staff can do, and on what. Member actions are decided by how the person stands to the member, with the
 * same rule that lists members (scope.ts); organisation actions by the organisation subtree.
 */
export const MEMBER_ACTIONS = ['member.view', 'member.log', 'member.card', 'help.handle', 'member.manage', 'evaluation.opinion', 'evaluation.decide', 'dues.record', 'recognition.propose', 'activity.record'] as const;
export const ORG_ACTIONS = ['roster.import', 'roster.export', 'invite.bulk', 'stats.view', 'broadcast.compose', 'broadcast.urgent', 'staff.assign', 'membership.manage', 'org.manage', 'staff.admin', 'settings.manage', 'study.manage'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];
export type OrgAction = (typeof ORG_ACTIONS)[number];
export type StaffAction = MemberAction | OrgAction;

export type Target = { kind: 'member'; id: number } | { kind: 'org'; id: number };

const MEMBER_RULES: Record<MemberAction, Standing[]> = {
  'member.view': ['owner', 'inflow', 'caseload', 'helper'],
  'member.card': ['owner', 'inflow', 'caseload', 'helper'],
  'member.log': ['owner', 'inflow', 'caseload', 'helper'],
  'help.handle': ['owner', 'inflow', 'caseload', 'helper'],
  // The home branch owns the record: only its secretary or a higher admin changes departure, assignment, attachment.
  'member.manage': ['owner'],
  // 民主评议: the home side (the branch, the member's liaison) and, for a member attached to it, the inflow organisation.
  'evaluation.opinion': ['owner', 'inflow', 'caseload'],
  // The branch records the result.
  'evaluation.decide': ['owner'],
  // 党费 is recorded where it is paid: the home branch, or the inflow organisation the member is attached to.
  'dues.record': ['owner', 'inflow'],
  // 先进 is proposed by an organisation: the home branch (or above), or the inflow organisation of an attached member.
  'recognition.propose': ['owner', 'inflow'],
  // 《流动党员活动证》: the activities at the destination are recorded by the inflow organisation the member is attached to.
  'activity.record': ['inflow'],
};

/** Secretaries and organisation admins act on organisations inside their subtree; some actions are for admins alone. */
const ORG_ROLES: Partial<Record<OrgAction, readonly string[]>> = {
  // A notice that skips members' quiet hours and weekly cap: an organisation admin's call, not a branch's.
  'broadcast.urgent': ['org_admin'],
  // Who may make (or unmake) an organisation admin: another admin, never a branch secretary.
  'staff.admin': ['org_admin'],
};

async function managesOrg(db: DbOrTx, staffId: number, orgId: number, roleNames: readonly string[] = ['secretary', 'org_admin']): Promise<boolean> {
  const [org] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) return false;
  const roles = await db
    .select({ path: organisations.path })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(and(eq(staffRoles.personId, staffId), inArray(staffRoles.role, [...roleNames] as ('secretary' | 'org_admin')[])));
  return roles.some((r) => org.path.startsWith(r.path));
}

export async function isAllowed(db: DbOrTx, staffId: number, action: StaffAction, target: Target): Promise<boolean> {
  if (target.kind === 'member') {
    if (!(MEMBER_ACTIONS as readonly string[]).includes(action)) return false;
    return standsTo(db, staffId, target.id, MEMBER_RULES[action as MemberAction]);
  }
  if (!(ORG_ACTIONS as readonly string[]).includes(action)) return false;
  return managesOrg(db, staffId, target.id, ORG_ROLES[action as OrgAction]);
}

/**
 * The one gate every staff command passes: decides, and writes the decision to the audit log (ids only).
 * A member outside scope and a member that does not exist look the same to the caller.
 */
export async function authorize(db: DbOrTx, staffId: number, action: StaffAction, target: Target, now: Date, details?: Record<string, unknown>): Promise<boolean> {
  const allowed = await isAllowed(db, staffId, action, target);
  await db.insert(auditLog).values({
    actorId: staffId, action, targetKind: target.kind, targetId: String(target.id), at: now, details: { allowed, ...details },
  });
  return allowed;
}

/**
 * The organisations where the person is secretary or admin, highest first: the default scope of org commands.
 * An archived organisation is no one's default scope (a role left in it is history).
 */
export async function managedOrgs(db: DbOrTx, staffId: number): Promise<{ id: number; name: string; path: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, path: organisations.path })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(and(eq(staffRoles.personId, staffId), sql`${staffRoles.role} in ('secretary','org_admin')`, isNull(organisations.archivedAt)))
    .orderBy(sql`length(${organisations.path})`, organisations.id);
}
