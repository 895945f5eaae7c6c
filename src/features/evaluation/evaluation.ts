import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { evaluations, membershipSettings, organisations, persons, trackingEntries } from '../../db/schema/index.js';
import type { EvaluationResult } from '../../db/schema/membership.js';
import { reply, type Reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { localDate, localDay } from '../../bot/period.js';
import { pacedSlots } from '../../bot/pacing.js';
import { memberPacing, type SettingDefaults } from '../settings/index.js';
import { authorize } from '../access/authorize.js';
import { standsTo } from '../access/scope.js';
import { cancelPendingReminders } from '../../outbox/cancel.js';

export const MAX_OPINION_CHARS = 1000;

/** The words staff type for a result, in both languages. */
export const RESULT_WORDS: Record<string, EvaluationResult> = {
  优秀: 'excellent', excellent: 'excellent',
  合格: 'qualified', qualified: 'qualified',
  基本合格: 'basic', basic: 'basic',
  不合格: 'unqualified', unqualified: 'unqualified',
};

async function nameOf(db: DbOrTx, personId: number): Promise<string> {
  const [p] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, personId));
  return p?.name ?? '';
}

/**
 * 评议意见: the home side (the member's liaison or branch) or, for a member attached to it, the inflow organisation
 * (双向管理: both views count). Which side speaks follows from how the staff person stands to the member.
 */
export async function recordOpinion(db: DbOrTx, staffId: number, memberId: number, year: number, text: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'evaluation.opinion', { kind: 'member', id: memberId }, now, { year }))) return [reply('staff-member-not-found')];
  if (text.length > MAX_OPINION_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_OPINION_CHARS } })];
  const home = await standsTo(db, staffId, memberId, ['owner', 'caseload']);
  const set = home
    ? { homeOpinion: text, homeOpinionBy: staffId, homeOpinionAt: now }
    : { inflowOpinion: text, inflowOpinionBy: staffId, inflowOpinionAt: now };
  await db.insert(evaluations).values({ memberId, year, ...set }).onConflictDoUpdate({ target: [evaluations.memberId, evaluations.year], set });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { evaluationOpinion: year, side: home ? 'home' : 'inflow', text } });
  return [reply(home ? 'evaluation-opinion-home-saved' : 'evaluation-opinion-inflow-saved', { args: { name: await nameOf(db, memberId), year: String(year) } })];
}

/** How the result reaches the member: like every prompt, in the hours and inside the weekly cap their branch keeps (these are the defaults). */
export type ResultPacing = SettingDefaults;

/**
 * The branch records the result with its reason; the member is told in their own chat, as a prompt: a result
 * recorded late at night waits for the member's afternoon, and counts toward the weekly cap. A result recorded
 * again (a correction) replaces the notice still waiting.
 */
export async function recordResult(db: DbOrTx, staffId: number, memberId: number, year: number, result: EvaluationResult, reason: string, now: Date, pacing: ResultPacing): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'evaluation.decide', { kind: 'member', id: memberId }, now, { year, result }))) return [reply('staff-member-not-found')];
  if (reason.length > MAX_OPINION_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_OPINION_CHARS } })];
  const set = { result, resultReason: reason, resultBy: staffId, resultAt: now };
  await db.insert(evaluations).values({ memberId, year, ...set }).onConflictDoUpdate({ target: [evaluations.memberId, evaluations.year], set });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { evaluationResult: year, result, reason } });
  await cancelPendingReminders(db, memberId, [`evaluation:result:${year}:${memberId}:`]);
  const [member] = await db.select({ timezone: persons.timezone }).from(persons).where(eq(persons.id, memberId));
  const timezone = member?.timezone ?? 'Asia/Shanghai';
  const own = (await memberPacing(db, [memberId], pacing))(memberId);
  const at = (await pacedSlots(db, [{ memberId, timezone }], now, own.cap, own.window)).get(memberId) ?? now;
  const told = await notifyPerson(db, memberId, reply('evaluation-result-told', { args: { year: String(year), result, reason } }), {
    key: `evaluation:result:${year}:${memberId}:${now.getTime()}`, purpose: 'membership', now, notBefore: at,
  });
  const args = { name: await nameOf(db, memberId), year: String(year), result };
  if (!told) return [reply('evaluation-result-saved-untold', { args })];
  if (at.getTime() <= now.getTime()) return [reply('evaluation-result-saved', { args })];
  return [reply('evaluation-result-saved-later', { args: { ...args, day: localDay(at, timezone), hour: localDate(at, timezone).hour } })];
}

/** The organisation's evaluation month; branches below it follow unless they set their own. */
export async function setEvaluationMonth(db: DbOrTx, staffId: number, orgId: number, month: number, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'membership.manage', { kind: 'org', id: orgId }, now, { evaluationMonth: month }))) return [reply('staff-org-out-of-scope')];
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) return [reply('staff-org-out-of-scope')];
  const set = { evaluationMonth: month, updatedBy: staffId, updatedAt: now };
  await db.insert(membershipSettings).values({ orgId, ...set }).onConflictDoUpdate({ target: membershipSettings.orgId, set });
  return [reply('evaluation-month-set', { args: { org: org.name, month } })];
}
