import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../../bot/flow.js';
import { localDay, monthPeriod } from '../../bot/period.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { query } from '../../db/query.js';
import { parseAudience, type AudienceFilter, type TypedFilter } from './filter.js';
import { subtreePattern } from '../subtree.js';

export type { AudienceFilter } from './filter.js';

function conditions(f: AudienceFilter, now: Date, timezone: string, prefix: string): SQL[] {
  const parts: SQL[] = [sql`home.path like ${prefix}`];
  if (f.statuses?.length) parts.push(sql`m.status in (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (f.occupations?.length) parts.push(sql`m.occupation in (${sql.join(f.occupations.map((o) => sql`${o}`), sql`, `)})`);
  if (f.probationary === true) parts.push(sql`m.probationary`);
  if (f.probationary === false) parts.push(sql`not m.probationary`);
  if (f.excluded?.length) parts.push(sql`p.name not in (${sql.join(f.excluded.map((n) => sql`${n}`), sql`, `)})`);
  if (f.destinations?.length) {
    // The place registered at departure, the roster's words for it, or where the member last said they are.
    parts.push(sql`(${sql.join(f.destinations.map((d) => (/^\d{2,6}$/.test(d)
      ? sql`(m.destination_region_code like ${`${d}%`} or (select lr.region_code from location_records lr where lr.member_id = m.person_id order by lr.recorded_at desc limit 1) like ${`${d}%`})`
      : sql`mp.destination like ${`%${d}%`}`)), sql` or `)})`);
  }
  if (f.overdue) {
    parts.push(sql`not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${monthPeriod(now, timezone)})`);
  }
  if (f.didNotStudy) {
    const since = localDay(new Date(now.getTime() - (f.studyDays ?? 30) * 86_400_000), timezone);
    parts.push(sql`exists (
      select 1 from study_items si join organisations so on so.id = si.org_id
      where home.path like so.path || '%' and si.retired_at is null and si.publish_on between ${since}::date and ${localDay(now, timezone)}::date
        and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
        and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id))`);
  }
  return parts;
}

/** The member ids a filter selects, in id order. */
export async function audienceMembers(db: DbOrTx, f: AudienceFilter, now: Date, timezone = 'Asia/Shanghai'): Promise<number[]> {
  const rows = await query<{ id: number }>(db, sql`
    select m.person_id as id from members m
    join organisations home on home.id = m.home_org_id
    join persons p on p.id = m.person_id
    left join member_profiles mp on mp.member_id = m.person_id
    where ${sql.join(conditions(f, now, timezone, await subtreePattern(db, f.orgId)), sql` and `)}
    order by m.person_id`);
  return rows.map((r) => Number(r.id));
}

/** How many would receive it, and how many of them the bot can reach in a private chat today: one query, no id list. */
export async function countAudience(db: DbOrTx, f: AudienceFilter, now: Date, timezone = 'Asia/Shanghai'): Promise<{ members: number; reachable: number }> {
  const [row] = await query<{ members: number; reachable: number }>(db, sql`
    select count(*)::int as members,
      count(r.person_id)::int as reachable
    from members m
    join organisations home on home.id = m.home_org_id
    join persons p on p.id = m.person_id
    left join member_profiles mp on mp.member_id = m.person_id
    left join (select distinct person_id from identities where unreachable_since is null) r on r.person_id = m.person_id
    where ${sql.join(conditions(f, now, timezone, await subtreePattern(db, f.orgId)), sql` and `)}`);
  return { members: Number(row?.members ?? 0), reachable: Number(row?.reachable ?? 0) };
}

/** Names given to 排除= that are nobody in the organisation's subtree: said back, so a typo is not silently ignored. */
async function unknownExclusions(db: DbOrTx, orgId: number, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await query<{ name: string }>(db, sql`
    select distinct p.name from members m join persons p on p.id = m.person_id join organisations home on home.id = m.home_org_id
    where home.path like (select path from organisations where id = ${orgId}) || '%' and p.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`);
  return names.filter((n) => !found.some((f) => f.name === n));
}

export type Target = { ok: true; orgId: number; filter: AudienceFilter; urgent: boolean } | { ok: false; replies: Reply[] };

/**
 * A typed filter, checked: every word understood, the organisation in the person's scope (audited), every
 * excluded name someone there, and 紧急 only from an organisation admin.
 */
export async function audienceTarget(db: DbOrTx, staffId: number, arg: string, now: Date): Promise<Target> {
  const parsed = parseAudience(arg);
  if (!parsed.ok) return parsed;
  return checkedTarget(db, staffId, parsed.filter, now);
}

/**
 * The same checks on a filter built another way (the console's form, a scheduled notice when its time comes):
 * scope (audited, `details` added to the entry), excluded names, 紧急 for admins only.
 */
export async function checkedTarget(db: DbOrTx, staffId: number, filter: TypedFilter, now: Date, details: Record<string, unknown> = {}): Promise<Target> {
  const { urgent = false, ...typed } = filter;
  const orgId = typed.orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (orgId === undefined) return { ok: false, replies: [reply('staff-managers-only')] };
  if (!(await authorize(db, staffId, 'broadcast.compose', { kind: 'org', id: orgId }, now, { filter: Object.keys(filter), ...details }))) return { ok: false, replies: [reply('staff-org-out-of-scope')] };
  if (urgent && !(await authorize(db, staffId, 'broadcast.urgent', { kind: 'org', id: orgId }, now, details))) return { ok: false, replies: [reply('broadcast-urgent-admins-only')] };
  const missing = await unknownExclusions(db, orgId, typed.excluded ?? []);
  if (missing.length) return { ok: false, replies: [reply('audience-unknown-exclusion', { args: { names: missing.join('、') } })] };
  return { ok: true, orgId, filter: { ...typed, orgId }, urgent };
}

/** A few names of the audience, in name order, for the composer's preview (not audited: nothing is sent). */
export async function audienceSample(db: DbOrTx, f: AudienceFilter, now: Date, limit = 10, timezone = 'Asia/Shanghai'): Promise<string[]> {
  const rows = await query<{ name: string }>(db, sql`
    select p.name from members m
    join organisations home on home.id = m.home_org_id
    join persons p on p.id = m.person_id
    left join member_profiles mp on mp.member_id = m.person_id
    where ${sql.join(conditions(f, now, timezone, await subtreePattern(db, f.orgId)), sql` and `)}
    order by p.name_initials collate "C", p.name collate "C", m.person_id limit ${limit}`);
  return rows.map((r) => r.name);
}

/** The excluded names that are nobody in the organisation's subtree, for the composer to say back. */
export { unknownExclusions };

/** The count preview a secretary sees before sending. Queuing the broadcast itself is the broadcasts module's job. */
export async function audiencePreview(db: DbOrTx, staffId: number, arg: string, now: Date): Promise<Reply[]> {
  const target = await audienceTarget(db, staffId, arg, now);
  if (!target.ok) return target.replies;
  const counts = await countAudience(db, target.filter, now);
  return [reply('staff-audience-count', { args: counts })];
}
