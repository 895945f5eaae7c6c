import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { memberProfiles, members, organisations, persons, trackingEntries } from '../db/schema/index.js';
import { normaliseHeader, REQUIRED_COLUMNS, ROSTER_COLUMNS, validateRow, type RosterColumn, type RosterRow, type RowError } from './columns.js';
import { readTable, type SheetFormat } from './sheet.js';

export interface ImportReport {
  fatal?: 'empty' | 'missing-columns' | 'unreadable';
  missingColumns?: string[];
  ignoredColumns: string[];
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  /** Member ids written, for the audit log (ids only). */
  memberIds: number[];
}

export interface ImportOptions {
  actorId: number | null;
  now: Date;
  /** May the importer put members into this organisation? The CLI allows all; chat asks `authorize`. */
  canUseOrg: (orgId: number) => Promise<boolean>;
}

const BRANCH_KINDS = ['branch', 'temporary_branch', 'inflow', 'industry_group', 'township', 'street', 'county'];

async function resolveBranch(db: DbOrTx, name: string, opts: ImportOptions, cache: Map<string, number | RowError['problem']>): Promise<number | RowError['problem']> {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const found = (await db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.name, name)))
    .filter((o) => BRANCH_KINDS.includes(o.kind));
  let result: number | RowError['problem'];
  if (found.length === 0) result = 'unknown-branch';
  else {
    const allowed: number[] = [];
    for (const o of found) if (await opts.canUseOrg(o.id)) allowed.push(o.id);
    result = allowed.length === 1 ? allowed[0]! : allowed.length === 0 ? 'branch-out-of-scope' : 'ambiguous-branch';
  }
  cache.set(name, result);
  return result;
}

/** The existing member a row stands for: same phone, else same name in the same branch without a phone. */
async function findExisting(db: DbOrTx, row: RosterRow, orgId: number, opts: ImportOptions): Promise<number | 'phone-taken' | undefined> {
  if (row.phone) {
    const [byPhone] = await db.select({ id: persons.id }).from(persons).innerJoin(members, eq(members.personId, persons.id)).where(eq(persons.phone, row.phone));
    if (byPhone) return byPhone.id;
  }
  const byName = await db
    .select({ id: persons.id, phone: persons.phone })
    .from(persons)
    .innerJoin(members, eq(members.personId, persons.id))
    .where(and(eq(persons.name, row.name), eq(members.homeOrgId, orgId), row.phone ? isNull(persons.phone) : undefined));
  return byName.length === 1 ? byName[0]!.id : undefined;
}

async function writeRow(db: DbOrTx, row: RosterRow, orgId: number, opts: ImportOptions): Promise<{ id: number; outcome: 'created' | 'updated' | 'unchanged' } | 'phone-taken'> {
  const existingId = await findExisting(db, row, orgId, opts);
  if (existingId === 'phone-taken') return existingId;
  const memberValues = {
    homeOrgId: orgId,
    ...(row.status ? { status: row.status } : {}),
    ...(row.probationary !== null ? { probationary: row.probationary } : {}),
    probationEndsOn: row.probationEndsOn, occupation: row.occupation, employer: row.employer, departedOn: row.departedOn,
  };
  const profile = { gender: row.gender, contact: row.contact, destination: row.destination };
  if (existingId === undefined) {
    const [p] = await db.insert(persons).values({ name: row.name, phone: row.phone }).returning({ id: persons.id });
    const id = p!.id;
    const status = row.status ?? (row.departedOn || row.destination ? 'mobile' : 'resident');
    await db.insert(members).values({ personId: id, ...memberValues, status });
    await db.insert(memberProfiles).values({ memberId: id, ...profile, updatedAt: opts.now });
    await db.insert(trackingEntries).values({ memberId: id, at: opts.now, actorId: opts.actorId, kind: 'note', details: { roster: 'created' } });
    return { id, outcome: 'created' };
  }
  const [before] = await db
    .select({ name: persons.name, phone: persons.phone, m: members, p: memberProfiles })
    .from(persons).innerJoin(members, eq(members.personId, persons.id)).leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id))
    .where(eq(persons.id, existingId));
  const same =
    before && before.name === row.name && before.phone === (row.phone ?? before.phone) &&
    (Object.keys(memberValues) as (keyof typeof memberValues)[]).every((k) => before.m[k] === memberValues[k]) &&
    (Object.keys(profile) as (keyof typeof profile)[]).every((k) => (before.p?.[k] ?? null) === profile[k]);
  if (same) return { id: existingId, outcome: 'unchanged' };
  await db.update(persons).set({ name: row.name, ...(row.phone ? { phone: row.phone } : {}) }).where(eq(persons.id, existingId));
  await db.update(members).set(memberValues).where(eq(members.personId, existingId));
  await db.insert(memberProfiles).values({ memberId: existingId, ...profile, updatedAt: opts.now })
    .onConflictDoUpdate({ target: memberProfiles.memberId, set: { ...profile, updatedAt: opts.now } });
  await db.insert(trackingEntries).values({ memberId: existingId, at: opts.now, actorId: opts.actorId, kind: 'note', details: { roster: 'updated' } });
  return { id: existingId, outcome: 'updated' };
}

/**
 * Imports a 花名册. Every row is checked in full first; a bad row is reported (row, column, why) and not
 * written at all; each good row is written in its own savepoint. Re-importing updates, never duplicates.
 */
export async function importRoster(db: DbOrTx, buffer: Buffer, format: SheetFormat, opts: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { ignoredColumns: [], created: 0, updated: 0, unchanged: 0, errors: [], memberIds: [] };
  let table;
  try {
    table = await readTable(buffer, format);
  } catch {
    return { ...report, fatal: 'unreadable' };
  }
  const [header, ...body] = table.rows;
  if (!header) return { ...report, fatal: 'empty' };
  const names = header.cells.map(normaliseHeader);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ...report, fatal: 'missing-columns', missingColumns: [...missing] };
  report.ignoredColumns = header.cells.filter((_, i) => names[i] && !(ROSTER_COLUMNS as readonly string[]).includes(names[i]!));
  if (body.length === 0) return { ...report, fatal: 'empty' };

  const branches = new Map<string, number | RowError['problem']>();
  const seen = new Map<string, number>();
  for (const { row, cells } of body) {
    const record: Partial<Record<RosterColumn, string>> = {};
    names.forEach((n, i) => { if ((ROSTER_COLUMNS as readonly string[]).includes(n)) record[n as RosterColumn] = cells[i] ?? ''; });
    const checked = validateRow(row, record);
    if ('errors' in checked) { report.errors.push(...checked.errors); continue; }
    const r = checked.ok;
    const orgId = await resolveBranch(db, r.branch, opts, branches);
    if (typeof orgId !== 'number') { report.errors.push({ row, column: '所在支部', problem: orgId }); continue; }
    const key = r.phone ? `p:${r.phone}` : `n:${orgId}:${r.name}`;
    const first = seen.get(key);
    if (first !== undefined) { report.errors.push({ row, column: r.phone ? '手机号码' : '姓名', problem: 'duplicate-row', sameAs: first }); continue; }
    seen.set(key, row);
    const written = await db.transaction((sp) => writeRow(sp, r, orgId, opts));
    if (written === 'phone-taken') { report.errors.push({ row, column: '手机号码', problem: 'phone-taken' }); continue; }
    report[written.outcome]++;
    report.memberIds.push(written.id);
  }
  return report;
}
