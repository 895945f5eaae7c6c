import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { visibleMemberIds } from '../access/scope.js';
import { listPlan } from '../members/pageIds.js';
import { zonesAt, zonesTable } from '../../bot/zones.js';

/** A member of the caseload with something still to do. */
export interface CaseloadLine {
  memberId: number;
  name: string;
  overdue: boolean;
  notContactedThisMonth: boolean;
  notVisitedThisQuarter: boolean;
  lostContact: boolean;
  /** The numbers of the member's unfinished help requests, as `/hr 12` takes them. */
  helpIds: number[];
}

export interface Caseload {
  total: number;
  overdue: number;
  uncontacted: number;
  unvisited: number;
  lost: number;
  /** Members with a help request not yet confirmed. */
  help: number;
  /** Members with something to do, and the first MAX_LISTED of them by name. */
  todo: number;
  listed: CaseloadLine[];
  /** The first MAX_BUTTONS not contacted this month or lost, by name: a tap logs a call. */
  callable: { memberId: number; name: string }[];
}

/** A chat message is no place for a county's roster: the list is cut, the counts are not. */
export const MAX_LISTED = 50;
const MAX_BUTTONS = 5;

/**
 * Above this many members in scope (a county), the scope is written to a temporary table and analysed first, so that
 * the planner knows its size: the visibility rule's union is estimated at ~10,000 rows whatever the scope, and a
 * million members were then joined by index probes, one each into members, persons and reports (a county admin's
 * /caseload 12.5-13 s at 1,000,000; with the table 5-6.5 s, bench/README). Below it, probing is what is fast (a
 * township's 50,000: 0.8 s either way; a branch's thousand in tens of ms).
 */
export const LARGE_SCOPE = 100_000;

/**
 * 一月一访: for each member in the caseload, what is still to do this month and quarter (in the member's own
 * timezone), counted in SQL. The database sends the counts and the few lines a message shows, not a row per
 * member: a county admin's caseload is a million members (read into JS it took ~60 s and passed PostgreSQL's
 * 65,535 parameters). `largeAbove`: where the plan for a large scope starts (tests run both on one seed).
 */
export async function caseload(db: DbOrTx, staffId: number, now: Date, largeAbove = LARGE_SCOPE): Promise<Caseload> {
  const since = new Date(now.getTime() - 100 * 86_400_000).toISOString();
  const large = (await listPlan(db, staffId, largeAbove)) === 'order-first';
  const count = async (tx: DbOrTx) => {
    const v = large ? await largeScope(tx, staffId, now) : smallScope(staffId, now);
    return query<Omit<Caseload, 'listed' | 'callable'> & { listed: Row[] | string; callable: { memberId: number; name: string }[] | string }>(tx, sql`
    ${v},
    f as materialized (
      select v.person_id, v.name, v.status = 'lost_contact' as lost, r.member_id is null as overdue,
        coalesce(not c.contacted, true) as uncontacted, coalesce(not c.visited, true) as unvisited, h.ids as help
      from v
      ${large
        ? sql`left join (select r.member_id, r.period from reports r where r.kind = 'monthly' and r.period in (select distinct month from v)
                         and r.submitted_at >= ${since}::timestamptz) r on r.member_id = v.person_id and r.period = v.month`
        // LIMIT 1 keeps this a per-member index probe (as myMembers does): joined plainly, a branch's thousand members hashed every report.
        : sql`left join lateral (select r.member_id from reports r where r.member_id = v.person_id and r.kind = 'monthly' and r.period = v.month
                         and r.submitted_at >= ${since}::timestamptz limit 1) r on true`}
      left join (
        select c.member_id, bool_or(to_char(c.at at time zone v.timezone, 'YYYY-MM') = v.month) as contacted,
          bool_or(c.kind = 'visit' and to_char(c.at at time zone v.timezone, 'YYYY-"Q"Q') = v.quarter) as visited
        from tracking_entries c join v on v.person_id = c.member_id
        where c.kind in ('call', 'message', 'visit') and c.at >= ${since}::timestamptz group by c.member_id) c on c.member_id = v.person_id
      left join (
        select h.member_id, array_agg(h.id order by h.id) as ids from help_requests h
        where h.status <> 'confirmed'${large ? sql`` : sql` and h.member_id in (select person_id from v)`} group by h.member_id) h on h.member_id = v.person_id)
    select count(*)::int as total, (count(*) filter (where overdue))::int as overdue, (count(*) filter (where uncontacted))::int as uncontacted,
      (count(*) filter (where unvisited))::int as unvisited, (count(*) filter (where lost))::int as lost,
      (count(*) filter (where help is not null))::int as help,
      (count(*) filter (where lost or overdue or uncontacted or unvisited or help is not null))::int as todo,
      (select coalesce(json_agg(l order by l.name, l.id), '[]') from (
        select person_id as id, name, overdue, uncontacted, unvisited, lost, coalesce(help, '{}') as help from f
        where lost or overdue or uncontacted or unvisited or help is not null order by name, person_id limit ${MAX_LISTED}) l) as listed,
      (select coalesce(json_agg(json_build_object('memberId', c.person_id, 'name', c.name) order by c.name, c.person_id), '[]') from (
        select person_id, name from f where uncontacted or lost order by name, person_id limit ${MAX_BUTTONS}) c) as callable
    from f`);
  };
  // The scope's table lives until the end of the transaction: one of its own when the caller has none.
  const [row] = large ? await db.transaction((tx) => count(tx)) : await count(db);
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return {
    total: row!.total, overdue: row!.overdue, uncontacted: row!.uncontacted, unvisited: row!.unvisited, lost: row!.lost, help: row!.help, todo: row!.todo,
    listed: json(row!.listed).map((l) => ({
      memberId: l.id, name: l.name, overdue: l.overdue, notContactedThisMonth: l.uncontacted, notVisitedThisQuarter: l.unvisited,
      lostContact: l.lost, helpIds: l.help.map(Number),
    })),
    callable: json(row!.callable),
  };
}

/** The members in scope with their own month and quarter, by the rule asked as a set (`with v as …`). */
function smallScope(staffId: number, now: Date): SQL {
  const at = now.toISOString();
  return sql`with v as materialized (
      select m.person_id, p.name, m.status, p.timezone,
        to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') as month,
        to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-"Q"Q') as quarter
      from (${visibleMemberIds(staffId)}) ids (member_id)
      join members m on m.person_id = ids.member_id
      join persons p on p.id = m.person_id)`;
}

/** The same from a table of the scope, analysed, each time zone's month and quarter computed once (`zones`). */
async function largeScope(tx: DbOrTx, staffId: number, now: Date): Promise<SQL> {
  await tx.execute(sql`drop table if exists caseload_scope`);
  await tx.execute(sql`create temporary table caseload_scope (member_id) on commit drop as ${visibleMemberIds(staffId)}`);
  await tx.execute(sql`analyze caseload_scope`);
  const zones = await zonesAt(tx, now);
  return sql`with ${zonesTable(zones)},
    v as materialized (
      select m.person_id, p.name, m.status, p.timezone,
        -- A time zone first written since the zones were read is converted here.
        coalesce(z.period, to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM')) as month,
        coalesce(z.quarter, to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-"Q"Q')) as quarter
      from caseload_scope ids
      join members m on m.person_id = ids.member_id
      join persons p on p.id = m.person_id
      left join zones z on z.tz = p.timezone)`;
}

interface Row { id: number; name: string; overdue: boolean; uncontacted: boolean; unvisited: boolean; lost: boolean; help: number[] }

/** The caseload as one message: counts first, then the members with something to do (the first MAX_LISTED). */
export async function caseloadReply(db: DbOrTx, staffId: number, now: Date, lang: Language, largeAbove = LARGE_SCOPE): Promise<Reply[]> {
  const c = await caseload(db, staffId, now, largeAbove);
  if (c.total === 0) return [reply('staff-no-members')];
  const flag = (on: boolean, mark: string) => (on ? mark : '');
  const lines = c.listed
    .map((l) => `${l.name} ${[flag(l.lostContact, '❗'), flag(l.overdue, '✗'), flag(l.notContactedThisMonth, '☎'), flag(l.notVisitedThisQuarter, '🏠'), flag(l.helpIds.length > 0, `🆘${l.helpIds.join(',')}`)].join('')}`);
  if (c.todo > c.listed.length) lines.push(t(lang, 'staff-list-more', { count: c.todo - c.listed.length }));
  const buttons = c.callable.map((l) => [button('staff-button-log-call-for', `contact:call:${l.memberId}`, { name: l.name }), button('staff-button-log-visit-for', `contact:visit:${l.memberId}`, { name: l.name })]);
  // The requests behind the 🆘 numbers are one tap away.
  if (c.help > 0) buttons.push([button('staff-button-help-list', 'hr:list')]);
  return [reply('staff-caseload', {
    args: { total: c.total, overdue: c.overdue, uncontacted: c.uncontacted, unvisited: c.unvisited, lost: c.lost, help: c.help, lines: lines.join('\n') || '-' },
    buttons,
  })];
}
