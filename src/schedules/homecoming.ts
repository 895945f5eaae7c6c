import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { button, reply, type ReplyButton } from '../bot/flow.js';
import { localDay } from '../bot/period.js';
import { promptWithinCap, type MemberPrompt } from './prompts.js';
import type { ScheduleConfig } from './settings.js';
import { daysAnywhere, daysBetween } from './timing.js';

/** Arrival days offered under the question: about two weeks, one week, a few days before the holiday. */
const ARRIVAL_OFFSETS = [14, 7, 3] as const;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Holiday {
  on: string;
  /** null: the Spring Festival, named by the catalogue; else the organisation's own name for it. */
  name: string | null;
  /** The organisation that chose it ('' for the Spring Festival, which is everyone's). */
  orgPath: string;
}

/** The question with a button per arrival day still ahead, and one for "not this time". */
function question(h: Holiday, today: string) {
  const arrivals: ReplyButton[] = ARRIVAL_OFFSETS.map((d) => addDays(h.on, -d)).filter((day) => day >= today)
    .map((day) => button('holiday-button-arrive', `hq:${h.on}:${day}`, { date: day }));
  const rows = [...arrivals.map((b) => [b]), [button('holiday-button-away', `hq:${h.on}:away`)]];
  return h.name === null
    ? reply('holiday-question-spring', { args: { date: h.on }, buttons: rows })
    : reply('holiday-question', { args: { name: h.name, date: h.on }, buttons: rows });
}

/**
 * Some weeks before the Spring Festival (and before the holidays an organisation chose), each member away is
 * asked once whether they will be home and when: one prompt per holiday, inside the weekly cap and off-peak.
 * The answer is a tap; a "yes" gives the liaison a home-visit task (features/homecoming).
 */
export async function runHolidayQuestions(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ queued: number; held: number }> {
  const own = await query<Holiday>(db, sql`select h.on::text as on, h.name, o.path as "orgPath" from org_holidays h join organisations o on o.id = h.org_id`);
  // The holidays some member somewhere is within the asking days of: none, and nobody is read.
  const days = daysAnywhere(now);
  const holidays: Holiday[] = [{ on: config.SPRING_FESTIVAL_DATE, name: null, orgPath: '' }, ...own].filter((h) => days.some((d) => {
    const left = daysBetween(d.day, h.on);
    return left > 0 && left <= config.HOLIDAY_QUESTION_DAYS;
  }));
  if (holidays.length === 0) return { queued: 0, held: 0 };
  const away = await query<{ memberId: number; timezone: string; orgPath: string }>(db, sql`
    select m.person_id as "memberId", p.timezone, home.path as "orgPath"
    from members m join persons p on p.id = m.person_id join organisations home on home.id = m.home_org_id
    where m.status = 'mobile'
      -- Only those not yet asked about one of the holidays in question (the outbox's key): asked once, a member is not
      -- read again every hour until the holiday.
      and exists (select 1 from unnest(${`{${[...new Set(holidays.map((h) => h.on))].join(',')}}`}::date[]) h (on_day)
                  where not exists (select 1 from outbox_messages ob where ob.idempotency_key = 'holiday:' || h.on_day::text || ':' || m.person_id))`);
  if (away.length === 0) return { queued: 0, held: 0 };
  const answered = new Set((await query<{ k: string }>(db, sql`select member_id || ':' || holiday_on::text as k from holiday_answers
    where holiday_on = any(${`{${[...new Set(holidays.map((h) => h.on))].join(',')}}`}::date[])`)).map((r) => r.k));
  const wanted: MemberPrompt[] = [];
  for (const m of away) {
    const today = localDay(now, m.timezone);
    for (const h of holidays) {
      const daysLeft = daysBetween(today, h.on);
      if (daysLeft <= 0 || daysLeft > config.HOLIDAY_QUESTION_DAYS || !m.orgPath.startsWith(h.orgPath) || answered.has(`${m.memberId}:${h.on}`)) continue;
      wanted.push({ memberId: m.memberId, timezone: m.timezone, key: `holiday:${h.on}:${m.memberId}`, purpose: 'membership', message: question(h, today) });
    }
  }
  return promptWithinCap(db, wanted, now, config);
}
