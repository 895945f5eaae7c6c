import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { certificates, departures, memberProfiles, members, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { authorize } from '../access/authorize.js';
import { markReturned } from './returned.js';
import { memberNames } from '../access/byName.js';
import { describeRegion } from '../../bot/regions/index.js';
import { regionOfPlace } from '../../roster/validate.js';

/** An activity certificate covers up to six months; a longer stay should transfer the organisation relationship. */
export const CERTIFICATE_MAX_MONTHS = 6;

export interface DepartureInput {
  departedOn: string;
  destination: string;
  employer?: string;
  occupation?: string;
  contact?: string;
}

/** 外出登记 on the member's behalf: the registration card fields, and the member becomes mobile. One open absence at a time. */
export async function registerDeparture(db: DbOrTx, staffId: number, memberId: number, input: DepartureInput, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { step: 'departure' }))) return [reply('staff-member-not-found')];
  const names = (await memberNames(db, memberId))!;
  const [open] = await db.select({ departedOn: departures.departedOn }).from(departures).where(and(eq(departures.memberId, memberId), isNull(departures.returnedOn))).limit(1);
  if (open) return [reply('staff-departure-open', { args: { name: names.name, date: open.departedOn } })];
  // A place people know by name (东莞, 杭州市) is kept as its region code too, so lists and filters find it.
  const code = regionOfPlace(input.destination);
  const [dep] = await db.insert(departures).values({
    memberId, departedOn: input.departedOn, destination: input.destination, employer: input.employer ?? null, occupation: input.occupation ?? null,
    contact: input.contact ?? null, registeredBy: staffId, createdAt: now,
  }).returning({ id: departures.id });
  await db.update(members).set({
    status: 'mobile', departedOn: input.departedOn, ...(code ? { destinationRegionCode: code } : {}),
    ...(input.employer ? { employer: input.employer } : {}), ...(input.occupation ? { occupation: input.occupation } : {}),
  }).where(eq(members.personId, memberId));
  const profile = { destination: input.destination, ...(input.contact ? { contact: input.contact } : {}), updatedAt: now };
  await db.insert(memberProfiles).values({ memberId, ...profile }).onConflictDoUpdate({ target: memberProfiles.memberId, set: profile });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'departure', details: { departureId: dep!.id } });
  const place = (code ? describeRegion(code) : '') || input.destination;
  return [reply('staff-departure-registered', { args: { name: names.name, date: input.departedOn, place } })];
}

/** 《流动党员活动证》: number, validity and the inflow organisation it will be handed to. */
export async function issueCertificate(db: DbOrTx, staffId: number, memberId: number, cert: { number: string; issuedOn: string; validUntil: string; inflowOrgId?: number }, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { step: 'certificate' }))) return [reply('staff-member-not-found')];
  const months = (Date.parse(cert.validUntil) - Date.parse(cert.issuedOn)) / (30.44 * 86_400_000);
  if (!(months > 0)) return [reply('staff-certificate-bad-dates')];
  const [row] = await db.insert(certificates).values({ memberId, number: cert.number, issuedOn: cert.issuedOn, validUntil: cert.validUntil, inflowOrgId: cert.inflowOrgId ?? null })
    .onConflictDoNothing().returning({ id: certificates.id });
  if (!row) return [reply('staff-certificate-number-taken')];
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { certificateId: row.id, state: 'issued' } });
  const name = (await memberNames(db, memberId))!.name;
  return [reply(months > CERTIFICATE_MAX_MONTHS ? 'staff-certificate-issued-long' : 'staff-certificate-issued', { args: { name, months: CERTIFICATE_MAX_MONTHS } })];
}

/** The inflow organisation (or the home branch) records that the certificate was handed over at the destination. */
export async function recordHandOver(db: DbOrTx, staffId: number, memberId: number, on: string, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.log', { kind: 'member', id: memberId }, now, { step: 'handover' }))) return [reply('staff-member-not-found')];
  const [cert] = await db.select().from(certificates).where(and(eq(certificates.memberId, memberId), eq(certificates.state, 'issued'))).orderBy(desc(certificates.issuedOn)).limit(1);
  if (!cert) return [reply('staff-certificate-none')];
  await db.update(certificates).set({ state: 'handed_over', handedOverOn: on }).where(eq(certificates.id, cert.id));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { certificateId: cert.id, state: 'handed_over' } });
  return [reply('staff-certificate-handed-over', { args: { name: (await memberNames(db, memberId))!.name } })];
}

/** Back home: the absence closes, the certificate is checked, the member is 'returned', the liaison gets a home visit to make. */
export async function registerReturn(db: DbOrTx, staffId: number, memberId: number, on: string, now: Date, opts: { homeVisitDueDays: number }): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { step: 'return' }))) return [reply('staff-member-not-found')];
  const [away] = await db.select({ departedOn: departures.departedOn }).from(departures).where(and(eq(departures.memberId, memberId), isNull(departures.returnedOn))).limit(1);
  // YYYY-MM-DD strings compare as dates: a return before the departure it closes is a mistyped date.
  if (away && on < away.departedOn) return [reply('staff-return-before-departure', { args: { name: (await memberNames(db, memberId))!.name, date: on, departed: away.departedOn } }), reply('staff-usage', { args: { tool: 'return' } })];
  const open = await db.select({ id: certificates.id }).from(certificates).where(and(eq(certificates.memberId, memberId), inArray(certificates.state, ['issued', 'handed_over'])));
  if (open.length > 0) await db.update(certificates).set({ state: 'checked', checkedOn: on }).where(inArray(certificates.id, open.map((c) => c.id)));
  await markReturned(db, memberId, on, now, { actorId: staffId, source: 'return', details: { certificatesChecked: open.length }, homeVisitDueDays: opts.homeVisitDueDays });
  return [reply('staff-return-registered', { args: { name: (await memberNames(db, memberId))!.name, date: on, checked: open.length } })];
}
