import { sql } from 'drizzle-orm';
import { oneOf } from './checks.js';
import { check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { persons } from './people.js';

export const PLATFORMS = ['telegram', 'slack', 'terminal'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** One account on one platform. Unlinked until an invite code is redeemed. */
export const identities = pgTable(
  'identities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    externalUserId: text('external_user_id').notNull(),
    chatId: text('chat_id').notNull(),
    personId: integer('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    failedCodeAttempts: integer('failed_code_attempts').notNull().default(0),
    codeLockedUntil: timestamp('code_locked_until', { withTimezone: true }),
    /** Set when the platform says the account blocked us or is gone: we stop sending. */
    unreachableSince: timestamp('unreachable_since', { withTimezone: true }),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    /** The account's time zone as the platform reports it (Slack users.info `tz`); null where it says none. */
    timezone: text('timezone'),
    /** Bot-initiated messages go to the account the person used last. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('identities_platform_user').on(t.platform, t.externalUserId),
    index('identities_person_idx').on(t.personId),
    check('identities_platform_check', oneOf(t.platform, PLATFORMS)),
  ],
);

/** One-time codes that link a platform account to a person. Only the hash is kept. */
export const inviteCodes = pgTable(
  'invite_codes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    codeHash: text('code_hash').notNull().unique(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => persons.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedByIdentityId: integer('used_by_identity_id').references(() => identities.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invite_codes_person_idx').on(t.personId),
    check('invite_codes_used_consistent', sql`(${t.usedAt} is null) = (${t.usedByIdentityId} is null)`),
  ],
);
