import { integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';
import { studyItems } from './schedules.js';

/**
 * How many members whose home is an organisation have read an item (已学习), kept current by triggers on
 * study_reads and members (written by hand in the migration): a county's plan sums a few thousand of these rows
 * instead of joining the year's reads to its members. Derived data: rebuilt from study_reads at any time.
 */
export const studyReadCounts = pgTable(
  'study_read_counts',
  {
    itemId: integer('item_id').notNull().references(() => studyItems.id, { onDelete: 'cascade' }),
    orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    reads: integer('reads').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.orgId] })],
);
