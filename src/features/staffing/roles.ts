import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helperAssignments, liaisonAssignments, staffRoles, type StaffRole } from '../../db/schema/index.js';
import { staffMenuChanged } from '../../bot/menus.js';

/**
 * Gives a person a role in an organisation; their chat menu follows once committed. False when they held it
 * already (nothing changes). No authorisation and no audit here: the caller's.
 */
export async function grantStaffRole(tx: DbOrTx, personId: number, role: StaffRole, orgId: number, now: Date): Promise<boolean> {
  const added = await tx.insert(staffRoles).values({ personId, role, orgId, grantedAt: now }).onConflictDoNothing().returning({ personId: staffRoles.personId });
  if (added.length) await staffMenuChanged(tx, personId, now);
  return added.length > 0;
}

/**
 * Takes one role in one organisation away: a liaison's or helper's members in that subtree lose them (elsewhere,
 * another role held, they keep them), and the person's chat menu follows once committed. False when they did not
 * hold it. No authorisation and no audit here: the caller's.
 */
export async function dropStaffRole(tx: DbOrTx, personId: number, role: StaffRole, orgId: number, now: Date): Promise<boolean> {
  const gone = await tx.delete(staffRoles).where(and(eq(staffRoles.personId, personId), eq(staffRoles.role, role), eq(staffRoles.orgId, orgId))).returning({ personId: staffRoles.personId });
  if (!gone.length) return false;
  const inOrg = sql`(select m.person_id from members m join organisations o on o.id = m.home_org_id where o.path like (select path from organisations where id = ${orgId}) || '%')`;
  if (role === 'liaison') await tx.delete(liaisonAssignments).where(and(eq(liaisonAssignments.liaisonId, personId), inArray(liaisonAssignments.memberId, inOrg)));
  if (role === 'helper') await tx.delete(helperAssignments).where(and(eq(helperAssignments.helperId, personId), inArray(helperAssignments.memberId, inOrg)));
  // Their Telegram menu drops the tools they no longer have, once this is committed.
  await staffMenuChanged(tx, personId, now);
  return true;
}
