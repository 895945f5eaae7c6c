import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { settingsResolver } from '../features/settings/index.js';

export type ScheduleConfig = Pick<
  Config,
  | 'REMINDER_DAY' | 'FOLLOW_UP_AFTER_DAYS' | 'LIAISON_AFTER_DAYS' | 'SECRETARY_AFTER_DAYS' | 'WEEKLY_PROMPT_CAP'
  | 'OFF_PEAK_START_HOUR' | 'OFF_PEAK_END_HOUR' | 'LOST_CONTACT_MONTHS' | 'PROBATION_NOTICE_DAYS'
  | 'LOCATION_RETENTION_DAYS' | 'OUTBOX_TEXT_RETENTION_DAYS' | 'SPRING_FESTIVAL_DATE' | 'MAKEUP_NOTICE_DAYS' | 'URGENT_TAKE_HOURS' | 'NORMAL_TAKE_DAYS' | 'SEARCH_CAMPAIGN_MONTHS' | 'INVITE_CODE_TTL_DAYS' | 'DEFAULT_TIMEZONE' | 'EVALUATION_MONTH' | 'HOLIDAY_QUESTION_DAYS' | 'HOME_VISIT_DUE_DAYS' | 'REPORT_DUE_DAY'
>;

export interface CycleDays {
  reminderDay: number;
  followUpAfterDays: number;
  liaisonAfterDays: number;
  secretaryAfterDays: number;
}

/**
 * The cycle that applies to a member: each of its days from the nearest organisation above their branch that
 * set it, else the configured default. Read once per run; organisations are few.
 */
export async function cycleResolver(db: DbOrTx, config: ScheduleConfig): Promise<(orgPath: string) => CycleDays> {
  const settingsAt = await settingsResolver(db, config);
  return (orgPath) => {
    const s = settingsAt(orgPath);
    return { reminderDay: s.reminderDay, followUpAfterDays: s.followUpAfterDays, liaisonAfterDays: s.liaisonAfterDays, secretaryAfterDays: s.secretaryAfterDays };
  };
}
