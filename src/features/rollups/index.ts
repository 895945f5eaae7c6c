/**
 * Figures per organisation per month, kept in tables by a job (`rollups`, every 15 minutes, once across
 * instances through the job coordinator) so that a township's or the county's summary is read, not counted.
 *
 * Read API (all plain data; months are 'YYYY-MM' in DEFAULT_TIMEZONE):
 * - `orgMonth(db, orgIds, period)`: each organisation's figures for a month: `own` (its own members), `subtree`
 *   (its whole subtree's), `attached` (attached to it from outside), each with member counts by measure, open
 *   help requests by category and age, mobile members by destination province; `computedAt` says how fresh.
 * - `orgMonths(db, orgId, from, to)`: one organisation month by month (a trend).
 * - `childrenMonth(db, parentId, period)`: the organisations directly under one, with their month (drill-down).
 * - `rollupRuns(db)`: when each month was computed, how long it took, over how many members.
 * - `inScope(month, measure)`, `openHelpInScope(month)`: what a secretary's summary shows (subtree + attached).
 * - `rollupSummaries(db, staffId, now, settings)`: the App Home's summaries from the rollup, or undefined when the
 *   month has not been computed yet (the caller counts live then).
 * - `unreportedByLiaison`, `destinationsAnyStatus`, `lostAndFoundMonths`: the console dashboard's overdue by
 *   liaison, its map and its 失联/找回 by month.
 * The job: `refreshRollups(db, now, settings)`. Its first run (or one after a month without any) also fills in the
 * trend's eleven months before this one; such a month holds only what the trend reads of it (members on the roll
 * by its end, reports, 失联 and 找回), not the statuses, destinations or help of the present.
 */
export { HELP_AGE_BUCKETS, MEMBER_MEASURES, PROBATION_DUE_DAYS, type HelpAgeBucket, type MemberMeasure } from './measures.js';
export { childrenMonth, inScope, openHelpInScope, orgMonth, orgMonths, rollupRuns, type OrgMonth, type RollupFigures, type RollupRun } from './read.js';
export { rollupSummaries } from './summaries.js';
export { previousPeriod, refreshRollups, type RefreshOutcome, type RollupSettings } from './refresh.js';
export { destinationsAnyStatus, lostAndFoundMonths, unreportedByLiaison } from './dashboard.js';
