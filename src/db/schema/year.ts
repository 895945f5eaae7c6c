import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';
import { members, persons } from './people.js';

/**
 * 《流动党员活动证》: an activity the member attended at the destination, recorded by the inflow organisation the
 * member is attached to (双向管理). It is a line on the tracking card and counts in the year summary of 民主评议.
 */
export const certificateActivities = pgTable(
  'certificate_activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    /** The inflow organisation that recorded it. */
    orgId: integer('org_id').notNull().references(() => organisations.id),
    heldOn: date('held_on').notNull(),
    what: text('what').notNull(),
    recordedBy: integer('recorded_by').references(() => persons.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('certificate_activities_member_idx').on(t.memberId, t.heldOn)],
);

/**
 * 就业意向 in a laid-off member's own words: the work they want, where, and the training they would take. The words
 * of work and training also become `members.job_wishes`, which matches courses and openings.
 */
export const jobWishStatements = pgTable('job_wish_statements', {
  memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
  work: text('work').array().notNull().default([]),
  place: text('place'),
  training: text('training').array().notNull().default([]),
  statedAt: timestamp('stated_at', { withTimezone: true }).notNull(),
});
