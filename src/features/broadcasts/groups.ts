import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, orgChats, staffRoles } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import type { Incoming } from '../../bot/types.js';

/** /bind in a branch group, by its secretary: study notices and broadcasts for the branch go to this group too. */
export async function bindGroup(db: DbOrTx, personId: number | null, incoming: Incoming, now: Date): Promise<Reply[]> {
  if (personId === null) return [reply('common-staff-only')];
  const [role] = await db
    .select({ orgId: staffRoles.orgId })
    .from(staffRoles)
    .where(and(eq(staffRoles.personId, personId), inArray(staffRoles.role, ['secretary', 'org_admin'])))
    .limit(1);
  if (!role) return [reply('staff-managers-only')];
  // One binding per group: /bind in a forum topic (`<group>:<topic>`) chooses that topic instead of the last.
  const group = incoming.chatId.split(':')[0]!;
  await db.delete(orgChats).where(and(eq(orgChats.platform, incoming.platform), or(eq(orgChats.chatId, group), like(orgChats.chatId, `${group}:%`))));
  await db
    .insert(orgChats)
    .values({ orgId: role.orgId, platform: incoming.platform, chatId: incoming.chatId, addedAt: now })
    .onConflictDoUpdate({ target: [orgChats.platform, orgChats.chatId], set: { orgId: role.orgId } });
  await db.insert(auditLog).values({ actorId: personId, action: 'bind_group', targetKind: 'organisation', targetId: String(role.orgId), at: now, details: { platform: incoming.platform } });
  return [reply('group-bound')];
}
