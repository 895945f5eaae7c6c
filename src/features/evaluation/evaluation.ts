import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { evaluations, membershipSettings, organisations, persons, trackingEntries } from '../../db/schema/index.js';
import type { EvaluationResult } from '../../db/schema/membership.js';
import { reply, type Reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { authorize } from '../access/authorize.js';
import { standsTo } from '../access/scope.js';

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
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { evaluationOpinion: year, side: home ? 'home' : 'inflow' } });
  return [reply(home ? 'evaluation-opinion-home-saved' : 'evaluation-opinion-inflow-saved', { args: { name: await nameOf(db, memberId), year: String(year) } })];
}

/** The branch records the result with its reason; the member is told in their own chat. */
export async function recordResult(db: DbOrTx, staffId: number, memberId: number, year: number, result: EvaluationResult, reason: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'evaluation.decide', { kind: 'member', id: memberId }, now, { year, result }))) return [reply('staff-member-not-found')];
  if (reason.length > MAX_OPINION_CHARS) return [reply('evaluation-opinion-too-long', { args: { max: MAX_OPINION_CHARS } })];
  const set = { result, resultReason: reason, resultBy: staffId, resultAt: now };
  await db.insert(evaluations).values({ memberId, year, ...set }).onConflictDoUpdate({ target: [evaluations.memberId, evaluations.year], set });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { evaluationResult: year, result } });
  const told = await notifyPerson(db, memberId, reply('evaluation-result-told', { args: { year: String(year), result, reason } }), {
    key: `evaluation:result:${year}:${memberId}:${now.getTime()}`, purpose: 'notify', now,
  });
  return [reply(told ? 'evaluation-result-saved' : 'evaluation-result-saved-untold', { args: { name: await nameOf(db, memberId), year: String(year), result } })];
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
