import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { OPEN_HELP_STATUSES } from '../../bot/facts.js';
import { localDate, monthPeriod } from '../../bot/period.js';
import { zonesAt, zonesTable, type Zone } from '../../bot/zones.js';
import { DESTINATION_ANY, FOUND_ENTRIES, LOST_ENTRIES, MONTHS_KEPT_BEHIND, PREVIOUS_MONTH_DAYS, PREVIOUS_MONTH_EVERY_MINUTES, PROBATION_DUE_DAYS, TREND_MEASURES, UNREPORTED_BY_LIAISON } from './measures.js';

export interface RollupSettings {
  /** The clock the months of the figures follow (DEFAULT_TIMEZONE); each member's own month decides for them. */
  timezone: string;
  /** REPORT_DUE_DAY: a monthly report not in by then is overdue. */
  reportDueDay: number;
}

export interface RefreshOutcome {
  /** Months computed, newest first. */
  periods: string[];
  /** Earlier months that had never been computed (the job's first run, or after it was stopped for a month), newest first. */
  filledIn: string[];
  /** Rows dropped: months older than the trend, and what the trend does not read of months no longer recomputed. */
  pruned: number;
  rows: number;
  members: number;
}

/**
 * Computes the figures of the current month (and hourly of the previous one for its first days, while late
 * reports come in) for every organisation, replacing what was there, in one transaction per month: readers see the
 * old figures or the new, never half. The work is one pass over members (hash joins with that month's reports
 * and contacts, each member's calendar from the handful of zones in use), grouped by home and inflow
 * organisation, then spread up the tree by the ids in each organisation's path. The months of the dashboard's
 * trend that no run computed are filled in once, the same way.
 */
export async function refreshRollups(db: DbOrTx, now: Date, settings: RollupSettings): Promise<RefreshOutcome> {
  const current = monthPeriod(now, settings.timezone);
  const previous = localDate(now, settings.timezone).day <= PREVIOUS_MONTH_DAYS ? previousPeriod(current) : undefined;
  const periods = previous !== undefined && (await dueAgain(db, previous, now)) ? [current, previous] : [current];
  const zones = await zonesAt(db, now);
  let rows = 0;
  let members = 0;
  const compute = async (period: string, filledIn: boolean) => {
    const outcome = await computeMonth(db, period, zones, now, settings, filledIn);
    rows += outcome.rows;
    members = Math.max(members, outcome.members);
  };
  for (const period of periods) await compute(period, false);
  const behind = monthsBehind(current);
  const filledIn = await neverComputed(db, behind);
  for (const period of filledIn) await compute(period, true);
  // The previous month keeps everything while it is still recomputed, in the runs that leave it out too.
  const pruned = await keepWhatIsRead(db, previous ?? current, behind.at(-1)!);
  return { periods, filledIn, rows, members, pruned };
}

/**
 * The previous month is recomputed when no run has, or the last one is PREVIOUS_MONTH_EVERY_MINUTES old (or dated
 * after now: a clock put back).
 */
async function dueAgain(db: DbOrTx, period: string, now: Date): Promise<boolean> {
  const [run] = await query<{ due: boolean }>(db, sql`
    select computed_at <= ${now.toISOString()}::timestamptz - make_interval(mins => ${PREVIOUS_MONTH_EVERY_MINUTES})
           or computed_at > ${now.toISOString()}::timestamptz as due
    from rollup_runs where period = ${period}`);
  return run?.due ?? true;
}

/** The trend's months before `current`, newest first. */
function monthsBehind(current: string): string[] {
  const behind: string[] = [];
  for (let p = previousPeriod(current); behind.length < MONTHS_KEPT_BEHIND; p = previousPeriod(p)) behind.push(p);
  return behind;
}

/**
 * A month no longer recomputed keeps only what the trend reads of it, and a month older than the trend goes: the
 * table stays the size of this month and the trend's few rows, not a million members' month after month. (The
 * figures are counted from the records, which stay; a month gone is counted live if ever asked for.)
 */
async function keepWhatIsRead(db: DbOrTx, recomputedFrom: string, oldestKept: string): Promise<number> {
  const [old] = await query<{ n: number }>(db, sql`with gone as (delete from org_rollups where period < ${oldestKept} returning 1) select count(*)::int as n from gone`);
  await db.execute(sql`delete from rollup_runs where period < ${oldestKept}`);
  const [past] = await query<{ n: number }>(db, sql`
    with gone as (delete from org_rollups where period < ${recomputedFrom} and measure not in ${[...TREND_MEASURES]} returning 1) select count(*)::int as n from gone`);
  return Number(old?.n ?? 0) + Number(past?.n ?? 0);
}

/**
 * The months of the dashboard's trend before this one that no run has computed: without them its charts count a
 * county's year live (1.4 s a look at a million members) until the job has run for eleven months.
 */
async function neverComputed(db: DbOrTx, behind: string[]): Promise<string[]> {
  const done = new Set((await query<{ period: string }>(db, sql`select period from rollup_runs where period in ${behind}`)).map((r) => r.period));
  return behind.filter((p) => !done.has(p));
}

/** One month replaced in one transaction: readers see the old figures or the new, never half. */
async function computeMonth(db: DbOrTx, period: string, zones: Zone[], now: Date, settings: RollupSettings, filledIn: boolean): Promise<{ rows: number; members: number }> {
  const started = performance.now();
  const outcome = await db.transaction(async (tx) => {
    // A batch over every member: room to hash in memory, and no JIT compiling (it cost more than it saved).
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`delete from org_rollups where period = ${period}`);
    if (zones.length === 0 && !filledIn) return { rows: 0, members: 0 };
    const statement = filledIn ? filledInStatement(period, settings) : computeStatement(period, zones, now, settings);
    const inserted = await query<{ n: number }>(tx, statement);
    const [counted] = await query<{ n: number }>(tx, sql`select count(*)::int as n from members`);
    return { rows: inserted.length, members: counted?.n ?? 0 };
  });
  await db.execute(sql`
    insert into rollup_runs (period, computed_at, took_ms, members) values (${period}, ${now.toISOString()}::timestamptz, ${Math.round(performance.now() - started)}, ${outcome.members})
    on conflict (period) do update set computed_at = excluded.computed_at, took_ms = excluded.took_ms, members = excluded.members`);
  return outcome;
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function quarterOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** Per member: the flags of the month, each in the member's own calendar (zones), with that month's reports and contacts hashed. */
function memberFlags(period: string, now: Date, settings: RollupSettings): SQL {
  const dueBy = new Date(now.getTime() + PROBATION_DUE_DAYS * 86_400_000).toISOString().slice(0, 10);
  // Only members with entries look into them (most have none): a CASE, so the array is not unnested for everyone.
  const inOwnMonth = (list: string) =>
    sql`case when ${sql.raw(list)}.ats is null then false else (select bool_or(a >= z.p_start and a < z.p_end) from unnest(${sql.raw(list)}.ats) a) end`;
  return sql`
    select m.home_org_id as home, m.inflow_org_id as inflow, m.status, m.probationary,
      (m.probationary and m.probation_ends_on <= ${dueBy}::date) as probation_due,
      case when m.status = 'mobile' then coalesce(left(m.destination_region_code, 2) || '0000', '') end as province,
      left(m.destination_region_code, 2) || '0000' as place, la.liaison_id as liaison,
      r.member_id is not null as reported,
      (r.member_id is not null and not r.late) as on_time,
      t.member_id is not null as thought,
      (z.period > ${period} or (z.period = ${period} and z.local_day > ${settings.reportDueDay}::int)) as past_due,
      ${inOwnMonth('c')} as contacted,
      ${inOwnMonth('f')} as found
    from members m
    join persons p on p.id = m.person_id
    join zp z on z.tz = p.timezone
    left join reports r on r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period}
    left join reports t on t.member_id = m.person_id and t.kind = 'thought' and t.period = ${quarterOf(period)}
    left join contacts c on c.member_id = m.person_id
    left join found f on f.member_id = m.person_id
    left join liaison_assignments la on la.member_id = m.person_id`;
}

/** Member counts per (home, inflow) organisation pair, one row per measure; destinations by province. */
const GROUPED = sql`
  grouped as (
    select home, inflow, province, place, liaison, grouping(province, place, liaison) as gs, count(*)::int as members,
      count(*) filter (where status = 'mobile')::int as mobile, count(*) filter (where status = 'laid_off')::int as laid_off,
      count(*) filter (where status = 'lost_contact')::int as lost_contact, count(*) filter (where probationary)::int as probationary,
      count(*) filter (where probation_due)::int as probation_due, count(*) filter (where reported)::int as reported,
      count(*) filter (where on_time)::int as reported_on_time, count(*) filter (where not reported and past_due)::int as overdue,
      count(*) filter (where not contacted)::int as not_contacted, count(*) filter (where thought)::int as thought_reported,
      count(*) filter (where found)::int as found_again,
      count(*) filter (where not reported and status <> 'lost_contact')::int as unreported
    from flags group by grouping sets ((home, inflow), (home, inflow, province), (home, inflow, place), (home, inflow, liaison))),
  counted as (
    select g.home, g.inflow, v.measure, ''::text as key, v.n
    from grouped g cross join lateral (values ('members', g.members), ('mobile', g.mobile), ('laid_off', g.laid_off),
      ('lost_contact', g.lost_contact), ('probationary', g.probationary), ('probation_due', g.probation_due), ('reported', g.reported),
      ('reported_on_time', g.reported_on_time), ('overdue', g.overdue), ('not_contacted', g.not_contacted),
      ('thought_reported', g.thought_reported), ('found_again', g.found_again)) v(measure, n)
    where g.gs = 7 and v.n > 0
    union all
    select home, inflow, 'destination', province, members from grouped where gs = 3 and province is not null
    union all
    select home, inflow, ${DESTINATION_ANY}, place, members from grouped where gs = 5 and place is not null
    union all
    select home, inflow, ${UNREPORTED_BY_LIAISON}, coalesce(liaison::text, ''), unreported from grouped where gs = 6 and unreported > 0
    union all
    select home, inflow, 'help_open', key, n from help
    union all
    select home, inflow, measure, '', n from changes)`;

function helpCounts(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`
    help as (
      select m.home_org_id as home, m.inflow_org_id as inflow,
        h.category || ':' || case when h.created_at > ${at} - interval '3 days' then '0-2d' when h.created_at > ${at} - interval '8 days' then '3-7d'
                                  when h.created_at > ${at} - interval '31 days' then '8-30d' else '31d+' end as key,
        count(*)::int as n
      from help_requests h join members m on m.person_id = h.member_id
      where h.status in ${[...OPEN_HELP_STATUSES]}
      group by 1, 2, 3)`;
}

/** The dashboard's 失联 and 找回 of the month: status changes on the tracking cards dated in it on the rollup's clock. */
function statusChanges(period: string, timezone: string): SQL {
  return sql`
    changes as (
      select m.home_org_id as home, m.inflow_org_id as inflow, v.measure, count(*)::int as n
      from tracking_entries te join members m on m.person_id = te.member_id
        cross join lateral (values (${LOST_ENTRIES}, te.details->>'to' = 'lost_contact'), (${FOUND_ENTRIES}, te.details->>'found' = 'true')) v(measure, hit)
      where te.kind = 'status_change' and v.hit
        and te.at >= (${period} || '-01')::timestamp at time zone ${timezone}
        and te.at < ((${period} || '-01')::timestamp + interval '1 month') at time zone ${timezone}
      group by 1, 2, 3)`;
}

/** Each pair's counts added to every organisation on its home branch's path (own and subtree), and attached ones from outside. */
const SPREAD = sql`
  paths as (select id, string_to_array(trim(both '/' from path), '/')::int[] as anc from organisations),
  spread as (
    select c.home as org_id, c.measure, c.key, c.n as own, 0 as subtree, 0 as attached from counted c
    union all
    select a.org_id, c.measure, c.key, 0, c.n, 0 from counted c join paths hp on hp.id = c.home cross join unnest(hp.anc) a(org_id)
    union all
    select a.org_id, c.measure, c.key, 0, 0, c.n
    from counted c join paths ip on ip.id = c.inflow join paths hp on hp.id = c.home cross join unnest(ip.anc) a(org_id)
    where not (a.org_id = any(hp.anc)))`;

function computeStatement(period: string, zones: Zone[], now: Date, settings: RollupSettings): SQL {
  // Each member's entries of the months in use, gathered once; which fall in the member's own month is decided per member.
  const entries = (kind: SQL) => sql`
      select te.member_id, array_agg(te.at) as ats from tracking_entries te
      where ${kind} and te.at >= (select min(p_start) from zp) and te.at < (select max(p_end) from zp) group by te.member_id`;
  return sql`
    with ${zonesTable(zones)},
    zp as (
      select z.tz, z.period, z.local_day,
        (${period} || '-01')::timestamp at time zone z.tz as p_start,
        ((${period} || '-01')::timestamp + interval '1 month') at time zone z.tz as p_end
      from zones z),
    contacts as (${entries(sql`te.kind in ('call', 'message', 'visit')`)}),
    found as (${entries(sql`te.kind = 'status_change' and te.details->>'found' = 'true'`)}),
    flags as (${memberFlags(period, now, settings)}),
    ${helpCounts(now)},
    ${statusChanges(period, settings.timezone)},
    ${GROUPED},
    ${SPREAD}
    ${insertSpread(period)}`;
}

/** The spread counts stored as the month's rows. */
function insertSpread(period: string): SQL {
  return sql`
    insert into org_rollups (period, org_id, measure, key, own, subtree, attached)
    select ${period}, s.org_id, s.measure, s.key, sum(s.own)::int, sum(s.subtree)::int, sum(s.attached)::int
    from spread s where exists (select 1 from organisations o where o.id = s.org_id)
    group by s.org_id, s.measure, s.key
    returning 1 as n`;
}

/**
 * A month of the trend filled in after it ended: only what the dashboard's trend reads of it, as its live reads count
 * it — members on the roll by the month's end (by when they were added), the month's reports, its 失联 and 找回. The
 * rest (statuses, destinations, help) describes the present, which an old month's figures cannot: left out.
 */
function filledInStatement(period: string, settings: RollupSettings): SQL {
  return sql`
    with ${statusChanges(period, settings.timezone)},
    counted as (
      select m.home_org_id as home, m.inflow_org_id as inflow, v.measure, ''::text as key, count(*)::int as n
      from members m
        left join reports r on r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period}
        cross join lateral (values ('members', m.created_at < ((${period} || '-01')::timestamp + interval '1 month') at time zone ${settings.timezone}),
          ('reported', r.member_id is not null)) v(measure, hit)
      where v.hit
      group by 1, 2, 3
      union all
      select home, inflow, measure, '', n from changes),
    ${SPREAD}
    ${insertSpread(period)}`;
}
