import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { certificates, departures, duesPayments, homeVisitTasks, organisations, recognitions } from '../db/schema/index.js';
import { t, type Language } from '../bot/i18n/index.js';
import { placeName } from './diff.js';
import { regionOfPlace } from './validate.js';

/** The rows a card line names by id (a recognition, a home-visit task, an absence, a certificate), loaded once per card. */
export interface CardRecords {
  recognitions: Map<number, { year: number; reason: string; org: string }>;
  tasks: Map<number, { homeOn: string; dueOn: string }>;
  departures: Map<number, { on: string; destination: string }>;
  certificates: Map<number, string>;
  /** Organisations a line names by id (where dues were paid). */
  orgs: Map<number, string>;
}

export async function loadCardRecords(db: DbOrTx, memberId: number): Promise<CardRecords> {
  const rec = await db.select({ id: recognitions.id, year: recognitions.year, reason: recognitions.reason, org: organisations.name }).from(recognitions)
    .innerJoin(organisations, eq(organisations.id, recognitions.proposedByOrgId)).where(eq(recognitions.memberId, memberId));
  const tasks = await db.select().from(homeVisitTasks).where(eq(homeVisitTasks.memberId, memberId));
  const deps = await db.select().from(departures).where(eq(departures.memberId, memberId));
  const certs = await db.select({ id: certificates.id, number: certificates.number }).from(certificates).where(eq(certificates.memberId, memberId));
  const orgs = await db.selectDistinct({ id: organisations.id, name: organisations.name }).from(duesPayments)
    .innerJoin(organisations, eq(organisations.id, duesPayments.paidAtOrgId)).where(eq(duesPayments.memberId, memberId));
  return {
    recognitions: new Map(rec.map((r) => [r.id, { year: r.year, reason: r.reason, org: r.org }])),
    tasks: new Map(tasks.map((x) => [x.id, { homeOn: x.homeOn, dueOn: x.dueOn }])),
    departures: new Map(deps.map((x) => [x.id, { on: x.departedOn, destination: placeName(regionOfPlace(x.destination), x.destination) }])),
    certificates: new Map(certs.map((c) => [c.id, c.number])),
    orgs: new Map(orgs.map((o) => [o.id, o.name])),
  };
}

type Details = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * What a note of the year of membership says on the tracking card: the self-evaluation and the opinions and result
 * of 民主评议 (the words as they were recorded), a 先进, months of dues paid, training and work found, a home-visit
 * task, a certificate's step. Undefined for a note that is none of these.
 */
export function yearNote(lang: Language, d: Details, r: CardRecords): string | undefined {
  if (d.selfEvaluation !== undefined) return t(lang, 'card-content-self-evaluation', { year: str(d.selfEvaluation), text: str(d.text) || '-' });
  if (d.evaluationOpinion !== undefined) return t(lang, 'card-content-evaluation-opinion', { year: str(d.evaluationOpinion), side: str(d.side), text: str(d.text) || '-' });
  if (d.evaluationResult !== undefined) return t(lang, 'card-content-evaluation-result', { year: str(d.evaluationResult), result: str(d.result), reason: str(d.reason) || '-' });
  if (d.recognition !== undefined) {
    const x = r.recognitions.get(Number(d.recognition));
    return x ? t(lang, 'card-content-recognition', { year: String(x.year), reason: x.reason, org: x.org }) : undefined;
  }
  if (Array.isArray(d.duesMonths)) {
    return t(lang, 'card-content-dues', { months: d.duesMonths.map(String).join('、'), count: d.duesMonths.length, at: r.orgs.get(Number(d.atOrgId)) ?? '-' });
  }
  if (d.recognitionRevoked !== undefined) return t(lang, 'card-content-recognition-revoked', { year: str(d.year), reason: str(d.reason) || '-' });
  if (d.certificateActivity !== undefined) return t(lang, 'card-content-certificate-activity', { date: str(d.on), what: str(d.what), org: str(d.org) || '-' });
  if (d.ownJobWish === true) {
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join('、') : '') || '-';
    const place = ['local', 'away', 'any'].includes(str(d.place)) ? t(lang, `jobwish-place-${str(d.place)}`) : str(d.place) || '-';
    return t(lang, 'card-content-own-job-wish', { work: list(d.work), place, training: list(d.training) });
  }
  if (d.employment !== undefined) return t(lang, 'card-content-employment', { outcome: str(d.employment) });
  if (Array.isArray(d.employmentWish)) return t(lang, 'card-content-job-wish', { wishes: d.employmentWish.map(String).join('、') || '-' });
  if (d.homeVisitTask !== undefined) {
    const x = r.tasks.get(Number(d.homeVisitTask));
    return x ? t(lang, 'card-content-home-visit-task', { source: str(d.source), home: x.homeOn, due: x.dueOn }) : undefined;
  }
  if (d.certificateId !== undefined) return t(lang, 'card-content-certificate', { number: r.certificates.get(Number(d.certificateId)) ?? '-', state: str(d.state) });
  return undefined;
}

/** An absence registered, or ended: where to and since when; back by the member's own word, or checked by staff. */
export function movementNote(lang: Language, kind: 'departure' | 'return', d: Details, r: CardRecords): string | undefined {
  if (kind === 'return') return d.said ? t(lang, 'card-content-return-said') : t(lang, 'card-content-return', { checked: Number(d.certificatesChecked ?? 0) });
  const x = r.departures.get(Number(d.departureId));
  return x ? t(lang, 'card-content-departure', { date: x.on, place: x.destination }) : undefined;
}
