import { and, asc, eq, like, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { duesAmounts, memberProfiles, members, organisations, persons, staffRoles } from '../db/schema/index.js';
import { EXPORT_FIELDS, EXPORT_HEADER } from './columns.js';
import { shownOnRecord } from './diff.js';
import type { Candidate } from './match.js';
import { tableFile } from './tableFile.js';
import { maskIdNumber } from './values.js';

export interface ExportOptions {
  /** 身份证号 in full only to the member's own secretary (and the command line); masked otherwise. */
  showIdNumber?: (homeOrgId: number) => boolean;
}

/** Whose 身份证号 a staff person sees in full: the members of a branch where they are the secretary. */
export async function idNumbersShownTo(db: DbOrTx, staffId: number): Promise<(homeOrgId: number) => boolean> {
  const own = await db.select({ orgId: staffRoles.orgId }).from(staffRoles).where(and(eq(staffRoles.personId, staffId), eq(staffRoles.role, 'secretary')));
  const orgs = new Set(own.map((r) => r.orgId));
  return (homeOrgId) => orgs.has(homeOrgId);
}

/** The members of an organisation subtree as people on record, the shape the import compares rows with. */
export async function membersOnRecord(db: DbOrTx, orgPath: string): Promise<Candidate[]> {
  return candidatesWhere(db, like(organisations.path, `${orgPath}%`));
}

/** Members as people on record (the roster's shape: person, member, profile, home branch, dues), chosen by `where`. */
export async function candidatesWhere(db: DbOrTx, where: SQL | undefined): Promise<Candidate[]> {
  const rows = await db
    .select({ p: persons, m: members, profile: memberProfiles, homeName: organisations.name, homePath: organisations.path, duesFen: duesAmounts.monthlyFen })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .innerJoin(organisations, eq(organisations.id, members.homeOrgId))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.personId))
    .leftJoin(duesAmounts, eq(duesAmounts.memberId, members.personId))
    .where(where)
    .orderBy(asc(organisations.path), asc(persons.id));
  return rows.map(({ p, m, profile, homeName, homePath, duesFen }) => ({
    id: p.id, name: p.name, phone: p.phone, idNumber: p.idNumber, birthDate: p.birthDate,
    member: { ...m, homeName, homePath }, profile: profile ? { gender: profile.gender, contact: profile.contact, destination: profile.destination } : null,
    duesFen, staffPaths: [],
  }));
}

/** The roster rows of an organisation subtree, in the import layout, so that export → import changes nothing. */
export async function rosterRows(db: DbOrTx, orgPath: string, opts: ExportOptions = {}): Promise<string[][]> {
  const show = opts.showIdNumber ?? (() => false);
  return (await membersOnRecord(db, orgPath)).map((c) => EXPORT_FIELDS.map((f) => {
    const v = shownOnRecord(c, f);
    return f === 'idNumber' && !show(c.member!.homeOrgId) ? maskIdNumber(v) : v;
  }));
}

export async function exportRoster(db: DbOrTx, orgId: number, opts: ExportOptions = {}): Promise<Buffer> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new Error(`organisation ${orgId} not found`);
  const rows = await rosterRows(db, org.path, opts);
  // Text, not numbers: Excel would turn an 18-digit 身份证号 into 3.2E+17 and a phone into a number.
  return tableFile({ sheet: '花名册', header: [...EXPORT_HEADER], rows, textColumns: (['idNumber', 'phone', 'contactPhone'] as const).map((f) => EXPORT_FIELDS.indexOf(f)) });
}
