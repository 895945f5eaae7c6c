import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { rosterImports } from '../db/schema/index.js';
import { columnName } from './report.js';
import type { RosterSheet } from './header.js';
import type { ImportResult } from './importer.js';
import type { FileRefusal } from './limits.js';
import type { RosterJob } from './jobMessages.js';
import type { ImportSummary, RowProblem } from './types.js';

/** A reason a row was not taken, with the column named as the secretary's own sheet names it. */
export interface DetailProblem {
  column: string;
  problem: RowProblem;
  sameAs?: number;
  onRecord?: string;
}

/** One row of the sheet as the console's page lists it; unchanged rows are only counted. */
export interface DetailRow {
  kind: 'new' | 'update' | 'error' | 'conflict';
  row: number;
  /** The name as the row gives it (empty when the row has none). */
  name: string;
  /** A new row that links a person already on record (a staff member) as a member. */
  attach?: boolean;
  changes?: { column: string; from: string; to: string }[];
  problems?: DetailProblem[];
}

/** What a step of a console upload found or did, for its page: no chat hears it. */
export interface ImportDetail {
  phase: 'preview' | 'apply';
  summary: ImportSummary;
  branchName?: string;
  encoding?: string;
  unknownColumns: string[];
  sameNameRows: number[];
  rows: DetailRow[];
}

export interface RefusedDetail {
  refused: FileRefusal | 'unavailable';
  details: Record<string, string | number>;
}

/** A console upload: no chat to tell; its page reads the job. */
export const isConsoleJob = (job: Pick<RosterJob, 'chatId'>): boolean => job.chatId === null;

export function detailOf(sheet: RosterSheet, r: ImportResult, phase: 'preview' | 'apply', branchName: string | undefined): ImportDetail {
  const nameColumn = sheet.columns.indexOf('name');
  const names = new Map(sheet.rows.map((x) => [x.row, nameColumn >= 0 ? x.cells[nameColumn] ?? '' : '']));
  const rows: DetailRow[] = [];
  for (const o of r.outcomes) {
    if (o.kind === 'unchanged') continue;
    if (o.kind === 'new') rows.push({ kind: 'new', row: o.row, name: o.name, ...(o.attachTo !== undefined ? { attach: true } : {}) });
    else if (o.kind === 'update') {
      rows.push({ kind: 'update', row: o.row, name: o.name, changes: o.changes.map((c) => ({ column: columnName(sheet, c.field), from: c.from, to: c.to })) });
    } else {
      // Whom a `not-here` row matched is for the audit log alone: only the row's own words reach the page.
      const problems = o.errors.map((e): DetailProblem => ({
        column: columnName(sheet, e.field), problem: e.problem,
        ...(e.sameAs !== undefined ? { sameAs: e.sameAs } : {}), ...(e.onRecord !== undefined ? { onRecord: e.onRecord } : {}),
      }));
      rows.push({ kind: o.kind, row: o.row, name: names.get(o.row) ?? '', problems });
    }
  }
  return {
    phase, summary: r.summary, unknownColumns: r.unknownColumns, sameNameRows: r.sameNameRows, rows,
    ...(branchName ? { branchName } : {}), ...(r.encoding ? { encoding: r.encoding } : {}),
  };
}

/** Keeps a console step's rows with the job, and its marked copy (null: there is none; undefined: keep the one there). */
export async function keepDetail(db: DbOrTx, job: RosterJob, detail: ImportDetail | RefusedDetail, report?: Buffer | null): Promise<void> {
  const set: Partial<typeof rosterImports.$inferInsert> = { detail: detail as unknown as Record<string, unknown> };
  if (report !== undefined) set.report = report;
  await db.update(rosterImports).set(set).where(eq(rosterImports.id, job.id));
}
