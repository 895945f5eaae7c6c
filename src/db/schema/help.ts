import { oneOf } from './checks.js';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { members, persons } from './people.js';

/** The needs named in the source documents. */
export const HELP_CATEGORIES = [
  'legal', 'wages', 'labour_dispute', 'medical', 'housing', 'schooling', 'jobs', 'papers', 'transfer', 'other',
] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];
export const HELP_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'confirmed', 'reopened'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];
export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const helpRequests = pgTable(
  'help_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    category: text('category', { enum: HELP_CATEGORIES }).notNull(),
    description: text('description').notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('normal'),
    status: text('status', { enum: HELP_STATUSES }).notNull().default('open'),
    assigneeId: integer('assignee_id').references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** How far up it went because nobody took it: 0 the liaison, 1 the branch secretary, 2 the organisation above. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  },
  (t) => [
    index('help_requests_member_idx').on(t.memberId),
    index('help_requests_status_idx').on(t.status),
    check('help_requests_status_check', oneOf(t.status, HELP_STATUSES)),
    check('help_requests_category_check', oneOf(t.category, HELP_CATEGORIES)),
  ],
);

/** Every change of a help request, with who and when. */
export const helpRequestEvents = pgTable(
  'help_request_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id').notNull().references(() => helpRequests.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id').references(() => persons.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
  },
  (t) => [index('help_request_events_request_idx').on(t.requestId)],
);

/** A photo or document the member attached: we keep the platform's file reference, not the file. */
export const helpAttachments = pgTable('help_attachments', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  requestId: integer('request_id').notNull().references(() => helpRequests.id, { onDelete: 'cascade' }),
  platform: text('platform').notNull(),
  fileRef: text('file_ref').notNull(),
  mime: text('mime'),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
});
