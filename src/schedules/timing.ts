export { nextOffPeak, type OffPeak } from '../bot/pacing.js';

/** Whole days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface DayAnywhere {
  /** YYYY-MM-DD */
  day: string;
  year: number;
  month: number;
  dayOfMonth: number;
}

/**
 * The calendar days it is somewhere on Earth at `now` (zones run from UTC−12 to UTC+14): two or three. A job that
 * acts on each member's own day returns at once when none of these is a day it acts on, instead of reading every
 * member every hour to find out (at 1,000,000 members ~1.2 s and ~100 MB each, for nothing, most hours of the year).
 */
export function daysAnywhere(now: Date): DayAnywhere[] {
  const days = new Map<string, DayAnywhere>();
  for (let offset = -12; offset <= 14; offset++) {
    const local = new Date(now.getTime() + offset * 3_600_000);
    const day = local.toISOString().slice(0, 10);
    days.set(day, { day, year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, dayOfMonth: local.getUTCDate() });
  }
  return [...days.values()];
}
