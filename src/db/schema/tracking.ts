import { oneOf } from './checks.js';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { members, persons } from './people.js';

export const TRACKING_KINDS = [
  'report', 'thought_report', 'call', 'message', 'visit', 'location', 'help', 'status_change', 'departure', 'return', 'note', 'onboarded',
] as const;
export type TrackingKind = (typeof TRACKING_KINDS)[number];

/** 跟踪管理卡: every contact, report, visit and change about a member, with who and when. */
export const trackingEntries = pgTable(
  'tracking_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id').references(() => persons.id),
    kind: text('kind', { enum: TRACKING_KINDS }).notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('tracking_entries_member_idx').on(t.memberId, t.at),
    index('tracking_entries_kind_at_idx').on(t.kind, t.at),
    check('tracking_kind_check', oneOf(t.kind, TRACKING_KINDS)),
  ],
);
