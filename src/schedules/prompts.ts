import { and, gte, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';

/** Messages that ask something of a member. Digests to staff and answers to what a member said are not prompts. */
export const PROMPT_PURPOSES = ['reminder', 'followup', 'study'] as const;

/**
 * Bot-initiated prompts per member in the 7 days up to `now`: the anti-formalism cap (no flood of
 * reminders) is counted from what was actually queued, whatever job queued it.
 */
export async function promptsThisWeek(db: DbOrTx, memberIds: number[], now: Date): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (memberIds.length === 0) return counts;
  const since = new Date(now.getTime() - 7 * 86_400_000);
  for (let i = 0; i < memberIds.length; i += 5000) {
    const rows = await db
      .select({ personId: outboxMessages.personId, n: sql<number>`count(*)::int` })
      .from(outboxMessages)
      .where(
        and(
          inArray(outboxMessages.personId, memberIds.slice(i, i + 5000)),
          inArray(outboxMessages.purpose, [...PROMPT_PURPOSES]),
          gte(outboxMessages.createdAt, since),
          ne(outboxMessages.status, 'cancelled'),
        ),
      )
      .groupBy(outboxMessages.personId);
    for (const r of rows) counts.set(r.personId!, r.n);
  }
  return counts;
}

/** Which of these idempotency keys are already queued. */
export async function queuedKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(inArray(outboxMessages.idempotencyKey, keys.slice(i, i + 5000)));
    for (const r of rows) found.add(r.key);
  }
  return found;
}
