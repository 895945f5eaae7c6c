import { describeRegion } from '../bot/regions/index.js';
import type { Field } from './columns.js';
import { showDate } from './dates.js';
import type { Candidate } from './match.js';
import type { FieldChange, RosterRow } from './types.js';
import { CATEGORY_LABELS, maskIdNumber, STATUS_LABEL } from './values.js';
import { yuan } from '../features/dues/months.js';

/** A place as people read it: the region's names (广东省 东莞市) when there is a region, else the words written. */
export function placeName(code: string | null | undefined, text: string | null | undefined): string {
  return (code ? describeRegion(code) : '') || text || '';
}

/** What the roster shows of a person on record, field by field: the same text the export writes. */
export function shownOnRecord(c: Candidate, field: Field): string {
  const m = c.member;
  switch (field) {
    case 'name': return c.name;
    case 'phone': return c.phone ?? '';
    case 'idNumber': return c.idNumber ?? '';
    case 'birthDate': return c.birthDate ?? '';
    case 'gender': return c.profile?.gender ?? '';
    case 'contact': return c.profile?.contact ?? '';
    case 'destination': return placeName(m?.destinationRegionCode, c.profile?.destination);
    case 'branch': return m?.homeName ?? '';
    case 'category': return m ? CATEGORY_LABELS[m.status] : '';
    case 'status': return m ? STATUS_LABEL(m.probationary) : '';
    case 'departedOn': return showDate(m?.departedOn, m?.departedMonthOnly);
    case 'probationEndsOn': return m?.probationEndsOn ?? '';
    case 'monthlyDues': return c.duesFen === null || !m ? '' : yuan(c.duesFen);
    default: return (m?.[field] as string | null | undefined) ?? '';
  }
}

/** The same, for the row. */
function shownInRow(row: RosterRow, field: Field, branchName: string): string {
  switch (field) {
    case 'branch': return branchName;
    case 'category': return row.category ? CATEGORY_LABELS[row.category] : '';
    case 'status': return row.probationary === undefined ? '' : STATUS_LABEL(row.probationary);
    case 'destination': return placeName(row.destinationCode, row.destination);
    case 'monthlyDues': return row.monthlyDues === undefined ? '' : yuan(row.monthlyDues);
    default: return (row[field as keyof RosterRow] as string | undefined) ?? '';
  }
}

const ROW_FIELD: Partial<Record<Field, keyof RosterRow>> = { category: 'category', status: 'probationary', branch: 'branch' };

/**
 * The fields a row would change on a person on record. An empty cell or a missing column changes nothing (a
 * roster never erases); the name never changes (a different name is a conflict, found before this); the category
 * of a member marked lost contact is left to the search for them. 外出地点 compares regions when both name one.
 */
export function changesFor(row: RosterRow, c: Candidate, orgId: number, branchName: string, showIdNumber: boolean): FieldChange[] {
  const changes: FieldChange[] = [];
  const m = c.member;
  for (const field of Object.keys(FIELD_ORDER) as Field[]) {
    if (field === 'name') continue;
    const given = field === 'branch' ? true : row[(ROW_FIELD[field] ?? field) as keyof RosterRow] !== undefined;
    if (!given) continue;
    if (field === 'branch' && m?.homeOrgId === orgId) continue;
    if (field === 'category' && m?.status === 'lost_contact') continue;
    if (field === 'destination' && row.destinationCode && m?.destinationRegionCode === row.destinationCode) continue;
    const from = shownOnRecord(c, field);
    const to = shownInRow(row, field, branchName);
    if (from === to) continue;
    changes.push(field === 'idNumber' && !showIdNumber ? { field, from: maskIdNumber(from), to: maskIdNumber(to) } : { field, from, to });
  }
  return changes;
}

const FIELD_ORDER: Record<Field, true> = {
  name: true, gender: true, ethnicity: true, birthDate: true, idNumber: true, phone: true, branch: true, category: true, status: true,
  joinedOn: true, fullMemberOn: true, probationEndsOn: true, education: true, employer: true, occupation: true, departedOn: true,
  destination: true, contactName: true, contactPhone: true, contact: true, monthlyDues: true,
};
