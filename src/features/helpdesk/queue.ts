import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { HELP_CATEGORIES, URGENCIES, type HelpCategory, type HelpStatus, type Urgency } from '../../db/schema/index.js';
import { inScope } from '../access/scopeFilter.js';

/**
 * The help desk's queue (服务): the requests of the members a staff person may see (the chat's one rule,
 * access/scope.ts), by where they stand. "open" waits for someone to take it (new, handed over, reopened by
 * the member); "taken" is being worked; "resolved" was marked solved (waiting for the member's word, or
 * confirmed by them). Without a state, everything not yet confirmed.
 */
export const QUEUE_STATES = ['open', 'taken', 'resolved'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

const STATUSES: Record<QueueState | 'unfinished', readonly HelpStatus[]> = {
  open: ['open', 'assigned', 'reopened'],
  taken: ['in_progress'],
  resolved: ['resolved', 'confirmed'],
  unfinished: ['open', 'assigned', 'reopened', 'in_progress', 'resolved'],
};

export const QUEUE_PAGE_SIZE = 50;

export interface QueueFilter {
  state?: QueueState;
  urgency?: Urgency;
  category?: HelpCategory;
  /** 1-based. */
  page?: number;
}

export interface QueueRow {
  id: number;
  memberId: number;
  name: string;
  branch: string;
  category: HelpCategory;
  urgency: Urgency;
  status: HelpStatus;
  /** The member's words, cut for the list (the request's page shows them whole). */
  description: string;
  createdAt: Date;
  assignee: string | null;
  /** 0 with whom it started, 1 sent up to the branch secretary, 2 to the organisation above (nobody took it). */
  escalationLevel: number;
  escalatedAt: Date | null;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pages: number;
}

/** Query parameters as a person may have typed them: anything unknown is left out, never an error. */
export function parseQueueFilter(params: Record<string, unknown>): QueueFilter {
  const word = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
  const f: QueueFilter = {};
  if ((QUEUE_STATES as readonly string[]).includes(word('state'))) f.state = word('state') as QueueState;
  if ((URGENCIES as readonly string[]).includes(word('urgency'))) f.urgency = word('urgency') as Urgency;
  if ((HELP_CATEGORIES as readonly string[]).includes(word('category'))) f.category = word('category') as HelpCategory;
  const page = /^\d{1,6}$/.test(word('p')) ? Number(word('p')) : 1;
  if (page > 1) f.page = page;
  return f;
}

export function queueParams(f: QueueFilter): [string, string][] {
  return [['state', f.state], ['urgency', f.urgency], ['category', f.category]].filter((p): p is [string, string] => Boolean(p[1]));
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * One page of the queue: urgent first, then the longest waiting; resolved ones most recent first. The scope is
 * asked of each request's member as a condition (a prefix test), so a county's queue costs its requests, not its members.
 */
export async function helpQueue(db: DbOrTx, staffId: number, f: QueueFilter): Promise<QueuePage> {
  const conditions = [sql`h.status in (${list(STATUSES[f.state ?? 'unfinished'])})`];
  if (f.urgency) conditions.push(sql`h.urgency = ${f.urgency}`);
  if (f.category) conditions.push(sql`h.category = ${f.category}`);
  // The chat's scope rule as a condition on each request's member (scopeFilter.ts): a county's queue costs its requests.
  conditions.push(inScope(staffId, { memberId: sql`h.member_id`, homePath: sql`home.path`, inflowPath: sql`inflow.path` }));
  const from = sql`help_requests h join members mm on mm.person_id = h.member_id join organisations home on home.id = mm.home_org_id
      left join organisations inflow on inflow.id = mm.inflow_org_id`;
  const order = f.state === 'resolved'
    ? sql`coalesce(h.confirmed_at, h.resolved_at, h.updated_at) desc, h.id desc`
    : sql`(h.urgency = 'urgent') desc, h.created_at, h.id`;
  const page = Math.max(1, f.page ?? 1);
  const rows = await query<QueueRow & { total: number }>(db, sql`
    with q as (
      select h.id, h.member_id, h.category, h.urgency, h.status, left(h.description, 120) as description, h.created_at,
             h.assignee_id, h.escalation_level, h.escalated_at, h.confirmed_at, h.resolved_at, h.updated_at,
             home.name as branch, count(*) over () as total
      from ${from}
      where ${sql.join(conditions, sql` and `)}
      order by ${order}
      limit ${QUEUE_PAGE_SIZE} offset ${(page - 1) * QUEUE_PAGE_SIZE}
    )
    select h.id, h.member_id as "memberId", p.name, h.branch, h.category, h.urgency, h.status, h.description,
           h.created_at as "createdAt", a.name as assignee, h.escalation_level as "escalationLevel", h.escalated_at as "escalatedAt",
           h.total::int as total
    from q h
    join persons p on p.id = h.member_id
    left join persons a on a.id = h.assignee_id
    order by ${order}`);
  const total = rows[0]?.total ?? (page > 1 ? await countQueue(db, from, conditions) : 0);
  return {
    rows: rows.map(({ total: _t, ...r }) => ({ ...r, createdAt: new Date(r.createdAt), escalatedAt: r.escalatedAt ? new Date(r.escalatedAt) : null })),
    total, page, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
  };
}

/** A page past the end has no rows to carry the count: asked once more, for the pager. */
async function countQueue(db: DbOrTx, from: SQL, where: SQL[]): Promise<number> {
  const [row] = await query<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${sql.join(where, sql` and `)}`);
  return row?.n ?? 0;
}
