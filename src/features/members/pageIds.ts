import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { memberIdsBy, STANDINGS, visibleMemberIds } from '../access/scope.js';
import { searchCondition, type MemberListFilter } from './filter.js';

/**
 * Below this many members in scope a page starts from the scope (a liaison's caseload, a branch, a township);
 * above it, from the order of names, asking the scope of each name in turn until the page is full (a county
 * admin's 100,000). Starting from the scope costs its size (about 20 µs a member on PGlite: 100 ms for a
 * township of 5,000, 550 ms for a county of 100,000); walking costs a page × county / scope names, at about
 * ten times that each, and more where a scope's names cluster in the order (measured: bench/consoleMembers.ts).
 */
export const SMALL_SCOPE = 10_000;
/** Names taken per round when walking; the scope is asked of each. Kept small enough that no round's plan looks costly enough to JIT-compile. */
const FIRST_ROUND = 100;
const MAX_ROUND = 800;
/** A walk that found too few in scope after this many names finishes from the scope instead (a filter common outside the scope, rare in it). */
const MAX_WALK = 2_000;

export type ListPlan = 'scope-first' | 'order-first';

/** The list's position: after (or, going back, before) this person in the order. */
export interface CursorKey {
  id: number;
  name: string;
  initials: string;
}

export interface PageAt {
  from?: CursorKey | undefined;
  backwards?: boolean;
  limit: number;
}

/**
 * Whether the person's scope is small, counted standing by standing with a cap (each part alone is a plain
 * indexed join that stops at the cap; their union would have to be built whole).
 */
export async function listPlan(db: DbOrTx, staffId: number, small = SMALL_SCOPE): Promise<ListPlan> {
  const capped = STANDINGS.map((s) => sql`(select count(*) from (${memberIdsBy(staffId, [s])} limit ${small}) part)`);
  const [row] = await query<{ n: number | string }>(db, sql`select ${sql.join(capped, sql` + `)} as n`);
  return Number(row?.n ?? 0) < small ? 'scope-first' : 'order-first';
}

/**
 * The order of the list: pinyin initials, then the name, then the id (stable among namesakes). "C" collation
 * so that the order, the prefix search and the index (persons_list_order_idx) agree on every server.
 */
function ordered(filter: MemberListFilter, now: Date, at: PageAt, extra: SQL, limit: number): SQL {
  const key = sql`p.name_initials collate "C", p.name collate "C", p.id`;
  const keyset = at.from
    ? sql` and (${key}) ${sql.raw(at.backwards ? '<' : '>')} (${at.from.initials} collate "C", ${at.from.name} collate "C", ${at.from.id})`
    : sql``;
  const direction = sql.raw(at.backwards ? 'desc' : 'asc');
  return sql`
    select p.id, p.name, p.name_initials as initials from persons p join members m on m.person_id = p.id
    where true${extra}${searchCondition(filter, now)}${keyset}
    order by p.name_initials collate "C" ${direction}, p.name collate "C" ${direction}, p.id ${direction}
    limit ${limit}`;
}

/** One page from the scope: the visible set once, filtered and sorted. Exported for the benchmark's EXPLAIN. */
export function scopeFirstQuery(staffId: number, filter: MemberListFilter, now: Date, at: PageAt): SQL {
  return ordered(filter, now, at, sql` and m.person_id in (${visibleMemberIds(staffId)})`, at.limit);
}

/** One round of a walk: the next names in order that pass the filter, scope not yet asked. */
export function candidatesQuery(filter: MemberListFilter, now: Date, at: PageAt, take: number): SQL {
  return ordered(filter, now, at, sql``, take);
}

/** The ids of one page, in list order (reversed when going backwards). */
export async function pageIds(db: DbOrTx, staffId: number, filter: MemberListFilter, now: Date, at: PageAt, plan: ListPlan): Promise<number[]> {
  if (plan === 'scope-first') return (await query<CursorKey>(db, scopeFirstQuery(staffId, filter, now, at))).map((r) => r.id);
  const found: number[] = [];
  let from = at.from;
  let take = FIRST_ROUND;
  for (let walked = 0; walked < MAX_WALK; take = Math.min(take * 4, MAX_ROUND)) {
    const names = await query<CursorKey>(db, candidatesQuery(filter, now, { ...at, from }, take));
    const visible = new Set(await inScope(db, staffId, names.map((n) => n.id)));
    for (const n of names) {
      if (visible.has(n.id)) found.push(n.id);
      if (found.length === at.limit) return found;
    }
    if (names.length < take) return found;
    from = names.at(-1);
    walked += names.length;
  }
  const rest = await query<CursorKey>(db, scopeFirstQuery(staffId, filter, now, { ...at, from, limit: at.limit - found.length }));
  return [...found, ...rest.map((r) => r.id)];
}

/**
 * Which of these people the staff person may see: the same rule as visibleMemberIds, asked of each (`c` is
 * not an alias the rule uses), so a long walk never builds a county's whole scope.
 */
async function inScope(db: DbOrTx, staffId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await query<{ id: number }>(db, sql`
    select c.id from unnest(${`{${ids.join(',')}}`}::int[]) as c (id)
    where exists (${memberIdsBy(staffId, STANDINGS, sql`c.id`)})`);
  return rows.map((r) => r.id);
}
