import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { memberProfiles, members, persons, trackingEntries } from '../db/schema/index.js';
import type { Field } from './columns.js';
import { isMonthOnly } from './dates.js';
import type { PlannedRow } from './plan.js';
import type { RosterRow } from './types.js';

type PersonSet = Partial<typeof persons.$inferInsert>;
type MemberSet = Partial<typeof members.$inferInsert>;
type ProfileSet = { gender?: string | null; contact?: string | null; destination?: string | null };

/** The columns a field is stored in, as a row gives it. */
function valuesOf(row: RosterRow, orgId: number, fields: readonly Field[]): { person: PersonSet; member: MemberSet; profile: ProfileSet } {
  const person: PersonSet = {};
  const member: MemberSet = {};
  const profile: ProfileSet = {};
  for (const f of fields) {
    switch (f) {
      case 'name': person.name = row.name; break;
      case 'phone': person.phone = row.phone ?? null; break;
      case 'idNumber': person.idNumber = row.idNumber ?? null; break;
      case 'birthDate': person.birthDate = row.birthDate ?? null; break;
      case 'gender': profile.gender = row.gender ?? null; break;
      case 'contact': profile.contact = row.contact ?? null; break;
      case 'destination':
        profile.destination = row.destination ?? null;
        member.destinationRegionCode = row.destinationCode ?? null;
        break;
      case 'branch': member.homeOrgId = orgId; break;
      case 'category': if (row.category) member.status = row.category; break;
      case 'status': if (row.probationary !== undefined) member.probationary = row.probationary; break;
      case 'departedOn':
        member.departedOn = row.departedOn ? (isMonthOnly(row.departedOn) ? `${row.departedOn}-01` : row.departedOn) : null;
        member.departedMonthOnly = row.departedOn ? isMonthOnly(row.departedOn) : false;
        break;
      default: member[f] = row[f] ?? null;
    }
  }
  return { person, member, profile };
}

const GIVEN_FIELDS = (row: RosterRow): Field[] => {
  const fields: Field[] = ['name', 'branch'];
  const map: [Field, unknown][] = [
    ['phone', row.phone], ['idNumber', row.idNumber], ['birthDate', row.birthDate], ['gender', row.gender], ['contact', row.contact],
    ['destination', row.destination], ['category', row.category], ['status', row.probationary], ['departedOn', row.departedOn],
    ['ethnicity', row.ethnicity], ['education', row.education], ['joinedOn', row.joinedOn], ['fullMemberOn', row.fullMemberOn],
    ['probationEndsOn', row.probationEndsOn], ['employer', row.employer], ['occupation', row.occupation],
    ['contactName', row.contactName], ['contactPhone', row.contactPhone],
  ];
  for (const [f, v] of map) if (v !== undefined) fields.push(f);
  return fields;
};

export interface Written {
  created: number[];
  updated: number[];
}

/**
 * Writes a planned chunk inside the caller's transaction: new people in a few multi-row inserts, changed people
 * one by one (only the fields that change), and a line on each one's tracking card (ids and field names only).
 */
export async function writeChunk(tx: DbOrTx, planned: PlannedRow[], actorId: number | null, now: Date): Promise<Written> {
  const fresh = planned.filter((p) => p.outcome.kind === 'new' && !p.candidate);
  const attach = planned.filter((p) => p.outcome.kind === 'new' && p.candidate);
  const changed = planned.filter((p) => p.outcome.kind === 'update');
  const created: number[] = [];
  if (fresh.length > 0) {
    const values = fresh.map((p) => valuesOf(p.row!, p.orgId!, GIVEN_FIELDS(p.row!)));
    const ids = await tx.insert(persons).values(values.map((v) => ({ ...v.person, name: v.person.name! }))).returning({ id: persons.id });
    created.push(...ids.map((r) => r.id));
    await tx.insert(members).values(values.map((v, i) => ({ status: 'resident' as const, ...v.member, personId: ids[i]!.id, homeOrgId: fresh[i]!.orgId! })));
    await tx.insert(memberProfiles).values(values.map((v, i) => ({ ...v.profile, memberId: ids[i]!.id, updatedAt: now })));
  }
  for (const p of attach) {
    const c = p.candidate!;
    const v = valuesOf(p.row!, p.orgId!, GIVEN_FIELDS(p.row!));
    const personFill: PersonSet = {};
    for (const k of ['phone', 'idNumber', 'birthDate'] as const) if (v.person[k] && !c[k]) personFill[k] = v.person[k];
    if (Object.keys(personFill).length) await tx.update(persons).set(personFill).where(eq(persons.id, c.id));
    await tx.insert(members).values({ status: 'resident', ...v.member, personId: c.id, homeOrgId: p.orgId! });
    await tx.insert(memberProfiles).values({ ...v.profile, memberId: c.id, updatedAt: now }).onConflictDoNothing();
    created.push(c.id);
  }
  const updated: number[] = [];
  for (const p of changed) {
    const id = p.candidate!.id;
    const v = valuesOf(p.row!, p.orgId!, p.changed!);
    if (Object.keys(v.person).length) await tx.update(persons).set(v.person).where(eq(persons.id, id));
    if (Object.keys(v.member).length) await tx.update(members).set(v.member).where(eq(members.personId, id));
    if (Object.keys(v.profile).length) {
      await tx.insert(memberProfiles).values({ ...v.profile, memberId: id, updatedAt: now })
        .onConflictDoUpdate({ target: memberProfiles.memberId, set: { ...v.profile, updatedAt: now } });
    }
    updated.push(id);
  }
  const notes = [
    ...created.map((memberId) => ({ memberId, at: now, actorId, kind: 'note' as const, details: { roster: 'created' } })),
    ...changed.map((p) => ({ memberId: p.candidate!.id, at: now, actorId, kind: 'note' as const, details: { roster: 'updated', fields: p.changed } })),
  ];
  if (notes.length) await tx.insert(trackingEntries).values(notes);
  return { created, updated };
}
