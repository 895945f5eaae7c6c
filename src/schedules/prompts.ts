import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';

export { PROMPT_PURPOSES, promptsThisWeek } from '../bot/pacing.js';

/** Which of these idempotency keys are already queued. */
export async function queuedKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(inArray(outboxMessages.idempotencyKey, keys.slice(i, i + 5000)));
    for (const r of rows) found.add(r.key);
  }
  return found;
}
