import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, date } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { organisations } from './orgs.js';
import { members, persons } from './people.js';

/**
 * One row per (job, scheduled fire time): the instance whose insert wins runs it, so N instances fire each
 * job once, and a fire time missed while every instance was down is found missing at start and caught up.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    fireAt: timestamp('fire_at', { withTimezone: true }).notNull(),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** What the run did, as counts: no names. */
    outcome: text('outcome'),
  },
  (t) => [primaryKey({ columns: [t.job, t.fireAt] })],
);

/**
 * What an organisation sets for itself and everything below it: the monthly report cycle, the hours prompts
 * may reach its members (their local time) and the weekly cap on prompts. Each column on its own: null means
 * "as the organisation above" (the nearest ancestor with a value wins; none anywhere: the defaults in config).
 */
export const reportCycleSettings = pgTable(
  'report_cycle_settings',
  {
    orgId: integer('org_id').primaryKey().references(() => organisations.id, { onDelete: 'cascade' }),
    reminderDay: integer('reminder_day'),
    followUpAfterDays: integer('follow_up_after_days'),
    liaisonAfterDays: integer('liaison_after_days'),
    secretaryAfterDays: integer('secretary_after_days'),
    /** Prompts reach members from this local hour (0–23) … */
    promptStartHour: integer('prompt_start_hour'),
    /** … until this one (1–24, after the start); outside it, quiet hours. */
    promptEndHour: integer('prompt_end_hour'),
    /** At most this many prompts a member in any 7 days (1–14). */
    weeklyPromptCap: integer('weekly_prompt_cap'),
    updatedBy: integer('updated_by').references(() => persons.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    check('report_cycle_settings_hours_check', sql`${t.promptStartHour} between 0 and 23 and ${t.promptEndHour} between 1 and 24`),
    check('report_cycle_settings_cap_check', sql`${t.weeklyPromptCap} between 1 and 14`),
  ],
);

export const STUDY_CATEGORIES = ['policy_law', 'practical_skills', 'model_experience', 'market_info', 'science_culture_health'] as const;
export type StudyCategory = (typeof STUDY_CATEGORIES)[number];

/** 远程教育 study plan: one item of material, for whom, from when. */
export const studyItems = pgTable(
  'study_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id').notNull().references(() => organisations.id),
    category: text('category', { enum: STUDY_CATEGORIES }).notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    fileRef: text('file_ref'),
    /** Empty: every member of the organisation's subtree. */
    targetOccupations: text('target_occupations').array().notNull().default([]),
    publishOn: date('publish_on').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Retired (撤下): no longer pushed, planned or counted for 补课; its reads stay. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('study_items_publish_idx').on(t.publishOn), check('study_items_category_check', oneOf(t.category, STUDY_CATEGORIES))],
);

/** "已学习": a member marked an item as read. */
export const studyReads = pgTable(
  'study_reads',
  {
    itemId: integer('item_id').notNull().references(() => studyItems.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.memberId] })],
);

/** Group chats and channels where an organisation's notices are posted. */
export const orgChats = pgTable(
  'org_chats',
  {
    orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] }), index('org_chats_org_idx').on(t.orgId)],
);

/**
 * When the hourly report chase next needs to look at a member: one row per member, so the job reads only the
 * members whose next step is due (an index range), not every member every hour. The job writes the next look
 * after it acts (the next stage's local midnight, or the next month's reminder day); the database moves it when
 * something changes what is due: a monthly report moves it to the next month's reminder day, a new member, a
 * change of status, branch, time zone or linked account, or of the report cycle's settings, makes it due now.
 * `-infinity` is "look now". `version` counts those writes, so a job that read a row before one does not
 * overwrite it with a later look.
 */
export const reportChases = pgTable(
  'report_chases',
  {
    memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
    nextLookAt: timestamp('next_look_at', { withTimezone: true }).notNull().default(sql`'-infinity'`),
    /** The month the next look belongs to, in the member's own calendar: a report for it (or later) moves the look on. */
    period: text('period'),
    /** The reminder day of the member's cycle when the job last looked: where a report moves the next look to. */
    reminderDay: integer('reminder_day'),
    version: integer('version').notNull().default(0),
  },
  (t) => [index('report_chases_next_look_idx').on(t.nextLookAt)],
);

/** The configured default cycle the stored looks were computed with: when the defaults change, every look is redone. */
export const reportChaseBasis = pgTable('report_chase_basis', {
  id: integer('id').primaryKey().default(1),
  basis: text('basis').notNull(),
});
