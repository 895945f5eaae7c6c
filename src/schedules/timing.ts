import { localDate } from '../bot/period.js';

export interface OffPeak {
  startHour: number;
  endHour: number;
}

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

/** Whole days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
