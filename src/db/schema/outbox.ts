import { oneOf } from './checks.js';
import { sql } from 'drizzle-orm';
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
    /** The instance that holds (or last held) the claim. */
    claimedBy: text('claimed_by'),
    /**
     * When a send of this row was taken from the send budget and its outcome is not recorded yet. Set before
     * the send, cleared with its outcome: a row still carrying it after its sender died may have reached the
     * platform, and is sent again as a possible duplicate. An instance holds at most its in-flight window of them.
     */
    sendStartedAt: timestamp('send_started_at', { withTimezone: true }),
    /** Sends of this row cut off by a crash before their outcome was stored: each may have arrived twice. */
    interruptedSends: integer('interrupted_sends').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    platformMessageId: text('platform_message_id'),
    /** An error code from the platform, never a message text. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Only rows still to send, in the order they are claimed: a claim reads the first of them, not every row due, and a
    // row once sent (or failed, or cancelled) leaves it. The outbox keeps every message; this index stays the backlog's size.
    index('outbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    // Replies to accounts not yet linked, and every row that is not a broadcast's, are in neither of these.
    index('outbox_person_idx').on(t.personId, t.createdAt).where(sql`${t.personId} is not null`),
    index('outbox_broadcast_idx').on(t.broadcastId, t.status).where(sql`${t.broadcastId} is not null`),
    // The chats some instance is sending to right now: a claim leaves their other rows alone, to keep their order.
    index('outbox_sending_chat_idx').on(t.platform, t.chatId).where(sql`${t.status} = 'sending'`),
    // The few rows a crash may have sent twice, counted at every metrics scrape.
    index('outbox_interrupted_idx').on(t.platform).where(sql`${t.interruptedSends} > 0`),
    check('outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
  ],
);

/**
 * The send budget every instance shares: per platform (key `telegram`) and per chat (`telegram:<chat>`), the
 * start times (ms since the epoch) of the sends of the last window or so, and until when the platform asked
 * to wait. Slots are taken by the `take_send_slot` function (migration 0016), one statement per send.
 */
export const sendBudget = pgTable('send_budget', {
  key: text('key').primaryKey(),
  starts: bigint('starts', { mode: 'number' }).array().notNull().default(sql`'{}'`),
  pausedUntil: bigint('paused_until', { mode: 'number' }).notNull().default(0),
});
