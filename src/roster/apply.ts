import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { memberProfiles, members, persons } from '../db/schema/index.js';
import { nameInitials, withInitials } from '../db/nameInitials.js';
import { insertJson, nextIds, type Columns } from './bulk.js';
import type { Field } from './columns.js';
import { isMonthOnly } from './dates.js';
import type { PlannedRow } from './plan.js';
import type { RosterRow } from './types.js';
import { writeDuesAmounts } from './dues.js';

type PersonSet = Partial<typeof persons.$inferInsert>;
type MemberSet = Partial<typeof members.$inferInsert>;
type ProfileSet = { gender?: string | null; contact?: string | null; destination?: string | null };

/** The columns a field is stored in, as a row gives it. */
function valuesOf(row: RosterRow, orgId: number, fields: readonly Field[]): { person: PersonSet; member: MemberSet; profile: ProfileSet; duesFen?: number } {
  const person: PersonSet = {};
  const member: MemberSet = {};
  const profile: ProfileSet = {};
  let duesFen: number | undefined;
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
      case 'monthlyDues': duesFen = row.monthlyDues; break;
      case 'departedOn':
        member.departedOn = row.departedOn ? (isMonthOnly(row.departedOn) ? `${row.departedOn}-01` : row.departedOn) : null;
        member.departedMonthOnly = row.departedOn ? isMonthOnly(row.departedOn) : false;
        break;
      default: member[f] = row[f] ?? null;
    }
  }
  return { person, member, profile, ...(duesFen !== undefined ? { duesFen } : {}) };
}

const GIVEN_FIELDS = (row: RosterRow): Field[] => {
  const fields: Field[] = ['name', 'branch'];
  const map: [Field, unknown][] = [
    ['phone', row.phone], ['idNumber', row.idNumber], ['birthDate', row.birthDate], ['gender', row.gender], ['contact', row.contact],
    ['destination', row.destination], ['category', row.category], ['status', row.probationary], ['departedOn', row.departedOn],
    ['ethnicity', row.ethnicity], ['education', row.education], ['joinedOn', row.joinedOn], ['fullMemberOn', row.fullMemberOn],
    ['probationEndsOn', row.probationEndsOn], ['employer', row.employer], ['occupation', row.occupation],
    ['contactName', row.contactName], ['contactPhone', row.contactPhone], ['monthlyDues', row.monthlyDues],
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
  const created = await insertFresh(tx, fresh, now);
  const dues = fresh.flatMap((p, i) => (p.row!.monthlyDues === undefined ? [] : [{ personId: created[i]!, fen: p.row!.monthlyDues }]));
  for (const p of attach) {
    const c = p.candidate!;
    const v = valuesOf(p.row!, p.orgId!, GIVEN_FIELDS(p.row!));
    if (v.duesFen !== undefined) dues.push({ personId: c.id, fen: v.duesFen });
    const personFill: PersonSet = {};
    for (const k of ['phone', 'idNumber', 'birthDate'] as const) if (v.person[k] && !c[k]) personFill[k] = v.person[k];
    if (Object.keys(personFill).length) await tx.update(persons).set(personFill).where(eq(persons.id, c.id));
    await tx.insert(members).values({ status: 'resident', ...v.member, personId: c.id, homeOrgId: p.orgId!, createdAt: now });
    await tx.insert(memberProfiles).values({ ...v.profile, memberId: c.id, updatedAt: now }).onConflictDoNothing();
    created.push(c.id);
  }
  const updated: number[] = [];
  for (const p of changed) {
    const id = p.candidate!.id;
    const v = valuesOf(p.row!, p.orgId!, p.changed!);
    if (Object.keys(v.person).length) await tx.update(persons).set(await withInitials(v.person)).where(eq(persons.id, id));
    if (Object.keys(v.member).length) await tx.update(members).set(v.member).where(eq(members.personId, id));
    if (v.duesFen !== undefined) dues.push({ personId: id, fen: v.duesFen });
    if (Object.keys(v.profile).length) {
      await tx.insert(memberProfiles).values({ ...v.profile, memberId: id, updatedAt: now })
        .onConflictDoUpdate({ target: memberProfiles.memberId, set: { ...v.profile, updatedAt: now } });
    }
    updated.push(id);
  }
  await writeDuesAmounts(tx, dues, actorId, now);
  await insertJson(tx, 'tracking_entries', { member_id: 'int', at: 'timestamptz', actor_id: 'int', kind: 'text', details: 'jsonb' }, [
    ...created.map((id) => ({ member_id: id, at: now, actor_id: actorId, kind: 'note', details: { roster: 'created' } })),
    ...changed.map((p) => ({ member_id: p.candidate!.id, at: now, actor_id: actorId, kind: 'note', details: { roster: 'updated', fields: p.changed } })),
  ]);
  return { created, updated };
}

const MEMBER_COLUMNS: Columns = {
  person_id: 'int', home_org_id: 'int', status: 'text', probationary: 'boolean', probation_ends_on: 'date', occupation: 'text', employer: 'text',
  destination_region_code: 'text', departed_on: 'date', departed_month_only: 'boolean', ethnicity: 'text', education: 'text', joined_on: 'text',
  full_member_on: 'text', contact_name: 'text', contact_phone: 'text', created_at: 'timestamptz',
};

/** New people in four statements whatever their number: persons, members, their profiles (ids taken first). */
async function insertFresh(tx: DbOrTx, fresh: PlannedRow[], now: Date): Promise<number[]> {
  const ids = await nextIds(tx, 'persons', fresh.length);
  const values = fresh.map((p) => valuesOf(p.row!, p.orgId!, GIVEN_FIELDS(p.row!)));
  const initials = await Promise.all(values.map((v) => nameInitials(v.person.name ?? '')));
  await insertJson(tx, 'persons', { id: 'int', name: 'text', name_initials: 'text', phone: 'text', id_number: 'text', birth_date: 'text' },
    values.map((v, i) => ({ id: ids[i], name: v.person.name, name_initials: initials[i], phone: v.person.phone, id_number: v.person.idNumber, birth_date: v.person.birthDate })), { overridingIds: true });
  await insertJson(tx, 'members', MEMBER_COLUMNS, values.map((v, i) => {
    const m = v.member;
    return {
      person_id: ids[i], home_org_id: fresh[i]!.orgId, status: m.status ?? 'resident', probationary: m.probationary ?? false, probation_ends_on: m.probationEndsOn,
      occupation: m.occupation, employer: m.employer, destination_region_code: m.destinationRegionCode, departed_on: m.departedOn,
      departed_month_only: m.departedMonthOnly ?? false, ethnicity: m.ethnicity, education: m.education, joined_on: m.joinedOn, full_member_on: m.fullMemberOn,
      contact_name: m.contactName, contact_phone: m.contactPhone, created_at: now,
    };
  }));
  await insertJson(tx, 'member_profiles', { member_id: 'int', gender: 'text', contact: 'text', destination: 'text', updated_at: 'timestamptz' },
    values.map((v, i) => ({ member_id: ids[i], gender: v.profile.gender, contact: v.profile.contact, destination: v.profile.destination, updated_at: now })));
  return ids;
}
