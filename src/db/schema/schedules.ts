import { check, index, integer, pgTable, primaryKey, text, timestamp, date } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { organisations } from './orgs.js';
import { members } from './people.js';

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
 * The monthly report cycle of an organisation and everything below it (the nearest ancestor with a row wins;
 * no row anywhere: the defaults in config).
 */
export const reportCycleSettings = pgTable('report_cycle_settings', {
  orgId: integer('org_id').primaryKey().references(() => organisations.id, { onDelete: 'cascade' }),
  reminderDay: integer('reminder_day').notNull(),
  followUpAfterDays: integer('follow_up_after_days').notNull(),
  liaisonAfterDays: integer('liaison_after_days').notNull(),
  secretaryAfterDays: integer('secretary_after_days').notNull(),
});

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
