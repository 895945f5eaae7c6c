import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { earliestMonthStart, zonesAt, zonesTable } from '../bot/zones.js';

export interface OverdueMember {
  memberId: number;
  name: string;
  timezone: string;
  orgPath: string;
  liaisonId: number | null;
  liaisonName: string | null;
  /** This month and today, in the member's own calendar. */
  period: string;
  localDay: number;
}

/** A member whose next look has come: overdue this month, or not (reported, called, lost), to be looked at later. */
export interface ChaseLook extends OverdueMember {
  /**
   * Neither reported this month nor contacted by their liaison this month, each month counted in the member's own
   * time zone, and not lost contact (lost-contact members are the search campaign's, not the reminders').
   */
  overdue: boolean;
  /** The look row's version when read: the job's next look is written only if nothing moved it since. */
  version: number;
}

/**
 * The members whose next look has come (report_chases.next_look_at ≤ now), with whether each is overdue.
 *
 * Built so an hour's run costs what the hour changes, not the member count: the look rows are an index range,
 * kept by the job (the next stage's day) and by the database (a monthly report moves the look to the next
 * month's reminder day; a new member, or a change of status, branch, time zone, linked account or cycle days,
 * makes it due now). The calendar is computed once per time zone in use (bot/zones.ts); near the turn of a month
 * the zones disagree on the month, and each member's own zone decides. `page` reads them in member order, a page
 * at a time (a first run after an upgrade finds every member's look due).
 */
export async function dueChaseLooks(db: DbOrTx, now: Date, page?: { afterMemberId: number; limit: number }): Promise<ChaseLook[]> {
  const zones = await zonesAt(db, now);
  if (zones.length === 0) return [];
  return await query<ChaseLook>(db, sql`
      with ${zonesTable(zones)},
      due as materialized (
        select member_id, version from report_chases where next_look_at <= ${now.toISOString()}::timestamptz
        ${page ? sql`and member_id > ${page.afterMemberId} order by member_id limit ${page.limit}` : sql``})
      select d.member_id as "memberId", p.name, p.timezone, o.path as "orgPath", la.liaison_id as "liaisonId", lp.name as "liaisonName",
             z.period, z.local_day as "localDay", d.version,
             (m.status <> 'lost_contact'
              and not exists (select 1 from reports r where r.member_id = d.member_id and r.kind = 'monthly' and r.period = z.period)
              and not exists (select 1 from tracking_entries te where te.member_id = d.member_id and te.kind in ('call', 'message', 'visit')
                                and te.at >= z.month_start and te.at >= ${earliestMonthStart(zones).toISOString()}::timestamptz)) as overdue
      from due d
      join members m on m.person_id = d.member_id
      join persons p on p.id = d.member_id
      join zones z on z.tz = p.timezone
      join organisations o on o.id = m.home_org_id
      left join liaison_assignments la on la.member_id = d.member_id
      left join persons lp on lp.id = la.liaison_id
      order by d.member_id`);
}

/**
 * When to look at a member next: the local midnight of a day of a month in their zone (the month the look belongs
 * to), or a given instant.
 */
export type NextLook =
  | { memberId: number; version: number; timezone: string; period: string; reminderDay: number; lookDay: number }
  | { memberId: number; version: number; at: Date };

/** Batches of looks written per statement: a first run after a deploy writes one per member. */
const LOOK_BATCH = 20_000;
/** Looks stored in one run past which the table's statistics are refreshed. */
const ANALYZE_AFTER = 10_000;

/**
 * Stores the next looks, skipping a row whose version moved since it was read (a report or a change came in
 * meanwhile: what the database wrote then stands), and a row someone holds: waiting for it while holding the rows
 * already taken could deadlock with a turn or a cycle change (migration 0033), and the holder moves its version
 * anyway; it stays due for the next run. Returns how many were stored.
 */
export async function storeNextLooks(db: DbOrTx, looks: readonly NextLook[]): Promise<number> {
  let stored = 0;
  for (let i = 0; i < looks.length; i += LOOK_BATCH) {
    const batch = looks.slice(i, i + LOOK_BATCH).map((l) =>
      'at' in l
        ? { id: l.memberId, v: l.version, at: l.at.toISOString() }
        : { id: l.memberId, v: l.version, tz: l.timezone, p: l.period, rd: l.reminderDay, ld: l.lookDay },
    );
    const rows = await query<{ n: number }>(db, sql`
      with v as (select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(id int, v int, at timestamptz, tz text, p text, rd int, ld int)),
      free as materialized (select c.member_id from report_chases c join v on c.member_id = v.id and c.version = v.v for no key update of c skip locked),
      stored as (
        update report_chases c
        set period = coalesce(v.p, c.period), reminder_day = coalesce(v.rd, c.reminder_day),
            next_look_at = coalesce(v.at, (to_date(v.p || '-01', 'YYYY-MM-DD') + (v.ld - 1))::timestamp at time zone v.tz)
        from v join free on free.member_id = v.id where c.member_id = v.id and c.version = v.v
        returning 1)
      select count(*)::int as n from stored`);
    stored += Number(rows[0]?.n ?? 0);
  }
  return stored;
}

/**
 * After a run that moved many looks at once (a first run), the planner would still think every look has come and
 * hash whole tables: its statistics are refreshed. PGlite has no autovacuum to notice.
 */
export async function afterLooksStored(db: DbOrTx, stored: number): Promise<void> {
  if (stored >= ANALYZE_AFTER) await db.execute(sql`analyze report_chases`);
}
