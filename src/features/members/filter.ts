import { sql, type SQL } from 'drizzle-orm';
import type { MemberStatus } from '../../db/schema/index.js';
import { regionByCode } from '../../bot/regions/index.js';

/** The categories (类别) a member is listed under; lost contact is its own filter, the category is kept meanwhile. */
export const LIST_CATEGORIES = ['mobile', 'laid_off', 'resident', 'returned'] as const satisfies readonly MemberStatus[];
export type ListCategory = (typeof LIST_CATEGORIES)[number];

/** What the list is narrowed to. Every part narrows; an absent part does not filter. */
export interface MemberListFilter {
  /** A name or part of one (张建国, 建国), pinyin initials from the start (zjg), or a member's number. */
  q?: string;
  /** Home branch in this organisation's subtree, or attached to an inflow organisation in it. */
  orgId?: number;
  /** 正式党员 (false) or 预备党员 (true). */
  probationary?: boolean;
  category?: ListCategory;
  /** No monthly report yet for the current month (in the member's own time zone). */
  overdue?: boolean;
  lost?: boolean;
  /** A region code: the members whose destination lies in that province or city. */
  place?: string;
  /** A liaison by person id, by name (a county with too many liaisons for a list), or 'none' (no liaison yet). */
  liaison?: number | 'none' | { name: string };
  openHelp?: boolean;
}

const first = (v: unknown): string | undefined => {
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : undefined;
};
const positive = (v: string | undefined) => (v !== undefined && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const flag = (v: string | undefined) => v === '1' || v === 'on';

/**
 * A filter from a query string (the list's form and its page links). A value that is not one of the
 * choices is dropped, as if not given: the page shows the filter it applied, so nothing is hidden.
 */
export function parseFilter(params: Record<string, unknown>): MemberListFilter {
  const f: MemberListFilter = {};
  const q = first(params.q);
  if (q) f.q = q.slice(0, 50);
  const org = positive(first(params.org));
  if (org) f.orgId = org;
  const status = first(params.status);
  if (status === 'full' || status === 'probationary') f.probationary = status === 'probationary';
  const category = first(params.category);
  if ((LIST_CATEGORIES as readonly string[]).includes(category ?? '')) f.category = category as ListCategory;
  if (flag(first(params.overdue))) f.overdue = true;
  if (flag(first(params.lost))) f.lost = true;
  const place = first(params.place);
  if (place && /^\d{6}$/.test(place) && regionByCode(place) && regionByCode(place)!.level !== 'district') f.place = place;
  const liaison = first(params.liaison);
  if (liaison === 'none') f.liaison = 'none';
  else if (positive(liaison)) f.liaison = positive(liaison)!;
  else if (liaison) f.liaison = { name: liaison.slice(0, 50) };
  if (flag(first(params.help))) f.openHelp = true;
  return f;
}

/** The filter as query-string pairs, for page links that keep it (the inverse of parseFilter). */
export function filterParams(f: MemberListFilter): [string, string][] {
  const out: [string, string][] = [];
  if (f.q) out.push(['q', f.q]);
  if (f.orgId) out.push(['org', String(f.orgId)]);
  if (f.probationary !== undefined) out.push(['status', f.probationary ? 'probationary' : 'full']);
  if (f.category) out.push(['category', f.category]);
  if (f.overdue) out.push(['overdue', '1']);
  if (f.lost) out.push(['lost', '1']);
  if (f.place) out.push(['place', f.place]);
  if (f.liaison !== undefined) out.push(['liaison', typeof f.liaison === 'object' ? f.liaison.name : String(f.liaison)]);
  if (f.openHelp) out.push(['help', '1']);
  return out;
}

/** A region code as the prefix its subregions share: province 440000 → '44', city 441900 → '4419'. */
export function regionPrefix(code: string): string {
  return regionByCode(code)?.level === 'province' ? code.slice(0, 2) : code.slice(0, 4);
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Pinyin initials typed on a phone keyboard: letters only. */
const INITIALS = /^[a-z]+$/i;

function textCondition(q: string): SQL {
  if (INITIALS.test(q)) return sql`(p.name_initials collate "C") like ${`${q.toLowerCase()}%`}`;
  const named = sql`p.name like ${`%${likeEscape(q)}%`}`;
  return /^\d{1,9}$/.test(q) ? sql`(p.id = ${Number(q)} or ${named})` : named;
}

function liaisonCondition(liaison: NonNullable<MemberListFilter['liaison']>): SQL {
  if (liaison === 'none') return sql`not exists (select 1 from liaison_assignments la where la.member_id = m.person_id)`;
  if (typeof liaison === 'number') return sql`exists (select 1 from liaison_assignments la where la.member_id = m.person_id and la.liaison_id = ${liaison})`;
  return sql`exists (select 1 from liaison_assignments la join persons lp on lp.id = la.liaison_id where la.member_id = m.person_id and lp.name = ${liaison.name})`;
}

/** The filter as SQL over `members m` joined to `persons p`: each part one AND-ed condition. */
export function searchCondition(f: MemberListFilter, now: Date): SQL {
  const parts: SQL[] = [];
  if (f.q) parts.push(textCondition(f.q));
  if (f.orgId !== undefined) {
    parts.push(sql`(m.home_org_id in (select o.id from organisations o, organisations top where top.id = ${f.orgId} and o.path like top.path || '%')
      or m.inflow_org_id in (select o.id from organisations o, organisations top where top.id = ${f.orgId} and o.path like top.path || '%'))`);
  }
  if (f.probationary !== undefined) parts.push(sql`m.probationary = ${f.probationary}`);
  // Two plain comparisons rather than one expression: the planner has statistics for columns, not for a CASE.
  if (f.category) parts.push(sql`(m.status = ${f.category} or (m.status = 'lost_contact' and m.category_while_lost = ${f.category}))`);
  if (f.overdue) parts.push(sql`not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${monthOf(now)})`);
  if (f.lost) parts.push(sql`m.status = 'lost_contact'`);
  if (f.place) parts.push(sql`m.destination_region_code like ${`${regionPrefix(f.place)}%`}`);
  if (f.liaison !== undefined) parts.push(liaisonCondition(f.liaison));
  if (f.openHelp) parts.push(sql`exists (select 1 from help_requests h where h.member_id = m.person_id and h.status <> 'confirmed')`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

/** This month in the member's own time zone, as SQL over `persons p` (a report at 23:30 on the 31st in Urumqi counts for that month). */
export function monthOf(now: Date): SQL {
  return sql`to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM')`;
}
