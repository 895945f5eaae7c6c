import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { localDay } from '../bot/period.js';
import { offerMessage, suitsMember, type OfferForMember } from '../features/reemployment/offers.js';
import { promptWithinCap, type MemberPrompt } from './prompts.js';
import type { ScheduleConfig } from './settings.js';

/**
 * Courses and openings go to the laid-off members they suit (occupation, subtree), once per offer and member,
 * inside the weekly cap and off-peak; a member held by the cap gets it on a later run while the offer is open.
 */
export async function runJobOffers(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ queued: number; held: number }> {
  const today = localDay(now, config.DEFAULT_TIMEZONE);
  const rows = await query<OfferForMember & { memberId: number; timezone: string }>(db, sql`
    select m.person_id as "memberId", p.timezone, jo.id, jo.kind, jo.title, jo.place, jo.starts_on::text as "startsOn", jo.ends_on::text as "endsOn"
    from members m join persons p on p.id = m.person_id join organisations home on home.id = m.home_org_id
    join job_offers jo on jo.created_at <= ${now.toISOString()}::timestamptz join organisations so on ${suitsMember(today)}
    where m.status = 'laid_off'
      and not exists (select 1 from job_signups js where js.offer_id = jo.id and js.member_id = m.person_id)
    order by jo.id, m.person_id`);
  const wanted: MemberPrompt[] = rows.map((r) => ({ memberId: r.memberId, timezone: r.timezone, key: `job:${r.id}:${r.memberId}`, purpose: 'membership', message: offerMessage(r) }));
  return promptWithinCap(db, wanted, now, config);
}
