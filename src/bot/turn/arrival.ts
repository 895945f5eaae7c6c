import type { DbOrTx } from '../../db/client.js';
import { and, eq, ne } from 'drizzle-orm';
import { identities, persons, processedUpdates } from '../../db/schema/index.js';
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
    .values({ platform: incoming.platform, externalUserId: incoming.userId, chatId: privateChat ? incoming.chatId : incoming.userId, lastSeenAt: now, timezone: incoming.timezone ?? null })
    .onConflictDoUpdate({
      target: [identities.platform, identities.externalUserId],
      set: { lastSeenAt: now, unreachableSince: null, ...(privateChat ? { chatId: incoming.chatId } : {}), ...(incoming.timezone ? { timezone: incoming.timezone } : {}) },
    })
    .returning();
  return row!;
}

/**
 * The person's dates and quiet hours follow the time zone their platform reports for the account they write
 * from (Slack's users.info): a member who moved to Urumqi and set their Slack to it is asked at their hours.
 */
export async function followAccountTimezone(tx: DbOrTx, personId: number | null, incoming: Incoming): Promise<void> {
  if (personId === null || !incoming.timezone) return;
  await tx.update(persons).set({ timezone: incoming.timezone }).where(and(eq(persons.id, personId), ne(persons.timezone, incoming.timezone)));
}
