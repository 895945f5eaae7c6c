import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { helpRequests } from '../db/schema/index.js';
import { escalateHelpRequest } from '../bot/help/notice.js';
import type { ScheduleConfig } from './settings.js';

/** Nobody has taken it yet: new, or handed to someone who has not taken it. */
const NOT_TAKEN = ['open', 'assigned'] as const;

/**
 * The escalation ladder of help requests nobody takes: urgent ones go to the branch secretary after
 * URGENT_TAKE_HOURS and to the organisation above after as long again; normal ones to the secretary after
 * NORMAL_TAKE_DAYS. Each step is recorded on the request, so it is sent once and staff can see it went up.
 */
export async function runHelpEscalation(db: DbOrTx, now: Date, config: Pick<ScheduleConfig, 'URGENT_TAKE_HOURS' | 'NORMAL_TAKE_DAYS'>): Promise<number> {
  const urgentHours = config.URGENT_TAKE_HOURS;
  // Compared with an SQL expression, not a column: postgres.js needs the time as text with its type.
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
  const urgentBefore = at(now.getTime() - urgentHours * 3_600_000);
  const normalBefore = at(now.getTime() - config.NORMAL_TAKE_DAYS * 86_400_000);
  // The clock runs from when it came in, or from when it was handed to someone new.
  const waitingSince = sql`case when ${helpRequests.status} = 'assigned' then ${helpRequests.updatedAt} else ${helpRequests.createdAt} end`;
  const due = await db
    .select()
    .from(helpRequests)
    .where(and(
      inArray(helpRequests.status, [...NOT_TAKEN]),
      or(
        // To the secretary: nobody took it since it came in.
        and(eq(helpRequests.escalationLevel, 0), eq(helpRequests.urgency, 'urgent'), lte(waitingSince, urgentBefore)),
        and(eq(helpRequests.escalationLevel, 0), eq(helpRequests.urgency, 'normal'), lte(waitingSince, normalBefore)),
        // To the organisation above: the secretary did not take it either.
        and(eq(helpRequests.escalationLevel, 1), eq(helpRequests.urgency, 'urgent'), lte(sql`greatest(${helpRequests.escalatedAt}, ${waitingSince})`, urgentBefore)),
      ),
    ))
    .orderBy(helpRequests.id);
  let sent = 0;
  for (const r of due) {
    const level = r.escalationLevel === 0 ? 1 : 2;
    const hours = r.urgency === 'urgent' ? urgentHours * level : config.NORMAL_TAKE_DAYS * 24;
    sent += await escalateHelpRequest(db, r, level, hours, now);
  }
  return sent;
}
