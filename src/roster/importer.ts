import type { DbOrTx } from '../db/client.js';
import { writeChunk } from './apply.js';
import { findRoster, type RosterSheet } from './header.js';
import { FileState, planChunk, type ImportScope, type PlannedRow } from './plan.js';
import { readTable, sniffFormat } from './sheet.js';
import type { ImportSummary, RowOutcome } from './types.js';
import { pause } from './quiet.js';

/** Rows planned, and written, together: one short transaction each, so members' messages are never held up long. */
export const CHUNK_ROWS = 200;

/** Reads a file into its roster sheet, or throws `RosterFileRefused` with the reason. */
export async function readRoster(buf: Buffer, nameOrMime?: string): Promise<RosterSheet> {
  const format = sniffFormat(buf, nameOrMime);
  return findRoster(await readTable(buf, format ?? 'xlsx'));
}

export interface ImportResult {
  summary: ImportSummary;
  /** Every row's outcome, in sheet order. */
  outcomes: RowOutcome[];
  /** New rows while the branch has a member of the same name whom the row contradicts. */
  sameNameRows: number[];
  unknownColumns: string[];
  encoding?: string;
  /** 月缴党费 the rows taken carry (new, updated or unchanged): how many members, and the month's total in fen. */
  dues: { members: number; fen: number };
  /** Ids of the people written (apply only), for the audit log. */
  createdIds: number[];
  updatedIds: number[];
}

export type Progress = (rowsDone: number, rowsTotal: number) => Promise<void> | void;

export function emptySummary(rows = 0): ImportSummary {
  return { created: 0, updated: 0, unchanged: 0, errors: 0, conflicts: 0, rows };
}

export function count(summary: ImportSummary, outcome: RowOutcome): void {
  const key = ({ new: 'created', update: 'updated', unchanged: 'unchanged', error: 'errors', conflict: 'conflicts' } as const)[outcome.kind];
  summary[key]++;
}

function resultOf(sheet: RosterSheet): ImportResult {
  return {
    summary: emptySummary(sheet.rows.length), outcomes: [], sameNameRows: [], unknownColumns: sheet.unknownColumns,
    ...(sheet.encoding ? { encoding: sheet.encoding } : {}), createdIds: [], updatedIds: [], dues: { members: 0, fen: 0 },
  };
}

function record(result: ImportResult, planned: PlannedRow[]): void {
  for (const p of planned) {
    result.outcomes.push(p.outcome);
    count(result.summary, p.outcome);
    if (p.sameName) result.sameNameRows.push(p.outcome.row);
    if (p.row?.monthlyDues !== undefined && p.outcome.kind !== 'error' && p.outcome.kind !== 'conflict') {
      result.dues.members++;
      result.dues.fen += p.row.monthlyDues;
    }
  }
}

/** What the import would do, row by row: nothing is written. */
export async function previewRoster(db: DbOrTx, sheet: RosterSheet, scope: ImportScope, progress?: Progress): Promise<ImportResult> {
  const result = resultOf(sheet);
  const state = new FileState();
  for (let i = 0; i < sheet.rows.length; i += CHUNK_ROWS) {
    record(result, await planChunk(db, sheet.rows.slice(i, i + CHUNK_ROWS), sheet, scope, state));
    await progress?.(Math.min(i + CHUNK_ROWS, sheet.rows.length), sheet.rows.length);
    await pause();
  }
  return result;
}

export interface ApplyOptions {
  /** Rows already written by an earlier run of the same job (a restart): planned again, not written again. */
  fromRow?: number;
  /** Runs inside each chunk's transaction, after its rows: a job records its progress with them. */
  afterChunk?: (tx: DbOrTx, rowsDone: number, chunk: ImportResult) => Promise<void>;
  progress?: Progress;
}

/**
 * Imports the roster: each chunk is planned again against the database as it is at that moment and written in
 * the same transaction, so what is written is exactly what was checked. Rows written by an earlier run of the
 * same job count as unchanged here; the job adds what that run wrote.
 */
export async function applyRoster(db: DbOrTx, sheet: RosterSheet, scope: ImportScope, opts: ApplyOptions = {}): Promise<ImportResult> {
  const result = resultOf(sheet);
  const state = new FileState();
  const from = opts.fromRow ?? 0;
  for (let i = 0; i < sheet.rows.length; i += CHUNK_ROWS) {
    const rows = sheet.rows.slice(i, i + CHUNK_ROWS);
    const done = Math.min(i + CHUNK_ROWS, sheet.rows.length);
    if (done <= from) {
      // Written by the run before a restart: planned again only to know the file (duplicates, phones).
      record(result, await planChunk(db, rows, sheet, scope, state));
      continue;
    }
    await db.transaction(async (tx) => {
      const planned = await planChunk(tx, rows, sheet, scope, state);
      const written = await writeChunk(tx, planned, scope.actorId, scope.now);
      const chunk = resultOf(sheet);
      record(chunk, planned);
      chunk.createdIds = written.created;
      chunk.updatedIds = written.updated;
      await opts.afterChunk?.(tx, done, chunk);
      merge(result, chunk);
    });
    await opts.progress?.(done, sheet.rows.length);
    await pause();
  }
  return result;
}

function merge(into: ImportResult, chunk: ImportResult): void {
  for (const k of ['created', 'updated', 'unchanged', 'errors', 'conflicts'] as const) into.summary[k] += chunk.summary[k];
  into.outcomes.push(...chunk.outcomes);
  into.sameNameRows.push(...chunk.sameNameRows);
  into.createdIds.push(...chunk.createdIds);
  into.updatedIds.push(...chunk.updatedIds);
  into.dues.members += chunk.dues.members;
  into.dues.fen += chunk.dues.fen;
}
