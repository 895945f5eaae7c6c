import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { persons } from './people.js';

/**
 * A one-time sign-in link to the secretary console, sent in chat to a staff person (/console). Only the
 * token's hash is kept: a copy of the database signs nobody in.
 */
export const consoleLinks = pgTable(
  'console_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('console_links_person_idx').on(t.personId)],
);

/** A signed-in browser. The cookie holds the id; the table its hash. Idle sessions end (CONSOLE_IDLE_MINUTES). */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('console_sessions_person_idx').on(t.personId)],
);
