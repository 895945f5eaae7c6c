import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { MEMBER_STATUSES, type MemberStatus } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { localDay, monthPeriod } from '../../bot/period.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { query } from '../../db/query.js';
import { idOf, NO_SUCH_ID } from '../args.js';

/** Who a broadcast goes to. Every part narrows; an empty part does not filter. */
export interface AudienceFilter {
  orgId: number;
  statuses?: MemberStatus[];
  occupations?: string[];
  /** Region code prefixes ('4403') or words found in the roster's 外出地点 ('深圳'). */
  destinations?: string[];
  /** Has not made this month's report. */
  overdue?: boolean;
  /** Has not read a study item meant for them published in the last `studyDays` days. */
  didNotStudy?: boolean;
  studyDays?: number;
}

function conditions(f: AudienceFilter, now: Date, timezone: string): SQL[] {
  const parts: SQL[] = [sql`home.path like (select path from organisations where id = ${f.orgId}) || '%'`];
  if (f.statuses?.length) parts.push(sql`m.status in (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`);
  if (f.occupations?.length) parts.push(sql`m.occupation in (${sql.join(f.occupations.map((o) => sql`${o}`), sql`, `)})`);
  if (f.destinations?.length) {
    parts.push(sql`(${sql.join(f.destinations.map((d) => (/^\d{2,6}$/.test(d)
      ? sql`m.destination_region_code like ${`${d}%`}`
      : sql`mp.destination like ${`%${d}%`}`)), sql` or `)})`);
  }
  if (f.overdue) {
    parts.push(sql`not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${monthPeriod(now, timezone)})`);
  }
  if (f.didNotStudy) {
    const since = localDay(new Date(now.getTime() - (f.studyDays ?? 30) * 86_400_000), timezone);
    parts.push(sql`exists (
      select 1 from study_items si join organisations so on so.id = si.org_id
      where home.path like so.path || '%' and si.publish_on between ${since}::date and ${localDay(now, timezone)}::date
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
    left join member_profiles mp on mp.member_id = m.person_id
    where ${sql.join(conditions(f, now, timezone), sql` and `)}
    order by m.person_id`);
  return rows.map((r) => Number(r.id));
}

/** How many would receive it, and how many of them the bot can reach in a private chat today. */
export async function countAudience(db: DbOrTx, f: AudienceFilter, now: Date, timezone = 'Asia/Shanghai'): Promise<{ members: number; reachable: number }> {
  const ids = await audienceMembers(db, f, now, timezone);
  if (ids.length === 0) return { members: 0, reachable: 0 };
  const [row] = await query<{ n: number }>(db, sql`
    select count(distinct i.person_id)::int as n from identities i
    where i.person_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and i.unreachable_since is null`);
  return { members: ids.length, reachable: row?.n ?? 0 };
}

const STATUS_WORDS: Record<string, MemberStatus> = { 在家: 'resident', 流动: 'mobile', 返乡: 'returned', 下岗: 'laid_off', 失业: 'laid_off', 失联: 'lost_contact' };

/** '/audience 流动 职业=快递员 地点=4403 未报到 未学习 org=7' → a filter (org defaults to the caller's highest). */
export function parseAudience(arg: string): Omit<AudienceFilter, 'orgId'> & { orgId?: number } {
  const f: Omit<AudienceFilter, 'orgId'> & { orgId?: number } = {};
  for (const token of arg.trim().split(/\s+/).filter(Boolean)) {
    const [key, value = ''] = token.split(/[=＝:：]/, 2) as [string, string?];
    const list = value.split(/[,，、]/).filter(Boolean);
    if (token === '未报到' || token === 'overdue') f.overdue = true;
    else if (token === '未学习' || token === 'nostudy') f.didNotStudy = true;
    else if (STATUS_WORDS[token] || (MEMBER_STATUSES as readonly string[]).includes(token)) f.statuses = [...(f.statuses ?? []), STATUS_WORDS[token] ?? (token as MemberStatus)];
    else if (key === 'org' || key === '组织') f.orgId = idOf(value) ?? NO_SUCH_ID;
    else if (key === 'occupation' || key === '职业') f.occupations = list;
    else if (key === 'destination' || key === '地点' || key === '外出地点') f.destinations = list;
  }
  return f;
}

/** The count preview a secretary sees before sending. Queuing the broadcast itself is the broadcasts module's job. */
export async function audiencePreview(db: DbOrTx, staffId: number, arg: string, now: Date): Promise<Reply[]> {
  const parsed = parseAudience(arg);
  const orgId = parsed.orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (orgId === undefined || Number.isNaN(orgId)) return [reply('common-staff-only')];
  if (!(await authorize(db, staffId, 'broadcast.compose', { kind: 'org', id: orgId }, now, { filter: Object.keys(parsed) }))) return [reply('staff-org-out-of-scope')];
  const counts = await countAudience(db, { ...parsed, orgId }, now);
  return [reply('staff-audience-count', { args: counts })];
}
