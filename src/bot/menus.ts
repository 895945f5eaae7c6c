import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { identities, persons, staffRoles, type StaffRole } from '../db/schema/index.js';
import { enqueue } from '../outbox/enqueue.js';
import type { MenuRequest, Platform } from './types.js';

/** The menu a person's roles call for: the member's, or the tools of their staff roles. */
export async function menuOf(db: DbOrTx, personId: number): Promise<MenuRequest> {
  const rows = await db.selectDistinct({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, personId));
  const roles = rows.map((r) => r.role as StaffRole).sort();
  return roles.length ? { audience: 'staff', roles } : { audience: 'member' };
}

/**
 * A person's staff roles changed (granted or revoked): every private chat of theirs is to show the menu that
 * fits now. Call it in the transaction that changed the roles: the request is queued in the outbox with it,
 * so it is carried out once the change is committed, and tried again if the platform fails.
 */
export async function staffMenuChanged(db: DbOrTx, personId: number, now: Date): Promise<number> {
  const menu = await menuOf(db, personId);
  const [person] = await db.select({ language: persons.language }).from(persons).where(eq(persons.id, personId));
  const accounts = await db
    .select({ id: identities.id, platform: identities.platform, chatId: identities.chatId })
    .from(identities)
    .where(and(eq(identities.personId, personId), isNotNull(identities.linkedAt), isNull(identities.unreachableSince)));
  const signature = menu.roles?.join(',') ?? 'member';
  return enqueue(
    db,
    accounts.map((a) => ({
      idempotencyKey: `menu:${a.id}:${now.getTime()}:${signature}`,
      platform: a.platform as Platform,
      chatId: a.chatId,
      identityId: a.id,
      purpose: 'menu',
      message: { text: '', language: person?.language ?? 'zh-CN', menu },
      notBefore: now,
    })),
    now,
  );
}
