import { t, type Language } from '../bot/i18n/index.js';
import { FIELD_LABELS, type Field } from './columns.js';
import type { RosterSheet } from './header.js';
import type { ImportResult } from './importer.js';
import type { RosterFileRefused } from './limits.js';
import type { RowError } from './types.js';
import { yuan } from '../features/dues/months.js';

/** A chat message stays readable on a phone: past this many lines, the rest is in the attached copy. */
export const MAX_LINES = 30;

export interface DescribeContext {
  lang: Language;
  sheet: RosterSheet;
  branchName?: string;
  maxLines?: number;
}

/** The column as the secretary's own sheet calls it. */
export function columnName(sheet: RosterSheet, field: Field | undefined): string {
  if (!field) return '-';
  const i = sheet.columns.indexOf(field);
  return (i >= 0 ? sheet.header[i] : undefined) || FIELD_LABELS[field];
}

export function problemLine(lang: Language, sheet: RosterSheet, e: RowError): string {
  return t(lang, 'roster-row-problem', { row: String(e.row), column: columnName(sheet, e.field), problem: e.problem, sameAs: e.sameAs === undefined ? '-' : String(e.sameAs), onRecord: e.onRecord ?? '-' });
}

export function describeRefusal(lang: Language, err: RosterFileRefused): string {
  return t(lang, 'roster-file-refused', { reason: err.reason, ...err.details });
}

function counts(ctx: DescribeContext, r: ImportResult) {
  const s = r.summary;
  return {
    branch: ctx.branchName ? t(ctx.lang, 'roster-in-branch', { branch: ctx.branchName }) : '',
    rows: s.rows, created: s.created, updated: s.updated, unchanged: s.unchanged, errors: s.errors, conflicts: s.conflicts, refused: s.errors + s.conflicts,
  };
}

/** The lines under the counts: each change as field: old → new, then every row not imported and why. */
function detailLines(ctx: DescribeContext, r: ImportResult, updatesKey: string): string[] {
  const { lang, sheet } = ctx;
  const empty = t(lang, 'roster-empty-value');
  const lines: string[] = [];
  const updates = r.outcomes.flatMap((o) => (o.kind === 'update' ? [o] : []));
  if (updates.length) {
    lines.push(t(lang, updatesKey));
    for (const u of updates) {
      const changes = u.changes.map((c) => t(lang, 'roster-change', { field: columnName(sheet, c.field), from: c.from || empty, to: c.to || empty })).join('；');
      lines.push(t(lang, 'roster-change-line', { row: String(u.row), name: u.name, changes }));
    }
  }
  const problems = r.outcomes.flatMap((o) => (o.kind === 'error' || o.kind === 'conflict' ? o.errors : []));
  if (problems.length) {
    lines.push(t(lang, 'roster-section-problems'));
    for (const e of problems) lines.push(problemLine(lang, sheet, e));
  }
  return lines;
}

function assemble(ctx: DescribeContext, head: string[], details: string[], tail: string[]): string {
  const max = ctx.maxLines ?? Number.POSITIVE_INFINITY;
  const shown = details.length > max ? [...details.slice(0, max), t(ctx.lang, 'roster-more-lines', { count: details.length - max })] : details;
  return [...head, ...shown, ...tail].join('\n');
}

/** The preview: N new, M updated (each change), K unchanged, E errors, C conflicts, then what to do next. */
export function describePreview(ctx: DescribeContext, r: ImportResult, next: 'chat' | 'cli' | 'applying'): string {
  const { lang } = ctx;
  const head = [t(lang, 'roster-preview', counts(ctx, r))];
  if (r.encoding && r.encoding !== 'UTF-8') head.push(t(lang, 'roster-encoding', { encoding: r.encoding }));
  if (r.unknownColumns.length) head.push(t(lang, 'roster-ignored-columns', { columns: r.unknownColumns.join('、') }));
  if (r.sameNameRows.length) head.push(t(lang, 'roster-same-name', { rows: r.sameNameRows.map(String).join('、') }));
  if (r.dues.members) head.push(duesLine(lang, r));
  const writes = r.summary.created + r.summary.updated;
  const tail = writes === 0 ? [t(lang, 'roster-preview-nothing')] : next === 'applying' ? [] : [t(lang, next === 'chat' ? 'roster-preview-confirm' : 'roster-preview-cli')];
  return assemble(ctx, head, detailLines(ctx, r, 'roster-section-updates'), tail);
}

/** The final summary after the apply, with what changed and what was left out. */
export function describeApplied(ctx: DescribeContext, r: ImportResult): string {
  const head = [t(ctx.lang, 'roster-applied', counts(ctx, r))];
  if (r.dues.members) head.push(duesLine(ctx.lang, r));
  return assemble(ctx, head, detailLines(ctx, r, 'roster-section-updated'), []);
}

/** 月缴党费 on the sheet: how many members carry an amount and what a month comes to, for the dues ledger. */
function duesLine(lang: Language, r: ImportResult): string {
  return t(lang, 'roster-dues', { members: r.dues.members, amount: yuan(r.dues.fen) });
}
