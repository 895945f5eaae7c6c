import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { StudyCategory } from '../../db/schema/index.js';
import { memberIdsBy, STANDINGS } from '../access/scope.js';
import { authorize, managedOrgs } from '../access/authorize.js';

export interface ItemReader {
  memberId: number;
  name: string;
  branch: string;
  readAt: Date | null;
}

export interface ItemReaders {
  /** Members the item is for (and anyone who read it besides) in the viewer's scope, under `orgPath` when given. */
  total: number;
  read: number;
  /** By name, those who have not read it first, at most `limit`. */
  rows: ItemReader[];
}

/** A county's item reaches tens of thousands: the page names this many and says to choose a branch for the rest. */
export const READERS_SHOWN = 500;

/**
 * Who an item is for and who read it (已学习), by name: the members of its organisation's subtree whose occupation
 * it targets, and anyone who read it besides, limited to the members whose home branch the viewer runs (and to
 * `orgPath`'s subtree when given).
 */
export async function itemReaders(db: DbOrTx, staffId: number, itemId: number, opts: { orgPath?: string; limit?: number } = {}): Promise<ItemReaders> {
  const [item] = await query<{ path: string; targets: string[] }>(db, sql`
    select so.path, si.target_occupations as targets from study_items si join organisations so on so.id = si.org_id where si.id = ${itemId}`);
  const roots = item ? await ownedRoots(db, staffId, item.path, opts.orgPath) : [];
  if (!item || roots.length === 0) return { total: 0, read: 0, rows: [] };
  const inRoots = sql`(${sql.join(roots.map((r) => sql`home.path like ${`${r}%`}`), sql` or `)})`;
  const forAll = item.targets.length === 0;
  const targeted = forAll ? sql`true` : sql`m.occupation = any((select t.target_occupations from study_items t where t.id = ${itemId})::text[])`;
  // Counted without a pass over the reads: those the item is for, the reads from the per-organisation counts the
  // read receipts keep (study_read_counts), and those who read it though it is not for them (a targeted item's only).
  const [counts] = await query<{ audience: number; read: number; besides: number }>(db, sql`
    select (select count(*)::int from members m join organisations home on home.id = m.home_org_id where ${inRoots} and ${targeted}) as audience,
           (select coalesce(sum(c.reads), 0)::int from study_read_counts c join organisations home on home.id = c.org_id
             where c.item_id = ${itemId} and ${inRoots}) as read,
           ${forAll ? sql`0` : sql`(select count(*)::int from study_reads sr join members m on m.person_id = sr.member_id
             join organisations home on home.id = m.home_org_id where sr.item_id = ${itemId} and ${inRoots} and (${targeted}) is not true)`} as besides`);
  const limit = opts.limit ?? READERS_SHOWN;
  const unread = await readersPage(db, itemId, inRoots, sql`${targeted} and sr.member_id is null`, limit);
  const read = unread.length < limit ? await readersPage(db, itemId, inRoots, sql`sr.member_id is not null`, limit - unread.length) : [];
  return { total: (counts?.audience ?? 0) + (counts?.besides ?? 0), read: counts?.read ?? 0, rows: [...unread, ...read] };
}

/**
 * The first `limit` members under `inRoots` meeting `which`, by home organisation's path, name and id: walked an
 * organisation at a time in path order, so the first few branches answer without sorting a county's members.
 */
function readersPage(db: DbOrTx, itemId: number, inRoots: SQL, which: SQL, limit: number): Promise<ItemReader[]> {
  return query<ItemReader>(db, sql`
    select x."memberId", x.name, home.name as branch, x."readAt"
    from (select home.id, home.name, home.path from organisations home where ${inRoots} order by home.path) home
    cross join lateral (
      select m.person_id as "memberId", p.name, sr.read_at as "readAt"
      from members m join persons p on p.id = m.person_id
      left join study_reads sr on sr.item_id = ${itemId} and sr.member_id = m.person_id
      where m.home_org_id = home.id and ${which}
      order by p.name, m.person_id
    ) x
    order by home.path, x.name, x."memberId"
    limit ${limit}`);
}

/**
 * The subtrees, inside the item's organisation's, whose members the person owns (as secretary or admin: the
 * `owner` standing of access/scope.ts, by the organisations of access/authorize.ts), narrowed to `orgPath`:
 * scanning these is the same as scanning the item's subtree and asking the rule of each member, without
 * walking a county's members for a branch secretary.
 */
async function ownedRoots(db: DbOrTx, staffId: number, itemPath: string, orgPath: string | undefined): Promise<string[]> {
  const managed = (await managedOrgs(db, staffId)).map((m) => m.path);
  let roots = managed.some((p) => itemPath.startsWith(p)) ? [itemPath] : managed.filter((p) => p.startsWith(itemPath));
  if (orgPath) roots = roots.some((r) => orgPath.startsWith(r)) ? [orgPath] : roots.filter((r) => r.startsWith(orgPath));
  return roots;
}

export interface MemberStudy {
  itemId: number;
  title: string;
  category: StudyCategory;
  publishOn: string;
  orgName: string;
  readAt: Date | null;
}

/**
 * What a member was sent and what they read: the items of their home organisation and those above it, due by
 * `today` and meant for their occupation, plus anything they read. Decided and audited as `member.view`, the
 * chat's rule; undefined for a member the person may not see (or none).
 */
export async function memberStudies(db: DbOrTx, staffId: number, memberId: number, today: string, now: Date): Promise<{ name: string; items: MemberStudy[] } | undefined> {
  if (!(await authorize(db, staffId, 'member.view', { kind: 'member', id: memberId }, now, { via: 'console', view: 'study' }))) return undefined;
  const [person] = await query<{ name: string }>(db, sql`
    select p.name from persons p join members m on m.person_id = p.id
    where p.id = ${memberId} and exists (${memberIdsBy(staffId, STANDINGS, sql`p.id`)})`);
  if (!person) return undefined;
  const items = await query<MemberStudy>(db, sql`
    select si.id as "itemId", si.title, si.category, si.publish_on::text as "publishOn", so.name as "orgName", sr.read_at as "readAt"
    from members m
    join organisations home on home.id = m.home_org_id
    join study_items si on true
    join organisations so on so.id = si.org_id and home.path like so.path || '%'
    left join study_reads sr on sr.item_id = si.id and sr.member_id = m.person_id
    where m.person_id = ${memberId}
      and (sr.member_id is not null or (si.retired_at is null and si.publish_on <= ${today}::date
           and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))))
    order by si.publish_on desc, si.id desc`);
  return { name: person.name, items };
}
