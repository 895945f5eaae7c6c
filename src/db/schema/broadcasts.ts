import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { organisations } from './orgs.js';
import { persons } from './people.js';
import { studyItems } from './schedules.js';

export const BROADCAST_KINDS = ['study', 'notice'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/**
 * One message sent to many: a study item pushed to its members and group chats, or a secretary's notice.
 * Its outbox rows carry `broadcast_id`, so sent / failed / pending can be counted per broadcast.
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id').notNull().references(() => organisations.id),
    kind: text('kind', { enum: BROADCAST_KINDS }).notNull(),
    /** The study item this broadcast delivers (one broadcast per item). */
    studyItemId: integer('study_item_id').unique().references(() => studyItems.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('broadcasts_org_idx').on(t.orgId, t.createdAt), check('broadcasts_kind_check', oneOf(t.kind, BROADCAST_KINDS))],
);
