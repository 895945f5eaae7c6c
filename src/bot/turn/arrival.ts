import type { DbOrTx } from '../../db/client.js';
import { identities, processedUpdates } from '../../db/schema/index.js';
import type { Incoming } from '../types.js';

export type Identity = typeof identities.$inferSelect;

/** Records the platform's update id; false when it was applied before (a redelivery), so it is not applied twice. */
export async function firstArrival(tx: DbOrTx, incoming: Incoming, now: Date): Promise<boolean> {
  const fresh = await tx
    .insert(processedUpdates)
    .values({ platform: incoming.platform, updateId: incoming.updateId, processedAt: now })
    .onConflictDoNothing()
    .returning();
  return fresh.length > 0;
}

/** The sender's account, created on first contact. Writing to us again means it is reachable again. */
export async function touchIdentity(tx: DbOrTx, incoming: Incoming, now: Date): Promise<Identity> {
  const privateChat = incoming.chatKind === 'private';
  const [row] = await tx
    .insert(identities)
    .values({ platform: incoming.platform, externalUserId: incoming.userId, chatId: privateChat ? incoming.chatId : incoming.userId, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [identities.platform, identities.externalUserId],
      set: { lastSeenAt: now, unreachableSince: null, ...(privateChat ? { chatId: incoming.chatId } : {}) },
    })
    .returning();
  return row!;
}
