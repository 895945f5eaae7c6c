/**
 * What the rollup counts, per organisation and month. Every measure but `help_open` counts members; `help_open`
 * counts open help requests, keyed by category and age; `destination` counts mobile members (流动党员) by the
 * province of their destination ('440000'; '' when none is on record).
 */
export const MEMBER_MEASURES = [
  'members',
  'mobile',
  'laid_off',
  'lost_contact',
  'probationary',
  /** 预备党员 whose probation ends within PROBATION_DUE_DAYS (or has ended without the record changed). */
  'probation_due',
  'reported',
  'reported_on_time',
  /** Not reported for the month and past the due day in the member's own calendar. */
  'overdue',
  /** No call, message or visit logged in the month (一月一访). */
  'not_contacted',
  'thought_reported',
  /** Marked found again during the month. */
  'found_again',
] as const;
export type MemberMeasure = (typeof MEMBER_MEASURES)[number];

/** Open help requests by age, counted from when they were made to when the figures were computed. */
export const HELP_AGE_BUCKETS = ['0-2d', '3-7d', '8-30d', '31d+'] as const;
export type HelpAgeBucket = (typeof HELP_AGE_BUCKETS)[number];

/** Same window as /stats: probation ending within 90 days counts as due. */
export const PROBATION_DUE_DAYS = 90;

/** Late reports for a month still come in at the start of the next: the previous month is recomputed this many days. */
export const PREVIOUS_MONTH_DAYS = 7;

/**
 * How often the previous month is recomputed meanwhile: hourly, not with every quarter-hourly run. A late report
 * changes its figures by one; recomputing it each run doubled the job's first week (a county of a million: 67.7 s a
 * run for both months, 7% of a database core). A few minutes short of the hour, so a run that starts a little late
 * an hour on still counts.
 */
export const PREVIOUS_MONTH_EVERY_MINUTES = 55;

/** Months before this one the job fills in when no run computed them: the dashboard's trend shows twelve, this one included. */
export const MONTHS_KEPT_BEHIND = 11;

/**
 * Two measures kept for the console's dashboard, read on their own (not part of `RollupFigures`): members with a
 * destination on record by its province, whatever their status (the map, as the members list's place filter), and
 * members not reported for the month (lost contact ones aside) by their liaison's person id ('' for none).
 */
export const DESTINATION_ANY = 'destination_any';
export const UNREPORTED_BY_LIAISON = 'unreported_by_liaison';
/** Status changes on the tracking cards dated in the month (DEFAULT_TIMEZONE): to lost contact, and marked found again. */
export const LOST_ENTRIES = 'lost_entries';
export const FOUND_ENTRIES = 'found_entries';

/**
 * What the dashboard's trend reads of a month before this one: all a past month keeps once it is no longer recomputed
 * (and all a month filled in after it ended holds). The rest of a month (a county of a million: ~2 million rows, most
 * of them by liaison) describes that month's present and is read only while it is the current one.
 */
export const TREND_MEASURES = ['members', 'reported', LOST_ENTRIES, FOUND_ENTRIES] as const;
