import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { button, reply } from '../bot/flow.js';
import { localDate, monthPeriod } from '../bot/period.js';
import { monthsBetween, yuan } from '../features/dues/months.js';
import { promptWithinCap, type MemberPrompt } from './prompts.js';
import { daysAnywhere } from './timing.js';
import type { ScheduleConfig } from './settings.js';

/** Dues reminders wait until late in the month, clear of the report reminder and its follow-up. */
export const DUES_REMINDER_DAY = 20;

/**
 * A member behind on dues gets at most one private reminder a month (the key is the month), inside the weekly
 * cap and off-peak, never in a group; the button says it is paid (staff then confirm).
 */
export async function runDuesReminders(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ queued: number; held: number }> {
  if (!daysAnywhere(now).some((d) => d.dayOfMonth >= DUES_REMINDER_DAY)) return { queued: 0, held: 0 };
  // Those reminded this month already are left out in the query (the outbox's key), as are those whose own day is
  // before the reminder day: every member paying dues was read with all their payments each hour of the month.
  const at = now.toISOString();
  const rows = await query<{ memberId: number; timezone: string; monthlyFen: number; fromMonth: string; paid: string[] | null }>(db, sql`
    select m.person_id as "memberId", p.timezone, da.monthly_fen as "monthlyFen", da.from_month as "fromMonth",
      (select array_agg(dp.month) from dues_payments dp where dp.member_id = m.person_id and dp.state = 'confirmed') as paid
    from dues_amounts da join members m on m.person_id = da.member_id join persons p on p.id = m.person_id
    where m.status <> 'lost_contact' and da.monthly_fen > 0
      and extract(day from ${at}::timestamptz at time zone p.timezone) >= ${DUES_REMINDER_DAY}
      and not exists (select 1 from outbox_messages ob
                      where ob.idempotency_key = 'dues:' || to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') || ':' || m.person_id)`);
  const wanted: MemberPrompt[] = [];
  for (const r of rows) {
    if (localDate(now, r.timezone).day < DUES_REMINDER_DAY) continue;
    const current = monthPeriod(now, r.timezone);
    const paid = new Set(r.paid ?? []);
    const owed = monthsBetween(r.fromMonth, current).filter((m) => m < current && !paid.has(m));
    if (owed.length === 0) continue;
    wanted.push({
      memberId: r.memberId, timezone: r.timezone, key: `dues:${current}:${r.memberId}`, purpose: 'membership',
      message: reply('dues-reminder', { args: { months: owed.length, from: owed[0]!, amount: yuan(owed.length * r.monthlyFen) }, buttons: [[button('dues-button-paid', 'menu:paiddues')]] }),
    });
  }
  return promptWithinCap(db, wanted, now, config);
}
