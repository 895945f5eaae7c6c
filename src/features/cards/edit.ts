import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { memberProfiles, members, persons, trackingEntries } from '../../db/schema/index.js';
import type { Field } from '../../roster/columns.js';
import { isMonthOnly } from '../../roster/dates.js';
import { shownOnRecord } from '../../roster/diff.js';
import type { Candidate } from '../../roster/match.js';
import type { RosterRow, RowProblem } from '../../roster/types.js';
import { validateRow } from '../../roster/validate.js';
import { clean, isMaskedIdNumber } from '../../roster/values.js';
import { authorize } from '../access/authorize.js';
import { CARD_FIELDS, cardValuesFor, memberOnRecord, type CardField } from './registration.js';

export type CardInput = Partial<Record<CardField, string>>;
export type CardProblemKind = RowProblem | 'id-number-taken';
export interface CardProblem {
  field: Field;
  problem: CardProblemKind;
}

export type CardEdit =
  | { kind: 'not-found' }
  | { kind: 'invalid'; problems: CardProblem[] }
  | { kind: 'unchanged' }
  | { kind: 'saved'; name: string; fields: CardField[] };

/** Checked against each other as the roster import does: the 身份证号 carries a birth date and a sex. */
const IDENTITY: readonly CardField[] = ['idNumber', 'birthDate', 'gender'];
/** A select on the card, never empty: emptying it is a mistake, not an erasure. */
const NEVER_EMPTY: readonly CardField[] = ['name', 'category', 'status'];

/**
 * A change to the registration card (登记卡) by someone who manages the member (the home branch's secretary or
 * an admin above it), checked like a roster row (phone, 身份证号 checksum, dates to the month or the day).
 * Only the fields that differ from what the person was shown are written; an emptied field is erased (unlike
 * the import, where an empty cell means "not given"). The audit log and the tracking card get field names only.
 */
export async function editRegistrationCard(db: DbOrTx, staffId: number, memberId: number, input: CardInput, now: Date): Promise<CardEdit> {
  const target = { kind: 'member', id: memberId } as const;
  const c = await memberOnRecord(db, memberId);
  if (!c?.member) {
    await authorize(db, staffId, 'member.manage', target, now, { step: 'card' });
    return { kind: 'not-found' };
  }
  const shown = await cardValuesFor(db, staffId, c);
  const changed = changedFields(c, shown, input);
  const checked = checkCard(c, input, changed);
  const problems = 'problems' in checked ? checked.problems : [];
  const refused = [...new Set(problems.map((p) => p.field))];
  if (!(await authorize(db, staffId, 'member.manage', target, now, { step: 'card', fields: changed, ...(refused.length ? { refused } : {}) }))) return { kind: 'not-found' };
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (changed.length === 0) return { kind: 'unchanged' };
  const row = (checked as { ok: RosterRow }).ok;
  if (changed.includes('idNumber') && row.idNumber) {
    // Whose number it is stays unsaid: the person may be outside the editor's scope.
    const [other] = await db.select({ id: persons.id }).from(persons).where(and(eq(persons.idNumber, row.idNumber), ne(persons.id, memberId))).limit(1);
    if (other) return { kind: 'invalid', problems: [{ field: 'idNumber', problem: 'id-number-taken' }] };
  }
  await writeCard(db, c, row, changed, now);
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'note', details: { card: 'edited', fields: changed } });
  return { kind: 'saved', name: row.name, fields: changed };
}

function changedFields(c: Candidate, shown: Record<Field, string>, input: CardInput): CardField[] {
  return CARD_FIELDS.filter((f) => {
    const v = input[f];
    if (v === undefined) return false;
    const given = clean(v);
    // The masked number the form showed is no change; a member marked lost contact keeps the category until found.
    if (f === 'idNumber' && isMaskedIdNumber(given)) return false;
    if (f === 'category' && c.member!.status === 'lost_contact') return false;
    return given !== clean(shown[f]);
  });
}

/** The changed fields (and what they must agree with) as one roster row, through the import's own checks. */
function checkCard(c: Candidate, input: CardInput, changed: CardField[]): { ok: RosterRow } | { problems: CardProblem[] } {
  const empty = changed.filter((f) => clean(input[f]) === '');
  const required = empty.filter((f) => NEVER_EMPTY.includes(f)).map((field): CardProblem => ({ field, problem: 'required' }));
  const fields = new Set<Field>(['name', ...changed.filter((f) => !empty.includes(f))]);
  if (changed.some((f) => IDENTITY.includes(f))) for (const f of IDENTITY) fields.add(f);
  const columns = [...fields];
  const cells = columns.map((f) => (changed.includes(f as CardField) ? clean(input[f as CardField]) : shownOnRecord(c, f)));
  const result = validateRow({ row: 1, cells }, columns);
  const problems: CardProblem[] = [...required, ...('errors' in result ? result.errors.map((e) => ({ field: e.field ?? 'name', problem: e.problem })) : [])];
  if ('ok' in result && result.ok.category === 'lost_contact') problems.push({ field: 'category', problem: 'bad-category' });
  if (problems.length > 0) return { problems };
  return { ok: (result as { ok: RosterRow }).ok };
}

/** What an emptied field becomes, per column. */
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

async function writeCard(db: DbOrTx, c: Candidate, row: RosterRow, changed: CardField[], now: Date): Promise<void> {
  const person: Partial<typeof persons.$inferInsert> = {};
  const member: Partial<typeof members.$inferInsert> = {};
  const profile: { gender?: string | null; contact?: string | null; destination?: string | null } = {};
  for (const f of changed) {
    switch (f) {
      case 'name': person.name = row.name; break;
      case 'phone': case 'idNumber': case 'birthDate': person[f] = orNull(row[f]); break;
      case 'gender': case 'contact': profile[f] = orNull(row[f]); break;
      case 'destination':
        profile.destination = orNull(row.destination);
        member.destinationRegionCode = orNull(row.destinationCode);
        break;
      case 'category': member.status = row.category!; break;
      case 'status': member.probationary = row.probationary!; break;
      case 'departedOn':
        member.departedOn = row.departedOn ? (isMonthOnly(row.departedOn) ? `${row.departedOn}-01` : row.departedOn) : null;
        member.departedMonthOnly = row.departedOn ? isMonthOnly(row.departedOn) : false;
        break;
      default: member[f] = orNull(row[f]);
    }
  }
  if (Object.keys(person).length) await db.update(persons).set(person).where(eq(persons.id, c.id));
  if (Object.keys(member).length) await db.update(members).set(member).where(eq(members.personId, c.id));
  if (Object.keys(profile).length) {
    await db.insert(memberProfiles).values({ ...profile, memberId: c.id, updatedAt: now })
      .onConflictDoUpdate({ target: memberProfiles.memberId, set: { ...profile, updatedAt: now } });
  }
}
