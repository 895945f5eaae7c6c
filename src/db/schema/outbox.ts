import { oneOf } from './checks.js';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { identities } from './identities.js';
import { persons } from './people.js';

/** 'cancelled': a reminder whose reason went away (the member reported) before it was sent. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Everything the bot sends, one row per recipient, written in the same transaction as the change that
 * caused it. The idempotency key makes queueing the same reminder twice impossible.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    /** 'private' chats and 'group' chats/channels have different platform limits. */
    chatKind: text('chat_kind').notNull().default('private'),
    identityId: integer('identity_id').references(() => identities.id, { onDelete: 'set null' }),
    personId: integer('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /** 'reply' answers what a person just said; the rest are started by the bot and count as prompts. */
    purpose: text('purpose').notNull(),
    broadcastId: integer('broadcast_id'),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Parts of a text too long for one platform message that already went: a retry sends only the rest. */
    partsSent: integer('parts_sent').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    platformMessageId: text('platform_message_id'),
    /** An error code from the platform, never a message text. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_person_idx').on(t.personId, t.createdAt),
    index('outbox_broadcast_idx').on(t.broadcastId, t.status),
    check('outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
  ],
);
