import { oneOf } from './checks.js';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Anyone the bot talks to: a member, a staff person, or both. */
export const persons = pgTable('persons', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  phone: text('phone'),
  language: text('language', { enum: LANGUAGES }).notNull().default('zh-CN'),
  timezone: text('timezone').notNull().default('Asia/Shanghai'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const MEMBER_STATUSES = ['resident', 'mobile', 'returned', 'laid_off', 'lost_contact'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A party member; the home branch owns the record, an inflow organisation may be attached. */
export const members = pgTable(
  'members',
  {
    personId: integer('person_id').primaryKey().references(() => persons.id, { onDelete: 'cascade' }),
    homeOrgId: integer('home_org_id').notNull().references(() => organisations.id),
    inflowOrgId: integer('inflow_org_id').references(() => organisations.id),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('resident'),
    probationary: boolean('probationary').notNull().default(false),
    probationEndsOn: date('probation_ends_on'),
    occupation: text('occupation'),
    employer: text('employer'),
    destinationRegionCode: text('destination_region_code'),
    departedOn: date('departed_on'),
    expectedReturnOn: date('expected_return_on'),
    lostContactSince: timestamp('lost_contact_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('members_home_org_idx').on(t.homeOrgId),
    index('members_inflow_org_idx').on(t.inflowOrgId),
    index('members_status_idx').on(t.status),
    check('members_status_check', oneOf(t.status, MEMBER_STATUSES)),
  ],
);

export const STAFF_ROLES = ['liaison', 'helper', 'secretary', 'org_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A role held over an organisation subtree. */
export const staffRoles = pgTable(
  'staff_roles',
  {
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    orgId: integer('org_id').notNull().references(() => organisations.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.role, t.orgId] }),
    check('staff_roles_role_check', oneOf(t.role, STAFF_ROLES)),
  ],
);

/** 联络员 caseload: each member has at most one liaison. */
export const liaisonAssignments = pgTable(
  'liaison_assignments',
  {
    memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
    liaisonId: integer('liaison_id').notNull().references(() => persons.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('liaison_assignments_liaison_idx').on(t.liaisonId)],
);

/** “一帮一” pairing of a helper with a member in difficulty. */
export const helperAssignments = pgTable(
  'helper_assignments',
  {
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    helperId: integer('helper_id').notNull().references(() => persons.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('helper_assignments_pair').on(t.memberId, t.helperId)],
);
