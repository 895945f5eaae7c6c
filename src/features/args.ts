import { NO_SUCH_ID, parseId } from '../bot/ids.js';
import { isImpossibleDate, parseDate } from '../bot/dates.js';
import { localDay } from '../bot/period.js';
import { reply } from '../bot/flow.js';
import { answer, type Outcome } from '../bot/registry.js';

/** The words after a staff command, and the ids and dates in them (one parser each: bot/ids.ts, bot/dates.ts). */

export { NO_SUCH_ID, isImpossibleDate };

/**
 * '#12' or '12' → 12; digits no row can have (0, 2^31 and beyond) → NO_SUCH_ID, answered like any unknown id;
 * anything else → undefined.
 */
export const idOf = parseId;

/** YYYY-MM-DD, and a day the calendar has. */
export function isDate(word: string | undefined): word is string {
  return parseDate(word) !== undefined;
}

export function wordsOf(arg: string): string[] {
  return arg.trim().split(/\s+/).filter(Boolean);
}

/**
 * Today as the organisation's calendar has it (YYYY-MM-DD), the default date of a return or hand-over said
 * without one: a return noted at 02:30 Beijing time is that day's, not the day before (as UTC would have it).
 * The staff person's time zone stands for their organisation's (new people get the configured default).
 */
export const today = (now: Date, timezone: string) => localDay(now, timezone);

/** What is wrong with what was typed, then how the command is written (`staff-usage`). */
export const problem = (tool: string, key: string, args: Record<string, string> = {}): Outcome =>
  answer([reply(key, { args }), reply('staff-usage', { args: { tool } })]);
