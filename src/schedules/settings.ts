import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { organisations, reportCycleSettings } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import type { OffPeak } from './timing.js';

export type ScheduleConfig = Pick<
  Config,
  | 'REMINDER_DAY' | 'FOLLOW_UP_AFTER_DAYS' | 'LIAISON_AFTER_DAYS' | 'SECRETARY_AFTER_DAYS' | 'WEEKLY_PROMPT_CAP'
  | 'OFF_PEAK_START_HOUR' | 'OFF_PEAK_END_HOUR' | 'LOST_CONTACT_MONTHS' | 'PROBATION_NOTICE_DAYS'
  | 'LOCATION_RETENTION_DAYS' | 'OUTBOX_TEXT_RETENTION_DAYS' | 'SPRING_FESTIVAL_DATE' | 'MAKEUP_NOTICE_DAYS' | 'URGENT_TAKE_HOURS' | 'NORMAL_TAKE_DAYS' | 'SEARCH_CAMPAIGN_MONTHS' | 'INVITE_CODE_TTL_DAYS' | 'DEFAULT_TIMEZONE' | 'EVALUATION_MONTH' | 'HOLIDAY_QUESTION_DAYS' | 'HOME_VISIT_DUE_DAYS'
>;

export interface CycleDays {
  reminderDay: number;
  followUpAfterDays: number;
  liaisonAfterDays: number;
  secretaryAfterDays: number;
}

export function offPeakOf(config: ScheduleConfig): OffPeak {
  return { startHour: config.OFF_PEAK_START_HOUR, endHour: config.OFF_PEAK_END_HOUR };
}

/**
 * The cycle that applies to a member: the settings of the nearest organisation above their branch that
 * has its own, else the configured defaults. Read once per run; organisations are few.
 */
export async function cycleResolver(db: DbOrTx, config: ScheduleConfig): Promise<(orgPath: string) => CycleDays> {
  const rows = await db
    .select({ path: organisations.path, s: reportCycleSettings })
    .from(reportCycleSettings)
    .innerJoin(organisations, eq(organisations.id, reportCycleSettings.orgId));
  const byDepth = rows.sort((a, b) => b.path.length - a.path.length);
  const defaults: CycleDays = {
    reminderDay: config.REMINDER_DAY,
    followUpAfterDays: config.FOLLOW_UP_AFTER_DAYS,
    liaisonAfterDays: config.LIAISON_AFTER_DAYS,
    secretaryAfterDays: config.SECRETARY_AFTER_DAYS,
  };
  return (orgPath) => {
    const own = byDepth.find((r) => orgPath.startsWith(r.path))?.s;
    return own ? { reminderDay: own.reminderDay, followUpAfterDays: own.followUpAfterDays, liaisonAfterDays: own.liaisonAfterDays, secretaryAfterDays: own.secretaryAfterDays } : defaults;
  };
}
