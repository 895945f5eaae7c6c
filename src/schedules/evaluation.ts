import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { membershipSettings, organisations } from '../db/schema/index.js';
import { button, reply } from '../bot/flow.js';
import { localDate } from '../bot/period.js';
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
  const monthOf = await evaluationMonthResolver(db, config.EVALUATION_MONTH);
  const rows = await query<{ memberId: number; timezone: string; orgPath: string; year: number | null }>(db, sql`
      select m.person_id as "memberId", p.timezone, home.path as "orgPath", e.year
      from members m
      join persons p on p.id = m.person_id
      join organisations home on home.id = m.home_org_id
      left join evaluations e on e.member_id = m.person_id and e.self_at is not null
      where m.status <> 'lost_contact'`);
  const done = new Set(rows.filter((r) => r.year !== null).map((r) => `${r.memberId}:${r.year}`));
  const wanted = new Map<number, MemberPrompt>();
  for (const r of rows) {
    const d = localDate(now, r.timezone);
    if (d.month !== monthOf(r.orgPath) || done.has(`${r.memberId}:${d.year}`)) continue;
    wanted.set(r.memberId, {
      memberId: r.memberId, timezone: r.timezone, key: `evaluation:self:${d.year}:${r.memberId}`, purpose: 'membership',
      message: reply('selfeval-prompt', { buttons: [[button('selfeval-button-start', 'menu:selfEvaluation')]] }),
    });
  }
  return promptWithinCap(db, [...wanted.values()], now, config);
}
