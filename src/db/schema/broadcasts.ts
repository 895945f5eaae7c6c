import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { oneOf } from './checks.js';
import { organisations } from './orgs.js';
import { members, persons } from './people.js';
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
    /** A notice's text, as the sender wrote it (the page shows it; a scheduled notice is sent from it). */
    body: text('body'),
    /** A notice's audience (features/broadcasts AudienceFilter), checked against the sender's scope again when sent. */
    audience: jsonb('audience'),
    /** Sent at once, past the members' quiet hours and weekly cap (an organisation admin's call). */
    urgent: boolean('urgent').notNull().default(false),
    /** A study item sent with the notice: its read receipt (已学习) counts as read. */
    attachedItemId: integer('attached_item_id').references(() => studyItems.id, { onDelete: 'set null' }),
    /** A notice to send at a set time; null: sent when made. */
    sendAt: timestamp('send_at', { withTimezone: true }),
    /** When its messages were queued; null while a scheduled notice waits. Set once, in the transaction that queues them. */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    /** A scheduled notice called off before its time. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('broadcasts_org_idx').on(t.orgId, t.createdAt),
    // The scheduled notices still waiting: what the every-minute runner looks at.
    index('broadcasts_waiting_idx').on(t.sendAt).where(sql`${t.queuedAt} is null and ${t.cancelledAt} is null and ${t.sendAt} is not null`),
    check('broadcasts_kind_check', oneOf(t.kind, BROADCAST_KINDS)),
  ],
);

/** "已读": a member tapped the button under a notice. */
export const broadcastReads = pgTable(
  'broadcast_reads',
  {
    broadcastId: integer('broadcast_id').notNull().references(() => broadcasts.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.memberId] })],
);
