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

/**
 * Members who have neither reported this month nor been contacted by their liaison this month, each month
 * counted in the member's own time zone. Lost-contact members are the search campaign's, not the reminders'.
 *
 * Built to stay flat at a million members: the calendar is computed once per time zone in use (bot/zones.ts),
 * not per member; the members without a report for the month(s) in use are found first by one anti-join that
 * PostgreSQL hashes (members × that month's reports, nothing else carried), and only those few are joined to
 * their person, zone, contacts and liaison. Near the turn of a month the zones disagree on the month: then each
 * month in use gives candidates and the member's own month decides.
 */
export async function overdueMembers(db: DbOrTx, now: Date): Promise<OverdueMember[]> {
  const zones = await zonesAt(db, now);
  if (zones.length === 0) return [];
  const periods = [...new Set(zones.map((z) => z.period))];
  const notReportedIn = (period: string) => sql`
      select m.person_id, m.home_org_id from members m
      where m.status <> 'lost_contact'
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly' and r.period = ${period})`;
  const ownMonthToo =
    periods.length > 1 ? sql`and not exists (select 1 from reports r where r.member_id = d.person_id and r.kind = 'monthly' and r.period = z.period)` : sql``;
  return await query<OverdueMember>(db, sql`
      with ${zonesTable(zones)},
      candidates as materialized (${sql.join(periods.map(notReportedIn), sql` union `)})
      select d.person_id as "memberId", p.name, p.timezone, o.path as "orgPath", la.liaison_id as "liaisonId", lp.name as "liaisonName",
             z.period, z.local_day as "localDay"
      from candidates d
      join persons p on p.id = d.person_id
      join zones z on z.tz = p.timezone
      join organisations o on o.id = d.home_org_id
      left join liaison_assignments la on la.member_id = d.person_id
      left join persons lp on lp.id = la.liaison_id
      where not exists (select 1 from tracking_entries te where te.member_id = d.person_id and te.kind in ('call', 'message', 'visit')
                          and te.at >= z.month_start and te.at >= ${earliestMonthStart(zones).toISOString()}::timestamptz)
        ${ownMonthToo}
      order by d.person_id`);
}
