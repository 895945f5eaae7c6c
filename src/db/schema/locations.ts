import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { members } from './people.js';

export const LOCATION_SOURCES = ['picked', 'typed', 'shared_point', 'staff'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/**
 * Where a member lives/works, as an administrative region code (GB/T 2260, city or district level).
 * Coordinates are never stored: a shared GPS point is reduced to its region before it reaches here.
 */
export const locationRecords = pgTable(
  'location_records',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    source: text('source', { enum: LOCATION_SOURCES }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('location_records_member_idx').on(t.memberId, t.recordedAt),
    check('location_region_code_shape', sql`${t.regionCode} ~ '^[0-9]{6}$'`),
  ],
);

/** The member's separate consent (PIPL Art. 29) to keep their whereabouts. Withdrawal deletes the records. */
export const locationConsents = pgTable('location_consents', {
  memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
  grantedAt: timestamp('granted_at', { withTimezone: true }),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  /** When the member was last asked, so we do not keep asking. */
  askedAt: timestamp('asked_at', { withTimezone: true }),
});
