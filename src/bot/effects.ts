import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  evaluations, helpAttachments, helpRequestEvents, helpRequests, locationConsents, locationRecords, members, persons, reportAttachments, reports, trackingEntries,
} from '../db/schema/index.js';
import { reply, type Effect, type PersonFacts, type Reply } from './flow.js';
import { deliverNewHelpRequest, submittedReply } from './help/notice.js';
import { announceThoughtReport } from './help/thoughtNotice.js';
import { inflowStaffOf, liaisonOf, notifyPerson } from './notify.js';
import { isLateMonthlyReport, localDate, monthPeriod, quarterPeriod } from './period.js';
import type { DeferredEffect, EffectHandler, FeatureEffect, TurnContext } from './registry.js';
import { cancelPendingReminders } from '../outbox/cancel.js';
import { forgetPlacesOf } from '../outbox/scrub.js';


export interface EffectOptions {
  reportDueDay: number;
  /** Effects a feature carries out (a confirmed broadcast), found in the registry. */
  featureEffect: (kind: FeatureEffect['kind']) => EffectHandler | undefined;
}

/**
 * A member who reports again after being marked lost contact is found: the status and the card say so. They
 * return to the category they had (a laid-off member stays 下岗失业党员); one lost before that was kept is mobile.
 */
export async function markFoundIfLost(db: DbOrTx, memberId: number, now: Date) {
  const [m] = await db.select({ status: members.status, category: members.categoryWhileLost }).from(members).where(eq(members.personId, memberId));
  if (m?.status !== 'lost_contact') return;
  const to = m.category && m.category !== 'lost_contact' ? m.category : 'mobile';
  await db.update(members).set({ status: to, categoryWhileLost: null, lostContactSince: null }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'status_change', details: { from: 'lost_contact', to, found: true } });
}

type EffectContext = TurnContext & EffectOptions;

/**
 * What an effect did: replies that need what was stored (a ticket number), and what it changed of the
 * person's facts, so the rest of the turn sees it without reading them again.
 */
export interface EffectResult {
  replies: Reply[];
  facts?: Partial<PersonFacts>;
}

/** Applies one effect inside the turn's transaction. */
export async function applyEffect(turn: TurnContext, effect: Effect, opts: EffectOptions): Promise<EffectResult> {
  return (APPLY[effect.kind] as (ctx: EffectContext, effect: Effect) => Promise<EffectResult>)({ ...turn, ...opts }, effect);
}

/**
 * A monthly report, as migration 0030's save_monthly_report writes it: the report (one per member and month; reporting
 * again corrects the answers and keeps the first time and lateness), its line on the card, a member marked lost
 * contact found (markFoundIfLost, in SQL), the month's reminders still waiting cancelled (cancelPendingReminders).
 */
function monthlyReportOf(ctx: TurnContext & { reportDueDay: number }, effect: Extract<Effect, { kind: 'saveMonthlyReport' }>): DeferredEffect {
  return {
    kind: 'monthlyReport', member: ctx.facts.personId, period: monthPeriod(ctx.now, ctx.facts.timezone), at: ctx.now.toISOString(),
    late: isLateMonthlyReport(ctx.now, ctx.facts.timezone, ctx.reportDueDay), movedSinceLast: effect.movedSinceLast, work: effect.work,
    hasDifficulty: effect.hasDifficulty, studied: effect.studied, platform: ctx.platform,
  };
}

async function applySaveMonthlyReport(ctx: EffectContext, effect: Extract<Effect, { kind: 'saveMonthlyReport' }>): Promise<EffectResult> {
  const report = monthlyReportOf(ctx, effect);
  // A turn outside a transaction leaves it to its last statement (bot_turn_finish), after the version check.
  if (ctx.deferred) ctx.deferred.push(report);
  else {
    await ctx.tx.execute(sql`select save_monthly_report(${report.member}::integer, ${report.period}::text, ${report.at}::timestamptz, ${report.late}::boolean,
      ${report.movedSinceLast}::boolean, ${report.work}::text, ${report.hasDifficulty}::boolean, ${report.studied}::boolean, ${report.platform}::text)`);
  }
  return { replies: [], facts: { monthlyReportedThisPeriod: true } };
}

async function applySaveThoughtReport(ctx: EffectContext, effect: Extract<Effect, { kind: 'saveThoughtReport' }>): Promise<EffectResult> {
  const { tx: db, now } = ctx;
  const memberId = ctx.facts.personId;
  const period = quarterPeriod(now, ctx.facts.timezone);
  const photos = effect.photos ?? [];
  const [saved] = await db
    .insert(reports)
    .values({ memberId, kind: 'thought', period, submittedAt: now, body: effect.body, platform: ctx.platform })
    .onConflictDoUpdate({ target: [reports.memberId, reports.kind, reports.period], set: { body: effect.body, submittedAt: now, platform: ctx.platform } })
    .returning({ id: reports.id });
  // A rewrite replaces the report, pictures included.
  await db.delete(reportAttachments).where(eq(reportAttachments.reportId, saved!.id));
  if (photos.length > 0) {
    await db.insert(reportAttachments).values(photos.map((p) => ({ reportId: saved!.id, platform: ctx.platform, fileRef: p.fileRef, mime: p.mime ?? null, addedAt: now })));
  }
  await announceThoughtReport(db, memberId, saved!.id, period, photos.length, now);
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'thought_report', details: { period } });
  await markFoundIfLost(db, memberId, now);
  await cancelPendingReminders(db, memberId, [`reminder:thought:${period}:`]);
  return { replies: [], facts: { thoughtReportedThisPeriod: true } };
}

async function applyRecordLocation(ctx: EffectContext, effect: Extract<Effect, { kind: 'recordLocation' }>): Promise<EffectResult> {
  const { tx: db, now } = ctx;
  const memberId = ctx.facts.personId;
  if (ctx.facts.locationConsent !== 'granted') return { replies: [reply('location-without-consent')] };
  await db.insert(locationRecords).values({ memberId, regionCode: effect.regionCode, source: effect.source, recordedAt: now });
  // The card notes that the place changed, not where: the place goes when consent goes.
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'location', details: { source: effect.source } });
  return { replies: [], facts: { lastRegionCode: effect.regionCode } };
}

async function applySetLocationConsent(ctx: EffectContext, effect: Extract<Effect, { kind: 'setLocationConsent' }>): Promise<EffectResult> {
  const { tx: db, now } = ctx;
  const memberId = ctx.facts.personId;
  const set = effect.granted ? { grantedAt: now, withdrawnAt: null, askedAt: now } : { withdrawnAt: now, askedAt: now };
  await db.insert(locationConsents).values({ memberId, ...set }).onConflictDoUpdate({ target: locationConsents.memberId, set });
  if (!effect.granted) {
    await db.delete(locationRecords).where(eq(locationRecords.memberId, memberId));
    // Messages that named the place go too: masked in what was sent, not sent at all if still waiting.
    await forgetPlacesOf(db, memberId);
  }
  return { replies: [], facts: effect.granted ? { locationConsent: 'granted' } : { locationConsent: 'withdrawn', lastRegionCode: undefined } };
}

async function applyOpenHelpRequest(ctx: EffectContext, effect: Extract<Effect, { kind: 'openHelpRequest' }>): Promise<EffectResult> {
  const { tx: db, now } = ctx;
  const memberId = ctx.facts.personId;
  const [request] = await db
    .insert(helpRequests)
    .values({ memberId, category: effect.category, description: effect.description, urgency: effect.urgency, createdAt: now, updatedAt: now })
    .returning();
  const id = request!.id;
  await db.insert(helpRequestEvents).values({ requestId: id, at: now, actorId: memberId, toStatus: 'open' });
  if (effect.attachments.length > 0) {
    await db.insert(helpAttachments).values(effect.attachments.map((a) => ({ requestId: id, platform: ctx.platform, fileRef: a.fileRef, mime: a.mime ?? null, addedAt: now })));
  }
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'help', details: { requestId: id, category: effect.category, urgency: effect.urgency } });
  // The work goes to a person at once (the liaison, else the secretary); the member is told truthfully who.
  const contact = await deliverNewHelpRequest(db, request!, now);
  const opened = { id, category: effect.category, status: 'open' };
  return { replies: [submittedReply(id, contact)], facts: { openHelpRequests: [...ctx.facts.openHelpRequests, opened] } };
}

/** Carried out by the feature that owns it (a confirmed broadcast, a staff note), as the person who asked, in their scope. */
async function applyFeatureEffect(ctx: EffectContext, effect: FeatureEffect): Promise<EffectResult> {
  const handler = ctx.featureEffect(effect.kind);
  if (!handler) throw new Error(`no feature carries out ${effect.kind}`);
  return { replies: await handler(ctx, effect) };
}

async function applySetLanguage(ctx: EffectContext, effect: Extract<Effect, { kind: 'setLanguage' }>): Promise<EffectResult> {
  const { tx: db } = ctx;
  const memberId = ctx.facts.personId;
  await db.update(persons).set({ language: effect.language }).where(eq(persons.id, memberId));
  return { replies: [], facts: { language: effect.language } };
}

/** 自评: kept per member and year (saying it again replaces it); the liaison (and the inflow organisation) is told their opinion is wanted next. */
async function applySaveSelfEvaluation(ctx: EffectContext, effect: Extract<Effect, { kind: 'saveSelfEvaluation' }>): Promise<EffectResult> {
  const { tx: db, now } = ctx;
  const memberId = ctx.facts.personId;
  const year = localDate(now, ctx.facts.timezone).year;
  const own = { selfRating: effect.rating, selfText: effect.text, selfAt: now };
  await db.insert(evaluations).values({ memberId, year, ...own }).onConflictDoUpdate({ target: [evaluations.memberId, evaluations.year], set: own });
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'note', details: { selfEvaluation: year, text: effect.text } });
  await cancelPendingReminders(db, memberId, [`evaluation:self:${year}:`]);
  // Both sides of 双向管理 give an opinion: the liaison at home, and the inflow organisation the member is attached to.
  const liaisonId = await liaisonOf(db, memberId);
  const askOpinion = [...new Set([...(liaisonId === undefined ? [] : [liaisonId]), ...(await inflowStaffOf(db, memberId))])];
  if (askOpinion.length > 0) {
    const [member] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
    for (const staffId of askOpinion) {
      await notifyPerson(db, staffId, reply('liaison-selfeval-done', { args: { name: member?.name ?? '', year: String(year) } }), {
        key: `evaluation:self-done:${year}:${memberId}:${staffId}`, purpose: 'notify', now,
      });
    }
  }
  return { replies: [] };
}

const APPLY: { [K in Effect['kind']]: (ctx: EffectContext, effect: Extract<Effect, { kind: K }>) => Promise<EffectResult> } = {
  saveMonthlyReport: applySaveMonthlyReport,
  saveThoughtReport: applySaveThoughtReport,
  recordLocation: applyRecordLocation,
  setLocationConsent: applySetLocationConsent,
  openHelpRequest: applyOpenHelpRequest,
  sendBroadcast: applyFeatureEffect,
  helpNote: applyFeatureEffect,
  thoughtReply: applyFeatureEffect,
  recognitionRevoke: applyFeatureEffect,
  saveJobWish: applyFeatureEffect,
  setLanguage: applySetLanguage,
  saveSelfEvaluation: applySaveSelfEvaluation,
};

/** The member closes or reopens a request the branch marked resolved. */
export async function answerResolvedRequest(db: DbOrTx, memberId: number, requestId: number, solved: boolean, now: Date): Promise<Reply[]> {
  const [request] = await db
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.id, requestId), eq(helpRequests.memberId, memberId)));
  if (!request || request.status !== 'resolved') return [reply('help-not-awaiting-confirmation')];
  const toStatus = solved ? 'confirmed' : 'reopened';
  await db
    .update(helpRequests)
    .set({ status: toStatus, updatedAt: now, ...(solved ? { confirmedAt: now } : { resolvedAt: null }) })
    .where(eq(helpRequests.id, requestId));
  await db.insert(helpRequestEvents).values({ requestId, at: now, actorId: memberId, fromStatus: 'resolved', toStatus });
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'help', details: { requestId, status: toStatus } });
  const assignee = request.assigneeId ?? (await liaisonOf(db, memberId));
  if (!solved && assignee !== undefined) {
    const [member] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
    await notifyPerson(db, assignee, reply('liaison-help-reopened', { args: { name: member?.name ?? '', id: requestId } }), {
      key: `help-reopened:${requestId}:${now.getTime()}`,
      purpose: 'notify',
      now,
    });
  }
  return [reply(solved ? 'help-confirmed' : 'help-reopened', { args: { id: requestId } })];
}
