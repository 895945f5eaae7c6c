import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import type { Reply } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';
import { memberPacing, type SettingDefaults } from '../features/settings/index.js';
import { nextOffPeak } from './timing.js';

import { PROMPT_PURPOSES, promptsThisWeek } from '../bot/pacing.js';

export { PROMPT_PURPOSES, promptsThisWeek };
export type PromptPurpose = (typeof PROMPT_PURPOSES)[number];

/** Which of these idempotency keys are already queued. */
export async function queuedKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(inArray(outboxMessages.idempotencyKey, keys.slice(i, i + 5000)));
    for (const r of rows) found.add(r.key);
  }
  return found;
}

export interface MemberPrompt {
  memberId: number;
  timezone: string;
  /** Once per key, ever: the period and the member are in it. */
  key: string;
  message: Reply;
  purpose: PromptPurpose;
}

/**
 * Queues prompts the way every job does: a key already queued is skipped, a member at the weekly cap is not
 * asked (`held`: the job tries again on its next run, while the reason lasts), and the message waits for the
 * member's off-peak hours. Cap and hours are the member's organisation's (config holds the defaults).
 */
export async function promptWithinCap(
  db: DbOrTx, wanted: readonly MemberPrompt[], now: Date, config: SettingDefaults,
): Promise<{ queued: number; held: number }> {
  const already = await queuedKeys(db, wanted.map((w) => w.key));
  const fresh = wanted.filter((w) => !already.has(w.key));
  const memberIds = [...new Set(fresh.map((w) => w.memberId))];
  const used = await promptsThisWeek(db, memberIds, now);
  // Each member's quiet hours and cap are those of their own organisation (or the nearest above that set them).
  const pacingOf = await memberPacing(db, memberIds, config);
  let queued = 0;
  let held = 0;
  for (const w of fresh) {
    const count = used.get(w.memberId) ?? 0;
    const pacing = pacingOf(w.memberId);
    if (count >= pacing.cap) {
      held++;
      continue;
    }
    if (await notifyPerson(db, w.memberId, w.message, { key: w.key, purpose: w.purpose, now, notBefore: nextOffPeak(now, w.timezone, pacing.window) })) {
      used.set(w.memberId, count + 1);
      queued++;
    }
  }
  return { queued, held };
}
