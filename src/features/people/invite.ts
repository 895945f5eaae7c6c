import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { auditLog, identities } from '../../db/schema/index.js';
import { createInviteCode, formatCode } from '../../bot/invites.js';
import { authorize } from '../access/authorize.js';
import { managesPath } from './list.js';
import type { Refusal } from './roles.js';

export type StaffInvite = { ok: true; name: string; code: string; expiresAt: Date; days: number };

/**
 * A one-time code that links a staff person's first chat account to them (the same codes as the chat's
 * /invite for members). For staff of the manager's subtree who are linked on no platform yet.
 */
export async function inviteStaff(db: DbOrTx, staffId: number, personId: number, now: Date, ttlDays: number): Promise<StaffInvite | Refusal> {
  if (!Number.isSafeInteger(personId)) return { ok: false, status: 404, key: 'console-not-found' };
  const [role] = await query<{ orgId: number; name: string }>(db, sql`
    select o.id as "orgId", p.name from staff_roles sr join organisations o on o.id = sr.org_id join persons p on p.id = sr.person_id
    where sr.person_id = ${personId} and ${managesPath(staffId)} order by o.path limit 1`);
  if (!role || !(await authorize(db, staffId, 'staff.assign', { kind: 'org', id: role.orgId }, now, { invite: personId }))) return { ok: false, status: 404, key: 'console-not-found' };
  const [linked] = await db.select({ id: identities.id }).from(identities).where(and(eq(identities.personId, personId), isNotNull(identities.linkedAt))).limit(1);
  if (linked) {
    await db.insert(auditLog).values({ actorId: staffId, action: 'staff.invite', targetKind: 'person', targetId: String(personId), at: now, details: { refused: 'already linked' } });
    return { ok: false, status: 409, key: 'console-people-already-linked' };
  }
  const { code, expiresAt } = await createInviteCode(db, personId, staffId, now, ttlDays);
  await db.insert(auditLog).values({ actorId: staffId, action: 'staff.invite', targetKind: 'person', targetId: String(personId), at: now, details: { orgId: role.orgId } });
  return { ok: true, name: role.name, code: formatCode(code), expiresAt, days: ttlDays };
}
