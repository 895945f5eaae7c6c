import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
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
