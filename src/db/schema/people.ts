import { sql } from 'drizzle-orm';
import { oneOf } from './checks.js';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from './orgs.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A date a roster may give to the month only ('2001-07') or to the day ('2001-07-01'); kept as given. */
const PARTIAL_DATE = '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$';

/** Anyone the bot talks to: a member, a staff person, or both. */
export const persons = pgTable(
  'persons',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** Pinyin initials of the name (张建国 → 'zjg'), for finding people by what staff type; '' until computed (db/nameInitials.ts). */
    nameInitials: text('name_initials').notNull().default(''),
    phone: text('phone'),
    /** 公民身份号码 (GB 11643, checksum verified): never logged, shown masked except to the member's own secretary. */
    idNumber: text('id_number'),
    /** 出生日期, month-only when the roster gave only the month. */
    birthDate: text('birth_date'),
    language: text('language', { enum: LANGUAGES }).notNull().default('zh-CN'),
    timezone: text('timezone').notNull().default('Asia/Shanghai'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The roster import looks people up by these three; without them 2,000 rows took 30 s.
    index('persons_phone_idx').on(t.phone),
    index('persons_name_idx').on(t.name),
    // The time zones in use, found by skipping through this index (bot/zones.ts): a handful of probes, not a scan.
    index('persons_timezone_idx').on(t.timezone),
    // A liaison's or a branch's list reads name and time zone by id from the index alone (index-only scan).
    index('persons_card_idx').on(t.id, t.name, t.timezone),
    // The console's members list walks people in this order (and finds initials by prefix) until a page is full.
    index('persons_list_order_idx').using('btree', sql`${t.nameInitials} collate "C"`, sql`${t.name} collate "C"`, t.id),
    // People whose initials are still to be computed (db/nameInitials.ts): normally none, found without a scan.
    index('persons_initials_missing_idx').on(t.id).where(sql`${t.nameInitials} = ''`),
    uniqueIndex('persons_id_number_key').on(t.idNumber),
    check('persons_birth_date_shape', sql`${t.birthDate} ~ ${sql.raw(`'${PARTIAL_DATE}'`)}`),
  ],
);

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
    /**
     * The member's category (流动党员, 下岗失业党员, …) while `status` says lost contact: `status` holds one or the
     * other, so the category is kept here and restored when the member is found again.
     */
    categoryWhileLost: text('category_while_lost', { enum: MEMBER_STATUSES }),
    /** The roster gave 外出时间 to the month only: `departedOn` holds its first day and is shown as the month. */
    departedMonthOnly: boolean('departed_month_only').notNull().default(false),
    /** 登记卡 facts from the 花名册, as the secretary keeps them. */
    ethnicity: text('ethnicity'),
    education: text('education'),
    /** 入党时间 and 转正时间, month-only when the roster gave only the month. */
    joinedOn: text('joined_on'),
    fullMemberOn: text('full_member_on'),
    /** 联系人 (family or emergency contact) and that person's phone. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** 就业意向 of a laid-off member (the work or training they want): courses and openings for it reach them too. */
    jobWishes: text('job_wishes').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('members_home_org_idx').on(t.homeOrgId),
    index('members_inflow_org_idx').on(t.inflowOrgId),
    index('members_status_idx').on(t.status),
    // The dashboard's probation due, soonest first, a branch at a time: a county's 预备党员 without scanning its members.
    index('members_probation_due_idx').on(t.homeOrgId, t.probationEndsOn, t.personId).where(sql`${t.probationary}`),
    // A branch's list reads each member's status from the index alone (index-only scan), not from the table.
    index('members_card_idx').on(t.personId, t.status),
    check('members_status_check', oneOf(t.status, MEMBER_STATUSES)),
    check('members_joined_on_shape', sql`${t.joinedOn} ~ ${sql.raw(`'${PARTIAL_DATE}'`)}`),
    check('members_full_member_on_shape', sql`${t.fullMemberOn} ~ ${sql.raw(`'${PARTIAL_DATE}'`)}`),
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
