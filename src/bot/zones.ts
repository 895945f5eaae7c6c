import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';

/**
 * One time zone in use, with its calendar at one instant. Members' periods are counted in their own time zone;
 * there are a handful of zones and a million members, so the calendar is computed once per zone, here, and
 * scans join members to these rows instead of converting a timestamp per member.
 */
export interface Zone {
  timezone: string;
  /** The month at that instant in that zone, '2026-11'. */
  period: string;
  /** The quarter, '2026-Q4'. */
  quarter: string;
  localDay: number;
  /** When that month and quarter began in that zone (instants). */
  monthStart: Date;
  quarterStart: Date;
}

/**
 * The time zones of everyone on record with their calendar at `now`. The distinct zones are found by skipping
 * through persons_timezone_idx (one probe per zone, not a scan of persons); the calendar arithmetic is
 * PostgreSQL's, the same that stamps reports.
 */
export async function zonesAt(db: DbOrTx, now: Date): Promise<Zone[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await query<{ timezone: string; period: string; quarter: string; localDay: number; monthStart: Date | string; quarterStart: Date | string }>(db, sql`
    with recursive tzs(tz) as (
      (select timezone from persons order by timezone limit 1)
      union all
      select (select p.timezone from persons p where p.timezone > tzs.tz order by p.timezone limit 1) from tzs where tzs.tz is not null)
    select tz as timezone,
      to_char(${at} at time zone tz, 'YYYY-MM') as period,
      to_char(${at} at time zone tz, 'YYYY') || '-Q' || to_char(${at} at time zone tz, 'Q') as quarter,
      extract(day from ${at} at time zone tz)::int as "localDay",
      date_trunc('month', ${at} at time zone tz) at time zone tz as "monthStart",
      date_trunc('quarter', ${at} at time zone tz) at time zone tz as "quarterStart"
    from tzs where tz is not null`);
  return rows.map((r) => ({ ...r, localDay: Number(r.localDay), monthStart: new Date(r.monthStart), quarterStart: new Date(r.quarterStart) }));
}

/** The zones as an inline table `zones(tz, period, quarter, local_day, month_start, quarter_start)` for a WITH clause. */
export function zonesTable(zones: Zone[]): SQL {
  const rows = zones.map(
    (z) => sql`(${z.timezone}::text, ${z.period}::text, ${z.quarter}::text, ${z.localDay}::int, ${z.monthStart.toISOString()}::timestamptz, ${z.quarterStart.toISOString()}::timestamptz)`,
  );
  return sql`zones (tz, period, quarter, local_day, month_start, quarter_start) as (values ${sql.join(rows, sql`, `)})`;
}

/** The earliest start of the current month among the zones: contacts before it count for no zone's month. */
export function earliestMonthStart(zones: Zone[]): Date {
  return new Date(Math.min(...zones.map((z) => z.monthStart.getTime())));
}
