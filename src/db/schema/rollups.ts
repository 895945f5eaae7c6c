import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';

/**
 * Figures per organisation per month, computed by the `rollups` job (features/rollups/): what a township's or
 * the county's summary shows without counting a million members on each look. One row per organisation,
 * month ('2026-11', the month in DEFAULT_TIMEZONE), measure ('members', 'reported', 'help_open', …) and key (a
 * help request's 'category:age', a destination province's code; '' for plain counts). `own` counts the members
 * whose home branch is this organisation, `subtree` those whose home branch is in its subtree (itself included),
 * `attached` those attached to an inflow organisation in the subtree while their home branch is outside it.
 */
export const orgRollups = pgTable(
  'org_rollups',
  {
    period: text('period').notNull(),
    orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    measure: text('measure').notNull(),
    key: text('key').notNull().default(''),
    own: integer('own').notNull().default(0),
    subtree: integer('subtree').notNull().default(0),
    attached: integer('attached').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.period, t.orgId, t.measure, t.key] }), index('org_rollups_org_idx').on(t.orgId, t.period)],
);

/** When each month's figures were last computed: the App Home and the dashboard say how fresh they are. */
export const rollupRuns = pgTable('rollup_runs', {
  period: text('period').primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  /** How long the computation took, and over how many members: for the operator, not for people. */
  tookMs: integer('took_ms').notNull(),
  members: integer('members').notNull(),
});
