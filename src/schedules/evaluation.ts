import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { membershipSettings, organisations } from '../db/schema/index.js';
import { button, reply } from '../bot/flow.js';
import { promptWithinCap, type MemberPrompt } from './prompts.js';
import { daysAnywhere } from './timing.js';
import type { ScheduleConfig } from './settings.js';

/** The evaluation month that applies to a branch: the nearest organisation above it that chose one, else the default. */
export async function evaluationMonthResolver(db: DbOrTx, defaultMonth: number): Promise<(orgPath: string) => number> {
  const rows = await db
    .select({ path: organisations.path, month: membershipSettings.evaluationMonth })
    .from(membershipSettings)
    .innerJoin(organisations, eq(organisations.id, membershipSettings.orgId));
  const deepestFirst = rows.sort((a, b) => b.path.length - a.path.length);
  return (orgPath) => deepestFirst.find((r) => orgPath.startsWith(r.path))?.month ?? defaultMonth;
}

/**
 * 一年一评: in the evaluation month of their branch, each member who has not self-evaluated this year is asked once,
 * within the weekly cap and in their off-peak hours. A member held back by the cap is asked on a later run of the
 * same month; after the month the liaison and the secretary carry it (the secretary's list shows who is missing).
 */
export async function runEvaluationPrompts(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ queued: number; held: number }> {
  const chosen = await db.selectDistinct({ month: membershipSettings.evaluationMonth }).from(membershipSettings);
  const monthsNow = new Set(daysAnywhere(now).map((d) => d.month));
  if (![config.EVALUATION_MONTH, ...chosen.map((c) => c.month)].some((m) => m !== null && monthsNow.has(m))) return { queued: 0, held: 0 };
  // The branches whose evaluation month it is somewhere now, with that month: each member's own month is compared in
  // the query, and those who self-evaluated this year or were asked already are left out there, by index. Read into JS
  // with every evaluation and every key, a county of 1,000,000 took 10 s and 1 GB each hour of the month.
  const monthOf = await evaluationMonthResolver(db, config.EVALUATION_MONTH);
  const branches = (await query<{ id: number; path: string }>(db, sql`select id, path from organisations`))
    .map((o) => ({ id: o.id, month: monthOf(o.path) })).filter((o) => monthsNow.has(o.month));
  if (branches.length === 0) return { queued: 0, held: 0 };
  const at = now.toISOString();
  const rows = await query<{ memberId: number; timezone: string; year: number }>(db, sql`
      select m.person_id as "memberId", p.timezone, l.year
      from unnest(${`{${branches.map((b) => b.id).join(',')}}`}::int[], ${`{${branches.map((b) => b.month).join(',')}}`}::int[]) as em (org_id, month)
      join members m on m.home_org_id = em.org_id
      join persons p on p.id = m.person_id
      cross join lateral (select extract(year from ${at}::timestamptz at time zone p.timezone)::int as year,
        extract(month from ${at}::timestamptz at time zone p.timezone)::int as month) l
      where m.status <> 'lost_contact' and l.month = em.month
        and not exists (select 1 from evaluations e where e.member_id = m.person_id and e.year = l.year and e.self_at is not null)
        and not exists (select 1 from outbox_messages ob where ob.idempotency_key = 'evaluation:self:' || l.year || ':' || m.person_id)`);
  const wanted = rows.map((r): MemberPrompt => ({
    memberId: r.memberId, timezone: r.timezone, key: `evaluation:self:${r.year}:${r.memberId}`, purpose: 'membership',
    message: reply('selfeval-prompt', { buttons: [[button('selfeval-button-start', 'menu:selfEvaluation')]] }),
  }));
  return promptWithinCap(db, wanted, now, config);
}
