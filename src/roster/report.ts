import { t, type Language } from '../bot/i18n/index.js';
import type { ImportReport } from './import.js';

/** The import result as the secretary reads it: counts, then one line per refused cell. */
export function describeImport(lang: Language, r: ImportReport): string {
  if (r.fatal === 'missing-columns') return t(lang, 'roster-missing-columns', { columns: (r.missingColumns ?? []).join('、') });
  if (r.fatal) return t(lang, r.fatal === 'empty' ? 'roster-empty' : 'roster-unreadable');
  const lines = [t(lang, 'roster-imported', { created: r.created, updated: r.updated, unchanged: r.unchanged, refused: new Set(r.errors.map((e) => e.row)).size })];
  if (r.ignoredColumns.length > 0) lines.push(t(lang, 'roster-ignored-columns', { columns: r.ignoredColumns.join('、') }));
  for (const e of r.errors) lines.push(t(lang, 'roster-row-problem', { row: e.row, column: e.column ?? '-', problem: e.problem, sameAs: e.sameAs ?? '-' }));
  return lines.join('\n');
}
