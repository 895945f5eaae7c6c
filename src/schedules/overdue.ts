import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';

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
 */
export async function overdueMembers(db: DbOrTx, now: Date): Promise<OverdueMember[]> {
  const at = now.toISOString();
  return await query<OverdueMember>(db, sql`
      select m.person_id as "memberId", p.name, p.timezone, o.path as "orgPath", la.liaison_id as "liaisonId", lp.name as "liaisonName",
             to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') as period,
             extract(day from ${at}::timestamptz at time zone p.timezone)::int as "localDay"
      from members m
      join persons p on p.id = m.person_id
      join organisations o on o.id = m.home_org_id
      left join liaison_assignments la on la.member_id = m.person_id
      left join persons lp on lp.id = la.liaison_id
      where m.status <> 'lost_contact'
        and (select true from reports r where r.member_id = m.person_id and r.kind = 'monthly'
               and r.period = to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') limit 1) is null
        and (select true from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message', 'visit')
               and te.at >= (date_trunc('month', ${at}::timestamptz at time zone p.timezone) at time zone p.timezone) limit 1) is null
      order by m.person_id`);
}
