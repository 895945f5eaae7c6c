import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { query } from '../../db/query.js';
import { visibleMemberIds } from '../access/scope.js';

/** A chat message is no place for a county's roster: the list is cut, the counts are not. */
export const MAX_LISTED = 50;

/**
 * "My members, and who has not reported this month" — this month as each member's own calendar has it. Counted in
 * SQL, as caseload() does: the database sends two counts and the first MAX_LISTED names, not a row per member (a
 * county admin sees a million, each of them read into JS before).
 */
export async function myMembers(db: DbOrTx, staffId: number, now: Date, lang: Language): Promise<Reply[]> {
  const [row] = await query<{ total: number; overdue: number; listed: { name: string; reported: boolean }[] | string }>(db, sql`
    with v as materialized (
      select ids.member_id as person_id, p.name,
        -- LIMIT 1 keeps this a per-member index probe; as a plain EXISTS the planner hashes every report.
        (select true from reports r where r.member_id = ids.member_id and r.kind = 'monthly'
           and r.period = to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM') limit 1) is not null as reported
      -- The ids are members' already (each standing reads members, or an assignment that references one): joined to
      -- members again, a county hashed a million rows and a branch read all of members. In id order, the probes below
      -- walk persons and reports in their order: unsorted, a county's million probes took three times as long.
      from (select member_id from (${visibleMemberIds(staffId)}) ids (member_id) order by member_id) ids
      -- OFFSET 0 keeps this a per-member index probe too: the planner guesses every scope at ~10,000 members and
      -- joined a branch's thousand by reading all of persons (100 ms).
      cross join lateral (select p.name, p.timezone from persons p where p.id = ids.member_id offset 0) p)
    select count(*)::int as total, (count(*) filter (where not reported))::int as overdue,
      (select coalesce(json_agg(json_build_object('name', l.name, 'reported', l.reported) order by l.name, l.person_id), '[]') from (
        select person_id, name, reported from v order by name, person_id limit ${MAX_LISTED}) l) as listed
    from v`);
  if (!row || row.total === 0) return [reply('staff-no-members')];
  const listed = typeof row.listed === 'string' ? (JSON.parse(row.listed) as { name: string; reported: boolean }[]) : row.listed;
  const lines = listed.map((m) => `${m.reported ? '✓' : '✗'} ${m.name}`);
  // The rest is said as /caseload says it (staff-list-more), in the reader's language.
  if (row.total > listed.length) lines.push(t(lang, 'staff-list-more', { count: row.total - listed.length }));
  return [reply('staff-members', { args: { total: row.total, overdue: row.overdue, lines: lines.join('\n') } })];
}
