import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { organisations } from './orgs.js';
import { members, persons } from './people.js';

/** What an organisation chooses for its members' year (民主评议 month); the nearest organisation above a branch wins. */
export const membershipSettings = pgTable(
  'membership_settings',
  {
    orgId: integer('org_id').primaryKey().references(() => organisations.id, { onDelete: 'cascade' }),
    /** The month (1-12) in which members are asked for their self-evaluation; December unless set. */
    evaluationMonth: integer('evaluation_month').notNull().default(12),
    updatedBy: integer('updated_by').references(() => persons.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('membership_settings_month_check', sql`${t.evaluationMonth} between 1 and 12`)],
);

/** The member's own starting point for the self-evaluation (自评), picked from buttons. */
export const SELF_RATINGS = ['good', 'fair', 'improve'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

/** 民主评议 results: 优秀 / 合格 / 基本合格 / 不合格. */
export const EVALUATION_RESULTS = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

/**
 * 民主评议, 一年一评: one row per member and year. The member's self-evaluation, the home side's opinion (the liaison
 * or the branch), the inflow organisation's opinion for a member attached to one (双向管理), and the branch's result.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    selfRating: text('self_rating', { enum: SELF_RATINGS }),
    selfText: text('self_text'),
    selfAt: timestamp('self_at', { withTimezone: true }),
    homeOpinion: text('home_opinion'),
    homeOpinionBy: integer('home_opinion_by').references(() => persons.id),
    homeOpinionAt: timestamp('home_opinion_at', { withTimezone: true }),
    inflowOpinion: text('inflow_opinion'),
    inflowOpinionBy: integer('inflow_opinion_by').references(() => persons.id),
    inflowOpinionAt: timestamp('inflow_opinion_at', { withTimezone: true }),
    result: text('result', { enum: EVALUATION_RESULTS }),
    resultReason: text('result_reason'),
    resultBy: integer('result_by').references(() => persons.id),
    resultAt: timestamp('result_at', { withTimezone: true }),
  },
  (t) => [
    unique('evaluations_member_year').on(t.memberId, t.year),
    index('evaluations_year_idx').on(t.year),
    check('evaluations_self_rating_check', oneOf(t.selfRating, SELF_RATINGS)),
    check('evaluations_result_check', oneOf(t.result, EVALUATION_RESULTS)),
    check('evaluations_result_has_reason', sql`${t.result} is null or ${t.resultReason} is not null`),
  ],
);

/** Holidays an organisation chooses besides the Spring Festival (SPRING_FESTIVAL_DATE): members away are asked before them too. */
export const orgHolidays = pgTable(
  'org_holidays',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    on: date('on').notNull(),
    createdBy: integer('created_by').references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('org_holidays_org_day').on(t.orgId, t.on)],
);

/** A member's answer to "will you be home for the holiday, and when?". */
export const holidayAnswers = pgTable(
  'holiday_answers',
  {
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    holidayOn: date('holiday_on').notNull(),
    comingHome: boolean('coming_home').notNull(),
    arriveOn: date('arrive_on'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.holidayOn] })],
);

/** How the branch learnt that a member comes home: their answer, their own 我回来了, or staff registering a return. */
export const HOMECOMING_SOURCES = ['answer', 'said', 'return'] as const;
export type HomecomingSource = (typeof HOMECOMING_SOURCES)[number];

/**
 * 登门走访: the liaison's task when a member comes home. It is open until a home visit is logged on the tracking
 * card on or after the day the member is home; nothing else closes it.
 */
export const homeVisitTasks = pgTable(
  'home_visit_tasks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    liaisonId: integer('liaison_id').references(() => persons.id),
    source: text('source', { enum: HOMECOMING_SOURCES }).notNull(),
    homeOn: date('home_on').notNull(),
    dueOn: date('due_on').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('home_visit_tasks_member_day').on(t.memberId, t.homeOn),
    index('home_visit_tasks_member_idx').on(t.memberId),
    check('home_visit_tasks_source_check', oneOf(t.source, HOMECOMING_SOURCES)),
  ],
);

/** 集中培训和补课: a make-up session the branch held; attending it clears the member's make-up list up to that day. */
export const makeUpSessions = pgTable('make_up_sessions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
  heldOn: date('held_on').notNull(),
  recordedBy: integer('recorded_by').references(() => persons.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const makeUpAttendance = pgTable(
  'make_up_attendance',
  {
    sessionId: integer('session_id').notNull().references(() => makeUpSessions.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.memberId] }), index('make_up_attendance_member_idx').on(t.memberId)],
);

/** 党费: each member's monthly amount in fen (from the roster or set by staff) and the first month it is owed. */
export const duesAmounts = pgTable(
  'dues_amounts',
  {
    memberId: integer('member_id').primaryKey().references(() => members.personId, { onDelete: 'cascade' }),
    monthlyFen: integer('monthly_fen').notNull(),
    /** 'YYYY-MM': months before it are not counted as owed. */
    fromMonth: text('from_month').notNull(),
    setBy: integer('set_by').references(() => persons.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('dues_amounts_positive', sql`${t.monthlyFen} >= 0`),
    check('dues_amounts_month_shape', sql`${t.fromMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** 'claimed': the member said it is paid and staff have not confirmed yet; only 'confirmed' months count as paid. */
export const DUES_STATES = ['claimed', 'confirmed'] as const;
export type DuesState = (typeof DUES_STATES)[number];

/**
 * One month of dues, recorded where it was paid: the home branch or, for a member with an activity certificate,
 * the inflow organisation (双向管理); the home branch sees both. No money moves through the bot.
 */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    amountFen: integer('amount_fen'),
    paidOn: date('paid_on'),
    /** The organisation where it was paid: the home branch or the inflow organisation. */
    paidAtOrgId: integer('paid_at_org_id').references(() => organisations.id),
    state: text('state', { enum: DUES_STATES }).notNull(),
    recordedBy: integer('recorded_by').references(() => persons.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('dues_payments_member_month').on(t.memberId, t.month),
    check('dues_payments_state_check', oneOf(t.state, DUES_STATES)),
    check('dues_payments_month_shape', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

export const JOB_OFFER_KINDS = ['training', 'job'] as const;
export type JobOfferKind = (typeof JOB_OFFER_KINDS)[number];

/** Re-employment (下岗失业党员): a training course or a job opening the branch or the township posts. */
export const jobOffers = pgTable(
  'job_offers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: JOB_OFFER_KINDS }).notNull(),
    title: text('title').notNull(),
    place: text('place').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    /** Occupations it suits; empty: every laid-off member of the subtree. */
    skills: text('skills').array().notNull().default([]),
    createdBy: integer('created_by').references(() => persons.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('job_offers_org_idx').on(t.orgId), check('job_offers_kind_check', oneOf(t.kind, JOB_OFFER_KINDS))],
);

/** "我想报名": the member's sign-up, which is a help request of the category 'jobs' (就业) for their helper. */
export const jobSignups = pgTable(
  'job_signups',
  {
    offerId: integer('offer_id').notNull().references(() => jobOffers.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    helpRequestId: integer('help_request_id'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.memberId] })],
);

export const EMPLOYMENT_OUTCOMES = ['trained', 'reemployed'] as const;
export type EmploymentOutcome = (typeof EMPLOYMENT_OUTCOMES)[number];

/** What the statistics count: a laid-off member trained, or working again. */
export const employmentOutcomes = pgTable(
  'employment_outcomes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: EMPLOYMENT_OUTCOMES }).notNull(),
    on: date('on').notNull(),
    recordedBy: integer('recorded_by').references(() => persons.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('employment_outcomes_member_idx').on(t.memberId), check('employment_outcomes_check', oneOf(t.outcome, EMPLOYMENT_OUTCOMES))],
);

/** 先进: staff mark a member as setting an example, with the reason and the organisation that proposes it. */
export const recognitions = pgTable(
  'recognitions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.personId, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    reason: text('reason').notNull(),
    proposedByOrgId: integer('proposed_by_org_id').notNull().references(() => organisations.id),
    recordedBy: integer('recorded_by').references(() => persons.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** Revoked (撤销) with a reason: kept for the record, counted nowhere. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: integer('revoked_by').references(() => persons.id),
    revokeReason: text('revoke_reason'),
    /** The broadcast that announced it to the branch, once. */
    announcedBroadcastId: integer('announced_broadcast_id'),
  },
  (t) => [
    index('recognitions_member_idx').on(t.memberId, t.year),
    check('recognitions_revoke_has_reason', sql`${t.revokedAt} is null or ${t.revokeReason} is not null`),
  ],
);
