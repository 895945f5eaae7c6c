import { sql } from 'drizzle-orm';
import { oneOf } from './checks.js';
import { boolean, check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { members } from './people.js';

export const REPORT_KINDS = ['monthly', 'thought'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const WORK_SITUATIONS = ['working', 'seeking', 'training', 'other'] as const;
export type WorkSituation = (typeof WORK_SITUATIONS)[number];

/**
 * A monthly check-in (period '2026-11') or a quarterly thought report (period '2026-Q4').
 * One per member per kind and period; a report after its period is kept and marked late.
 */
export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    period: text('period').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    late: boolean('late').notNull().default(false),
    movedSinceLast: boolean('moved_since_last'),
    work: text('work', { enum: WORK_SITUATIONS }),
    hasDifficulty: boolean('has_difficulty'),
    studied: boolean('studied'),
    body: text('body'),
    platform: text('platform'),
  },
  (t) => [
    unique('reports_one_per_period').on(t.memberId, t.kind, t.period),
    index('reports_kind_period_idx').on(t.kind, t.period),
    check('reports_kind_check', oneOf(t.kind, REPORT_KINDS)),
    check('reports_period_shape', sql`(${t.kind} = 'monthly' and ${t.period} ~ '^[0-9]{4}-[0-9]{2}$') or (${t.kind} = 'thought' and ${t.period} ~ '^[0-9]{4}-Q[1-4]$')`),
  ],
);

/**
 * A photo of a handwritten thought report: the platform's file reference, not the file. Seen by the same
 * people as the report's text, never logged; it goes with the report (and the member).
 */
export const reportAttachments = pgTable(
  'report_attachments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    fileRef: text('file_ref').notNull(),
    mime: text('mime'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('report_attachments_report_idx').on(t.reportId)],
);
