import { integer, jsonb, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core';
import { persons } from './people.js';

/**
 * The one conversation a person is in. Keyed by person, not by platform account, so a check-in begun on
 * Telegram can be finished on Slack. `version` gives optimistic concurrency: two deliveries cannot both apply.
 */
export const conversations = pgTable(
  'conversations',
  {
    personId: integer('person_id').primaryKey().references(() => persons.id, { onDelete: 'cascade' }),
    flow: text('flow').notNull(),
    state: jsonb('state').notNull(),
    version: integer('version').notNull().default(1),
    timeoutAt: timestamp('timeout_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('conversations_timeout_idx').on(t.timeoutAt)],
);

/** Platform update ids already applied (Telegram update_id, Slack event_id). */
export const processedUpdates = pgTable(
  'processed_updates',
  {
    platform: text('platform').notNull(),
    updateId: text('update_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.updateId] }), index('processed_updates_at_idx').on(t.processedAt)],
);

/** What staff did, for the higher-level organisation to check. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id').references(() => persons.id),
    action: text('action').notNull(),
    targetKind: text('target_kind'),
    targetId: text('target_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_actor_idx').on(t.actorId, t.at)],
);
