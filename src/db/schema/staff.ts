import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';
import { members, persons } from './people.js';

/** 登记卡 facts the roster carries that the core member record does not: as the secretary wrote them. */
export const memberProfiles = pgTable('member_profiles', {
  memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
  gender: text('gender'),
  /** 联系方式: another way to reach the member (family phone, WeChat), free text. */
  contact: text('contact'),
  /** 外出地点 as written on the roster (province/city/district). */
  destination: text('destination'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** 外出登记: one row per absence; `returnedOn` closes it. */
export const departures = pgTable(
  'departures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    departedOn: date('departed_on').notNull(),
    destination: text('destination').notNull(),
    employer: text('employer'),
    occupation: text('occupation'),
    contact: text('contact'),
    returnedOn: date('returned_on'),
    registeredBy: integer('registered_by').references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('departures_member_idx').on(t.memberId)],
);

export const CERTIFICATE_STATES = ['issued', 'handed_over', 'checked', 'transferred'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/** 流动党员活动证: issued by the home branch, handed to the inflow organisation, checked on return. */
export const certificates = pgTable(
  'certificates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    number: text('number').notNull().unique(),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
    inflowOrgId: integer('inflow_org_id').references(() => organisations.id),
    state: text('state', { enum: CERTIFICATE_STATES }).notNull().default('issued'),
    handedOverOn: date('handed_over_on'),
    checkedOn: date('checked_on'),
    note: text('note'),
  },
  (t) => [
    index('certificates_member_idx').on(t.memberId),
    check('certificates_state_check', sql`${t.state} in ('issued','handed_over','checked','transferred')`),
  ],
);

export const PENDING_KINDS = ['pick', 'confirm'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];

/**
 * A staff command waiting for a tap: which of several members with the name was meant ('pick'), or the
 * confirmation of a step that cannot be undone ('confirm'). Only the person who typed it may press; a button
 * works once. `arg` is what followed the member in the command (a note may be in it): kept a day at most.
 */
export const pendingCommands = pgTable(
  'pending_commands',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    command: text('command').notNull(),
    kind: text('kind', { enum: PENDING_KINDS }).notNull(),
    arg: text('arg').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('pending_commands_created_idx').on(t.createdAt),
    check('pending_commands_kind_check', sql`${t.kind} in ('pick','confirm')`),
  ],
);
