import { sql, type SQL } from 'drizzle-orm';
import { localDate, monthPeriod } from '../../bot/period.js';

/**
 * What a dashboard read is about: an organisation's subtree (a branch, a township, the county). Every read in
 * this module takes (db, scope, period) and nothing else, so the lead can answer any of them from rollup tables
 * (issue 17) without the pages or the chat noticing.
 */
export interface DashboardScope {
  orgId: number;
  /** The organisation's materialised path: its subtree is every organisation whose path starts with it. */
  path: string;
}

/** When: the month a dashboard is about and the months before it, on the asker's calendar. */
export interface DashboardPeriod {
  now: Date;
  timezone: string;
}

/** How many months the trend charts show, this one included. */
export const TREND_MONTHS = 12;

/** Members whose home branch lies in the subtree, as a condition over `members m`. */
export function inSubtree(scope: DashboardScope): SQL {
  return sql`m.home_org_id in (select o.id from organisations o where o.path like ${`${scope.path}%`})`;
}

/** 'YYYY-MM' of this month and the months before it, oldest first. */
export function trendMonths(period: DashboardPeriod, count = TREND_MONTHS): string[] {
  const { year, month } = localDate(period.now, period.timezone);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export const thisMonth = (period: DashboardPeriod): string => monthPeriod(period.now, period.timezone);
