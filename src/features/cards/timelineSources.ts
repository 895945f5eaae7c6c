import { and, desc, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import {
  certificates, departures, evaluations, helpAttachments, helpRequestEvents, helpRequests, locationConsents, locationRecords,
  organisations, persons, reportAttachments, reports, trackingEntries,
} from '../../db/schema/index.js';
import type { Language } from '../../db/schema/people.js';
import { describeRegion } from '../../bot/regions/index.js';
import { cardContents } from '../../roster/cardContent.js';
import { regionOfPlace } from '../../roster/validate.js';
import type { TimelineEntry, TimelineItem } from './timeline.js';

const actor = alias(persons, 'actor');

/** Monthly reports with their answers, thought reports with their text and the ids of their photos. */
export async function reportEntries(db: DbOrTx, memberId: number, limit: number): Promise<TimelineEntry[]> {
  const rows = await db.select().from(reports).where(eq(reports.memberId, memberId)).orderBy(desc(reports.submittedAt)).limit(limit);
  const thoughtIds = rows.filter((r) => r.kind === 'thought').map((r) => r.id);
  const photos = thoughtIds.length === 0 ? [] : await db.select({ id: reportAttachments.id, reportId: reportAttachments.reportId }).from(reportAttachments)
    .where(inArray(reportAttachments.reportId, thoughtIds)).orderBy(reportAttachments.id);
  return rows.map((r): TimelineEntry => (r.kind === 'monthly'
    ? { at: r.submittedAt, actor: null, kind: 'monthly', period: r.period, late: r.late, work: r.work, moved: r.movedSinceLast, difficulty: r.hasDifficulty, studied: r.studied }
    : { at: r.submittedAt, actor: null, kind: 'thought', period: r.period, body: r.body ?? '', reportId: r.id, photos: photos.filter((p) => p.reportId === r.id).map((p) => p.id) }));
}

/** Each help request once, at the time it was asked, as it stands now: its words, urgency, status, holder and the staff notes. */
export async function helpEntries(db: DbOrTx, memberId: number, limit: number): Promise<TimelineEntry[]> {
  const assignee = alias(persons, 'assignee');
  const rows = await db.select({ h: helpRequests, assignee: assignee.name }).from(helpRequests).leftJoin(assignee, eq(assignee.id, helpRequests.assigneeId))
    .where(eq(helpRequests.memberId, memberId)).orderBy(desc(helpRequests.createdAt)).limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.h.id);
  const notes = await db.select({ requestId: helpRequestEvents.requestId, at: helpRequestEvents.at, note: helpRequestEvents.note, who: actor.name })
    .from(helpRequestEvents).leftJoin(actor, eq(actor.id, helpRequestEvents.actorId))
    .where(and(inArray(helpRequestEvents.requestId, ids), isNotNull(helpRequestEvents.note))).orderBy(helpRequestEvents.at, helpRequestEvents.id);
  const files = await db.select({ requestId: helpAttachments.requestId }).from(helpAttachments).where(inArray(helpAttachments.requestId, ids));
  return rows.map(({ h, assignee: holder }): TimelineEntry => ({
    at: h.createdAt, actor: null, kind: 'help', id: h.id, category: h.category, urgency: h.urgency, status: h.status, description: h.description,
    assignee: holder, files: files.filter((f) => f.requestId === h.id).length,
    notes: notes.filter((n) => n.requestId === h.id).map((n) => ({ at: n.at, who: n.who, note: n.note ?? '' })),
  }));
}

/** Changes of place the member shared, by region name; only while their consent stands (withdrawing it deletes them). */
export async function locationEntries(db: DbOrTx, memberId: number, lang: Language, limit: number): Promise<TimelineEntry[]> {
  const [consent] = await db.select().from(locationConsents).where(eq(locationConsents.memberId, memberId));
  if (!consent?.grantedAt || consent.withdrawnAt) return [];
  const rows = await db.select().from(locationRecords).where(eq(locationRecords.memberId, memberId)).orderBy(desc(locationRecords.recordedAt)).limit(limit);
  return rows.flatMap((r): TimelineEntry[] => {
    const place = describeRegion(r.regionCode, lang);
    return place ? [{ at: r.recordedAt, actor: null, kind: 'location', place }] : [];
  });
}

/** 民主评议 of each year, dated by its latest part (self-evaluation, opinions, result). */
export async function evaluationEntries(db: DbOrTx, memberId: number): Promise<TimelineEntry[]> {
  const rows = await db.select({ e: evaluations, by: actor.name }).from(evaluations).leftJoin(actor, eq(actor.id, evaluations.resultBy))
    .where(eq(evaluations.memberId, memberId));
  return rows.flatMap(({ e, by }): TimelineEntry[] => {
    const times = [e.selfAt, e.homeOpinionAt, e.inflowOpinionAt, e.resultAt].filter((t): t is Date => t !== null);
    if (times.length === 0) return [];
    return [{
      at: new Date(Math.max(...times.map((t) => t.getTime()))), actor: e.resultAt ? by : null, kind: 'evaluation', year: e.year, result: e.result,
      reason: e.resultReason, selfRating: e.selfRating, selfText: e.selfText, homeOpinion: e.homeOpinion, inflowOpinion: e.inflowOpinion,
    }];
  });
}

/** Kinds the other sources already show in full (a report, a help request's changes, a place). */
const SHOWN_ELSEWHERE = ['report', 'thought_report', 'help', 'location'] as const;
type Entry = typeof trackingEntries.$inferSelect;

/** Contacts, departures and returns, certificates, assignments, attachments, transfers and other changes staff made. */
export async function trackingCardEntries(db: DbOrTx, memberId: number, lang: Language, limit: number): Promise<TimelineEntry[]> {
  const rows = await db.select({ e: trackingEntries, actor: actor.name }).from(trackingEntries).leftJoin(actor, eq(actor.id, trackingEntries.actorId))
    .where(and(eq(trackingEntries.memberId, memberId), notInArray(trackingEntries.kind, [...SHOWN_ELSEWHERE])))
    .orderBy(desc(trackingEntries.at), desc(trackingEntries.id)).limit(limit);
  const kept = rows.filter(({ e }) => !isEvaluationNote(e));
  const refs = await referencesOf(db, kept.map((r) => r.e));
  const texts = await cardContents(db, memberId, kept.map((r) => r.e), lang);
  return kept.map(({ e, actor: who }, i): TimelineEntry => ({ at: e.at, actor: who, ...itemOf(e, refs, lang, texts[i] ?? '') }));
}

/** Evaluation steps are shown by the evaluation itself. */
const isEvaluationNote = (e: Entry) => e.kind === 'note' && e.details !== null && ('selfEvaluation' in e.details || 'evaluationOpinion' in e.details || 'evaluationResult' in e.details);

interface References {
  departures: Map<number, typeof departures.$inferSelect>;
  certificates: Map<number, typeof certificates.$inferSelect>;
  orgs: Map<number, string>;
  people: Map<number, string>;
}

const numbers = (entries: Entry[], key: string) => [...new Set(entries.flatMap((e) => (typeof e.details?.[key] === 'number' ? [e.details[key] as number] : [])))];

/** The departures, certificates, organisations and people the entries point to, each loaded once. */
async function referencesOf(db: DbOrTx, entries: Entry[]): Promise<References> {
  const depIds = numbers(entries, 'departureId');
  const certIds = numbers(entries, 'certificateId');
  const personIds = numbers(entries, 'personId');
  const deps = depIds.length ? await db.select().from(departures).where(inArray(departures.id, depIds)) : [];
  const certs = certIds.length ? await db.select().from(certificates).where(inArray(certificates.id, certIds)) : [];
  const orgIds = [...new Set([...numbers(entries, 'inflowOrgId'), ...numbers(entries, 'fromOrgId'), ...numbers(entries, 'toOrgId'), ...certs.flatMap((c) => (c.inflowOrgId ? [c.inflowOrgId] : []))])];
  const orgs = orgIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const people = personIds.length ? await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, personIds)) : [];
  return {
    departures: new Map(deps.map((d) => [d.id, d])), certificates: new Map(certs.map((c) => [c.id, c])),
    orgs: new Map(orgs.map((o) => [o.id, o.name])), people: new Map(people.map((p) => [p.id, p.name])),
  };
}

function itemOf(e: Entry, refs: References, lang: Language, text: string): TimelineItem {
  const d = e.details ?? {};
  const org = (key: string) => (typeof d[key] === 'number' ? refs.orgs.get(d[key] as number) ?? '' : '');
  if (e.kind === 'call' || e.kind === 'message' || e.kind === 'visit') return { kind: 'contact', contact: e.kind, note: e.note, thoughtReply: 'thoughtReply' in d };
  if (e.kind === 'departure') {
    const dep = refs.departures.get(d.departureId as number);
    if (dep) {
      const code = regionOfPlace(dep.destination);
      const place = (code ? describeRegion(code, lang) : '') || dep.destination;
      return { kind: 'departure', departedOn: dep.departedOn, place, employer: dep.employer, occupation: dep.occupation, returnedOn: dep.returnedOn };
    }
  }
  if (e.kind === 'return') return { kind: 'return', checked: Number(d.certificatesChecked ?? 0) };
  if (e.kind === 'status_change' && d.transfer) return { kind: 'transfer', from: org('fromOrgId'), to: org('toOrgId') };
  if (e.kind === 'status_change') return { kind: 'status', to: String(d.to ?? ''), found: d.found === true };
  if (typeof d.certificateId === 'number') {
    const c = refs.certificates.get(d.certificateId);
    if (c) return { kind: 'certificate', state: String(d.state ?? c.state), number: c.number, issuedOn: c.issuedOn, validUntil: c.validUntil, inflowOrg: c.inflowOrgId ? refs.orgs.get(c.inflowOrgId) ?? null : null, handedOverOn: c.handedOverOn };
  }
  if (typeof d.assigned === 'string') return { kind: 'assigned', role: d.assigned, person: refs.people.get(d.personId as number) ?? '' };
  if ('inflowOrgId' in d) return { kind: 'attached', org: d.inflowOrgId === null ? null : org('inflowOrgId') };
  if (d.card === 'edited' && Array.isArray(d.fields)) return { kind: 'card', fields: d.fields.map(String) };
  return { kind: 'other', entryKind: e.kind, text };
}
