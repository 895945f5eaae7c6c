import { oneOf } from './checks.js';
import { index, integer, pgTable, text, timestamp, check } from 'drizzle-orm/pg-core';

/** county → township/street → village/community branch, plus inflow organisations and temporary branches. */
export const ORG_KINDS = ['county', 'township', 'street', 'branch', 'inflow', 'temporary_branch', 'industry_group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const organisations = pgTable(
  'organisations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    /** Materialised path of ids, '/1/4/9/': a subtree is one LIKE on an index. */
    path: text('path').notNull(),
    regionCode: text('region_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by `npm run admin -- org archive`: the organisation is kept (its history points to it) but closed. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('organisations_path_idx').on(t.path),
    index('organisations_parent_idx').on(t.parentId),
    check('organisations_kind_check', oneOf(t.kind, ORG_KINDS)),
  ],
);
