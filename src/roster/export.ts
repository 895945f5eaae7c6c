import type { Writable } from 'node:stream';
import { and, asc, eq, gt, gte, like, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { duesAmounts, memberProfiles, members, organisations, persons, staffRoles } from '../db/schema/index.js';
import { EXPORT_FIELDS, EXPORT_HEADER } from './columns.js';
import { shownOnRecord } from './diff.js';
import type { Candidate } from './match.js';
import { tableFile, writeTableFile, type TableFile } from './tableFile.js';
import { maskIdNumber } from './values.js';

export interface ExportOptions {
  /** 身份证号 in full only to the member's own secretary (and the command line); masked otherwise. */
  showIdNumber?: (homeOrgId: number) => boolean;
  /** Members read at a time (ROSTER_PAGE); tests make it small to cross page boundaries. */
  pageSize?: number;
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

function selectCandidates(db: DbOrTx) {
  return db
    .select({ p: persons, m: members, profile: memberProfiles, homeName: organisations.name, homePath: organisations.path, duesFen: duesAmounts.monthlyFen })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .innerJoin(organisations, eq(organisations.id, members.homeOrgId))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.personId))
    .leftJoin(duesAmounts, eq(duesAmounts.memberId, members.personId));
}

type CandidateRow = Awaited<ReturnType<ReturnType<typeof selectCandidates>['execute']>>[number];

function asCandidate({ p, m, profile, homeName, homePath, duesFen }: CandidateRow): Candidate {
  return {
    id: p.id, name: p.name, phone: p.phone, idNumber: p.idNumber, birthDate: p.birthDate,
    member: { ...m, homeName, homePath }, profile: profile ? { gender: profile.gender, contact: profile.contact, destination: profile.destination } : null,
    duesFen, staffPaths: [],
  };
}

/** Members as people on record (the roster's shape: person, member, profile, home branch, dues), chosen by `where`. */
export async function candidatesWhere(db: DbOrTx, where: SQL | undefined): Promise<Candidate[]> {
  return (await selectCandidates(db).where(where).orderBy(asc(organisations.path), asc(members.personId))).map(asCandidate);
}

/**
 * Members read at a time for a file: a county's million rows read at once took the process to several GB; a page of
 * 5,000 is some 20 MB and one query among 200.
 */
export const ROSTER_PAGE = 5_000;

/**
 * The members of a subtree page by page, in the roster's order (branch path, then person id), each page after the
 * last one's (path, id): an OFFSET would read again all the rows before it. Pages are separate queries: a caller who
 * needs one moment's roster reads them in one repeatable-read transaction.
 */
export async function* memberPages(db: DbOrTx, orgPath: string, pageSize = ROSTER_PAGE): AsyncGenerator<Candidate[]> {
  let after: { path: string; id: number } | undefined;
  for (;;) {
    // Spelled out rather than a row comparison, so that the path bound can use the index on organisations.path.
    const next = after && and(gte(organisations.path, after.path), or(gt(organisations.path, after.path), gt(members.personId, after.id)));
    const rows = await selectCandidates(db)
      .where(and(like(organisations.path, `${orgPath}%`), next))
      .orderBy(asc(organisations.path), asc(members.personId))
      .limit(pageSize);
    if (rows.length > 0) yield rows.map(asCandidate);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { path: last.homePath, id: last.m.personId };
  }
}

function rosterRow(c: Candidate, show: (homeOrgId: number) => boolean): string[] {
  return EXPORT_FIELDS.map((f) => {
    const v = shownOnRecord(c, f);
    return f === 'idNumber' && !show(c.member!.homeOrgId) ? maskIdNumber(v) : v;
  });
}

/** The roster rows of an organisation subtree, in the import layout, so that export → import changes nothing. */
export async function rosterRows(db: DbOrTx, orgPath: string, opts: ExportOptions = {}): Promise<string[][]> {
  const show = opts.showIdNumber ?? (() => false);
  return (await membersOnRecord(db, orgPath)).map((c) => rosterRow(c, show));
}

/** The same rows as they are read, page by page: what a file is written from, so that memory does not grow with them. */
export async function* rosterRowsPaged(db: DbOrTx, orgPath: string, opts: ExportOptions = {}): AsyncGenerator<string[]> {
  const show = opts.showIdNumber ?? (() => false);
  for await (const page of memberPages(db, orgPath, opts.pageSize)) for (const c of page) yield rosterRow(c, show);
}

async function rosterTable(db: DbOrTx, orgId: number, opts: ExportOptions): Promise<TableFile> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new Error(`organisation ${orgId} not found`);
  // Text, not numbers: Excel would turn an 18-digit 身份证号 into 3.2E+17 and a phone into a number.
  return {
    sheet: '花名册', header: [...EXPORT_HEADER], rows: rosterRowsPaged(db, org.path, opts),
    textColumns: (['idNumber', 'phone', 'contactPhone'] as const).map((f) => EXPORT_FIELDS.indexOf(f)),
  };
}

/** The 花名册 of an organisation subtree as an .xlsx file's bytes (chat and console: at most MAX_MEMBERS_PER_FILE). */
export async function exportRoster(db: DbOrTx, orgId: number, opts: ExportOptions = {}): Promise<Buffer> {
  return tableFile(await rosterTable(db, orgId, opts));
}

/**
 * The same file written to `out` as it is made, for the command line, which has no limit: neither the rows nor the
 * file are held, nor (inlineStrings) the table of every text in it.
 */
export async function writeRoster(db: DbOrTx, orgId: number, out: Writable, opts: ExportOptions & { inlineStrings?: boolean } = {}): Promise<void> {
  await writeTableFile({ ...(await rosterTable(db, orgId, opts)), inlineStrings: opts.inlineStrings ?? false }, out);
}
