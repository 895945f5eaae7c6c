import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { organisations } from '../db/schema/index.js';
import type { Field } from './columns.js';
import { changesFor } from './diff.js';
import type { RosterSheet } from './header.js';
import { loadCandidates, type Candidate, type Match } from './match.js';
import type { SheetRow } from './sheet.js';
import type { RosterRow, RowError, RowOutcome } from './types.js';
import { validateRow } from './validate.js';
import { yieldOnce } from './quiet.js';

/** Who imports, into what, and what they may see. */
export interface ImportScope {
  actorId: number | null;
  /** Organisation paths whose members the importer may match and change; ['/'] for the command line. */
  scopePaths: string[];
  /** A one-branch roster's branch; null when each row names its 所在支部. */
  target: { id: number; name: string; path: string } | null;
  /** May rows be put into this organisation (a row's 所在支部)? Asked through the import's own handle (its transaction). */
  canUseOrg(db: DbOrTx, orgId: number): Promise<boolean>;
  /** 身份证号 in full only to the member's own secretary. */
  canSeeIdNumbers(homeOrgId: number): boolean;
  now: Date;
}

/** A row's outcome with what the apply needs to write it. */
export interface PlannedRow {
  outcome: RowOutcome;
  row?: RosterRow;
  orgId?: number;
  candidate?: Candidate;
  changed?: Field[];
  /** New, while the target branch already has a member of this name the row contradicts: said in the preview. */
  sameName?: boolean;
}

const BRANCH_KINDS = ['branch', 'temporary_branch', 'inflow', 'industry_group', 'township', 'street', 'county'];
type Branch = { id: number; name: string; path: string };

/** What the rows before this one said: duplicate keys, and which name each phone number goes with. */
export class FileState {
  readonly keys = new Map<string, number>();
  readonly phoneNames = new Map<string, { name: string; row: number }>();
  readonly persons = new Map<number, number>();
  readonly branches = new Map<string, Branch | RowError['problem']>();
}

async function branchOf(db: DbOrTx, row: RosterRow, scope: ImportScope, state: FileState): Promise<Branch | RowError['problem']> {
  if (scope.target) {
    const named = row.branch?.replace(/\s+/g, '');
    return !named || named === scope.target.name.replace(/\s+/g, '') ? scope.target : 'other-branch';
  }
  if (!row.branch) return 'no-branch';
  const hit = state.branches.get(row.branch);
  if (hit !== undefined) return hit;
  const found = (await db.select({ id: organisations.id, name: organisations.name, path: organisations.path, kind: organisations.kind })
    .from(organisations).where(and(eq(organisations.name, row.branch), isNull(organisations.archivedAt)))).filter((o) => BRANCH_KINDS.includes(o.kind));
  const allowed: Branch[] = [];
  for (const o of found) if (await scope.canUseOrg(db, o.id)) allowed.push(o);
  const result = found.length === 0 ? 'unknown-branch' : allowed.length === 1 ? allowed[0]! : allowed.length === 0 ? 'branch-out-of-scope' : 'ambiguous-branch';
  state.branches.set(row.branch, result);
  return result;
}

/**
 * Duplicate keys inside the file, and a phone number an earlier accepted row gave to another name: checked
 * before the database. A row's keys count from then on even if it is refused; its phone only once it is taken.
 */
function fileCheck(row: RosterRow, state: FileState): RowError | undefined {
  const keys = [row.idNumber && `id:${row.idNumber}`, row.phone && `np:${row.name}|${row.phone}`, row.birthDate && `nb:${row.name}|${row.birthDate}`].filter(Boolean) as string[];
  for (const k of keys) {
    const first = state.keys.get(k);
    if (first !== undefined) return { row: row.row, field: k.startsWith('id:') ? 'idNumber' : k.startsWith('np:') ? 'phone' : 'birthDate', problem: 'duplicate-row', sameAs: first };
  }
  for (const k of keys) state.keys.set(k, row.row);
  const owner = row.phone ? state.phoneNames.get(row.phone) : undefined;
  if (owner && owner.name !== row.name) return { row: row.row, field: 'phone', problem: 'shared-phone', onRecord: owner.name, sameAs: owner.row };
  return undefined;
}

function takePhone(planned: PlannedRow, state: FileState): PlannedRow {
  const row = planned.row;
  if (row?.phone && !state.phoneNames.has(row.phone) && ['new', 'update', 'unchanged'].includes(planned.outcome.kind)) state.phoneNames.set(row.phone, { name: row.name, row: row.row });
  return planned;
}

const inPaths = (paths: string[]) => (path: string) => paths.some((p) => path.startsWith(p));

/** Plans a chunk of rows against the database as it is now: nothing is written. */
export async function planChunk(db: DbOrTx, sheetRows: SheetRow[], sheet: RosterSheet, scope: ImportScope, state: FileState): Promise<PlannedRow[]> {
  const checked = sheetRows.map((r) => ({ r, v: validateRow(r, sheet.columns) }));
  const valid = checked.flatMap((c) => ('ok' in c.v ? [c.v.ok] : []));
  await yieldOnce();
  const index = await loadCandidates(db, valid);
  await yieldOnce();
  const scoped = inPaths(scope.scopePaths);
  const inScope = (c: Candidate) => (c.member ? scoped(c.member.homePath) : c.id === scope.actorId || c.staffPaths.some(scoped));
  const out: PlannedRow[] = [];
  for (const { r, v } of checked) {
    if ('errors' in v) { out.push({ outcome: { kind: 'error', row: r.row, errors: v.errors } }); continue; }
    const row = v.ok;
    const branch = await branchOf(db, row, scope, state);
    if (typeof branch === 'string') { out.push({ outcome: { kind: 'error', row: row.row, errors: [{ row: row.row, field: 'branch', problem: branch }] } }); continue; }
    const fileProblem = fileCheck(row, state);
    if (fileProblem) { out.push({ outcome: { kind: fileProblem.problem === 'duplicate-row' ? 'error' : 'conflict', row: row.row, errors: [fileProblem] } }); continue; }
    out.push(takePhone(planRow(row, branch, index.decide(row, inScope, branch.id), scope, state), state));
  }
  return out;
}

function planRow(row: RosterRow, branch: Branch, match: Match, scope: ImportScope, state: FileState): PlannedRow {
  const at = row.row;
  if (match.kind === 'outside') return { outcome: { kind: 'error', row: at, errors: [{ row: at, problem: 'not-here', auditPersonId: match.personId }] } };
  if (match.kind === 'conflict') {
    const field: Field = match.problem === 'conflict-name' ? 'idNumber' : match.problem === 'conflict-phone' ? 'phone' : 'idNumber';
    return { outcome: { kind: 'conflict', row: at, errors: [{ row: at, field, problem: match.problem, onRecord: match.onRecord }] } };
  }
  if (match.kind === 'none') return { outcome: { kind: 'new', row: at, name: row.name }, row, orgId: branch.id, ...(match.sameName ? { sameName: true } : {}) };
  const c = match.candidate;
  const first = state.persons.get(c.id);
  if (first !== undefined) return { outcome: { kind: 'error', row: at, errors: [{ row: at, field: 'name', problem: 'duplicate-row', sameAs: first }] } };
  state.persons.set(c.id, at);
  if (match.attach) return { outcome: { kind: 'new', row: at, name: row.name, attachTo: c.id }, row, orgId: branch.id, candidate: c };
  const changes = changesFor(row, c, branch.id, branch.name, scope.canSeeIdNumbers(c.member!.homeOrgId));
  if (changes.length === 0) return { outcome: { kind: 'unchanged', row: at, personId: c.id }, row, orgId: branch.id, candidate: c };
  return {
    outcome: { kind: 'update', row: at, name: row.name, personId: c.id, changes }, row, orgId: branch.id, candidate: c, changed: changes.map((x) => x.field),
  };
}
