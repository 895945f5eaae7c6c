import { NO_SUCH_ID, parseId } from '../bot/ids.js';
import { isImpossibleDate, parseDate } from '../bot/dates.js';

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

/** Today in UTC as YYYY-MM-DD, the default date of a departure or return said without one. */
export const today = (now: Date) => now.toISOString().slice(0, 10);
