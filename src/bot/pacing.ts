import { and, gte, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import { query } from '../db/query.js';
import { localDate } from './period.js';

/**
 * No fingertip formalism: what the bot starts towards a member arrives in their afternoon or evening, and at
 * most a few times a week. The schedules (reminders, study) and a secretary's notices share these rules.
 */

export interface OffPeak {
  startHour: number;
  endHour: number;
}

/** Messages that ask something of a member or tell them something unasked. Digests to staff and answers are not prompts. */
export const PROMPT_PURPOSES = ['reminder', 'followup', 'study', 'broadcast', 'membership'] as const;

const WEEK_MS = 7 * 86_400_000;

/**
 * The first moment at or after `now` inside the member's off-peak window (afternoon and evening in their own
 * time zone): a reminder arrives when a worker can read it, never at night.
 */
export function nextOffPeak(now: Date, timezone: string, window: OffPeak): Date {
  const inWindow = (at: Date) => {
    const h = localDate(at, timezone).hour;
    return h >= window.startHour && h < window.endHour;
  };
  if (inWindow(now)) return now;
  // Step to the next whole hour, then by hours: time zones with half-hour offsets land on their half hour.
  let at = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  for (let i = 0; i < 48 && !inWindow(at); i++) at = new Date(at.getTime() + 3_600_000);
  return at;
}

/**
 * Bot-initiated prompts per member in the 7 days up to `now`: the anti-formalism cap (no flood of
 * reminders) is counted from what was actually queued, whatever job queued it.
 */
export async function promptsThisWeek(db: DbOrTx, memberIds: number[], now: Date): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (memberIds.length === 0) return counts;
  const since = new Date(now.getTime() - WEEK_MS);
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

/** When each member's prompts of the last week went or will go (sent, or due): what a new prompt must fit around. */
async function promptTimes(db: DbOrTx, memberIds: number[], now: Date): Promise<Map<number, number[]>> {
  const times = new Map<number, number[]>();
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  for (let i = 0; i < memberIds.length; i += 5000) {
    const ids = memberIds.slice(i, i + 5000);
    const rows = await query<{ personId: number; at: Date | string }>(db, sql`
      select person_id as "personId", coalesce(sent_at, next_attempt_at) as at from outbox_messages
      where person_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
        and purpose in (${sql.join(PROMPT_PURPOSES.map((p) => sql`${p}`), sql`, `)})
        and status <> 'cancelled' and coalesce(sent_at, next_attempt_at) > ${since}::timestamptz`);
    for (const r of rows) times.set(Number(r.personId), [...(times.get(Number(r.personId)) ?? []), new Date(r.at).getTime()]);
  }
  return times;
}

/**
 * A member to reach, with their time zone and, where the caller resolved them, their organisation's hours and
 * weekly cap (src/features/settings memberPacing); without them the call's own cap and window apply.
 */
export interface PacedRecipient {
  memberId: number;
  timezone: string;
  cap?: number;
  window?: OffPeak;
}

/**
 * The first moment a new prompt may reach each member: in their off-peak hours, and when fewer than `cap` of
 * their prompts fall in the 7 days before it. Over the cap it waits for the oldest to fall out of the week,
 * so five notices in one night arrive spread out, not at once.
 */
export async function pacedSlots(db: DbOrTx, recipients: readonly PacedRecipient[], now: Date, defaultCap: number, defaultWindow: OffPeak): Promise<Map<number, Date>> {
  const times = await promptTimes(db, recipients.map((r) => r.memberId), now);
  const slots = new Map<number, Date>();
  for (const { memberId, timezone, cap = defaultCap, window = defaultWindow } of recipients) {
    const taken = (times.get(memberId) ?? []).sort((a, b) => a - b);
    let at = nextOffPeak(now, timezone, window);
    for (let guard = 0; guard <= taken.length + 1; guard++) {
      const t = at.getTime();
      const inWeek = taken.filter((x) => x > t - WEEK_MS && x <= t);
      if (inWeek.length < Math.max(1, cap)) break;
      // Wait until the oldest of them is a week old, then for the member's next off-peak hour.
      at = nextOffPeak(new Date(inWeek[0]! + WEEK_MS), timezone, window);
    }
    slots.set(memberId, at);
  }
  return slots;
}
