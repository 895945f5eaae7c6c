import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  helpAttachments, helpRequestEvents, helpRequests, locationConsents, locationRecords, members, persons, reports, trackingEntries,
} from '../db/schema/index.js';
import { reply, type Effect, type PersonFacts, type Reply } from './flow.js';
import { liaisonOf, notifyPerson } from './notify.js';
import { isLateMonthlyReport, monthPeriod, quarterPeriod } from './period.js';
import type { Platform } from './types.js';
import { cancelPendingReminders } from '../schedules/prompts.js';
import { sendBroadcast } from './broadcasts.js';
import { forgetPlacesOf } from '../outbox/scrub.js';

export interface EffectContext {
  now: Date;
  facts: PersonFacts;
  platform: Platform;
  reportDueDay: number;
}

/** A member who reports again after being marked lost contact is found: the status and the card say so. */
export async function markFoundIfLost(db: DbOrTx, memberId: number, now: Date) {
  const [m] = await db.select({ status: members.status }).from(members).where(eq(members.personId, memberId));
  if (m?.status !== 'lost_contact') return;
  await db.update(members).set({ status: 'mobile', lostContactSince: null }).where(eq(members.personId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, kind: 'status_change', details: { from: 'lost_contact', to: 'mobile', found: true } });
}

/** Applies one effect inside the caller's transaction; returns replies that need what was stored (a ticket number). */
export async function applyEffect(db: DbOrTx, effect: Effect, ctx: EffectContext): Promise<Reply[]> {
  const memberId = ctx.facts.personId;
  const { now } = ctx;
  switch (effect.kind) {
    case 'saveMonthlyReport': {
      const values = {
        memberId,
        kind: 'monthly' as const,
        period: monthPeriod(now, ctx.facts.timezone),
        submittedAt: now,
        late: isLateMonthlyReport(now, ctx.facts.timezone, ctx.reportDueDay),
        movedSinceLast: effect.movedSinceLast,
        work: effect.work,
        hasDifficulty: effect.hasDifficulty,
        studied: effect.studied,
        platform: ctx.platform,
      };
      // One report per member and month: reporting again corrects the answers and keeps the first time and lateness.
      await db
        .insert(reports)
        .values(values)
        .onConflictDoUpdate({
          target: [reports.memberId, reports.kind, reports.period],
          set: { movedSinceLast: values.movedSinceLast, work: values.work, hasDifficulty: values.hasDifficulty, studied: values.studied, platform: values.platform },
        });
      await db.insert(trackingEntries).values({ memberId, at: now, kind: 'report', details: { period: values.period, late: values.late } });
      await markFoundIfLost(db, memberId, now);
      await cancelPendingReminders(db, memberId, [`reminder:monthly:${values.period}:`, `followup:monthly:${values.period}:`]);
      return [];
    }
    case 'saveThoughtReport': {
      const period = quarterPeriod(now, ctx.facts.timezone);
      await db
        .insert(reports)
        .values({ memberId, kind: 'thought', period, submittedAt: now, body: effect.body, platform: ctx.platform })
        .onConflictDoUpdate({ target: [reports.memberId, reports.kind, reports.period], set: { body: effect.body, submittedAt: now } });
      await db.insert(trackingEntries).values({ memberId, at: now, kind: 'thought_report', details: { period } });
      await markFoundIfLost(db, memberId, now);
      await cancelPendingReminders(db, memberId, [`reminder:thought:${period}:`]);
      return [];
    }
    case 'recordLocation': {
      const [c] = await db.select().from(locationConsents).where(eq(locationConsents.memberId, memberId));
      if (!c?.grantedAt || c.withdrawnAt) return [reply('location-without-consent')];
      await db.insert(locationRecords).values({ memberId, regionCode: effect.regionCode, source: effect.source, recordedAt: now });
      // The card notes that the place changed, not where: the place goes when consent goes.
      await db.insert(trackingEntries).values({ memberId, at: now, kind: 'location', details: { source: effect.source } });
      return [];
    }
    case 'setLocationConsent': {
      const set = effect.granted ? { grantedAt: now, withdrawnAt: null, askedAt: now } : { withdrawnAt: now, askedAt: now };
      await db.insert(locationConsents).values({ memberId, ...set }).onConflictDoUpdate({ target: locationConsents.memberId, set });
      if (!effect.granted) {
        await db.delete(locationRecords).where(eq(locationRecords.memberId, memberId));
        // Messages that named the place go too: masked in what was sent, not sent at all if still waiting.
        await forgetPlacesOf(db, memberId);
      }
      return [];
    }
    case 'openHelpRequest': {
      const [request] = await db
        .insert(helpRequests)
        .values({ memberId, category: effect.category, description: effect.description, urgency: effect.urgency, createdAt: now, updatedAt: now })
        .returning({ id: helpRequests.id });
      const id = request!.id;
      await db.insert(helpRequestEvents).values({ requestId: id, at: now, actorId: memberId, toStatus: 'open' });
      if (effect.attachments.length > 0) {
        await db.insert(helpAttachments).values(effect.attachments.map((a) => ({ requestId: id, platform: ctx.platform, fileRef: a.fileRef, mime: a.mime ?? null, addedAt: now })));
      }
      await db.insert(trackingEntries).values({ memberId, at: now, kind: 'help', details: { requestId: id, category: effect.category, urgency: effect.urgency } });
      // The work goes to the liaison at once; the member is not asked for anything more.
      const liaisonId = await liaisonOf(db, memberId);
      if (liaisonId !== undefined) {
        const [member] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, memberId));
        await notifyPerson(
          db,
          liaisonId,
          reply(effect.urgency === 'urgent' ? 'liaison-new-help-request-urgent' : 'liaison-new-help-request', {
            args: { name: member?.name ?? '', id, category: effect.category },
          }),
          { key: `help-new:${id}:${liaisonId}`, purpose: 'notify', now },
        );
      }
      return [reply('help-submitted', { args: { id } })];
    }
    case 'sendBroadcast':
      // The person here is the secretary sending; the audience is re-checked against their scope.
      return sendBroadcast(db, ctx.facts.personId, effect.filter, effect.text, now);
    case 'setLanguage':
      await db.update(persons).set({ language: effect.language }).where(eq(persons.id, memberId));
      return [];
  }
}

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
