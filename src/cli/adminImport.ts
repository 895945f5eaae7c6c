import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../db/client.js';
import { t } from '../bot/i18n/index.js';
import { RosterFileRefused } from '../roster/limits.js';
import { readHeadedTable, type ColumnNames, type HeadedRow } from '../roster/headedTable.js';
import { applyTreeImport, planTreeImport, TREE_COLUMNS, TREE_REQUIRED } from '../features/organisations/treeImport.js';
import { treeRowLine, treeSummaryLine, type ImportLine } from '../features/organisations/describeImport.js';
import { applyStudyImport, planStudyImport, STUDY_COLUMNS, STUDY_REQUIRED } from '../features/study/planImport.js';
import { studyRowLine, studySummaryLine } from '../features/study/describeImport.js';
import { audit, type AdminIo } from './adminIo.js';
import { notFound, orgByWord } from './adminLookup.js';

export const ORG_IMPORT_USAGE = 'org import <文件 file.xlsx|.csv> [--apply]';
export const STUDY_IMPORT_USAGE = 'study import <文件 file.xlsx|.csv> [--org <组织 org>] [--apply]';

/** A catalogue line in both languages: Chinese, then English under it. */
function say(stream: NodeJS.WritableStream, line: ImportLine): void {
  stream.write(`${t('zh-CN', line.key, line.args)}\n  ${t('en', line.key, line.args)}\n`);
}

/** '名称/name': a column as the header may write it. */
function columnName(names: readonly string[]): string {
  const ascii = names.find((n) => /^[a-z]/i.test(n));
  return ascii && ascii !== names[0] ? `${names[0]}/${ascii}` : names[0]!;
}

/** The file's rows under its header, or the exit code once the reason is said (and audited). */
async function readRows<F extends string>(io: AdminIo, database: Database, action: string, file: string, columns: ColumnNames<F>, required: readonly NoInfer<F>[]): Promise<HeadedRow<F>[] | number> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    io.err.write(`无法读取文件 cannot read the file: ${file}\n`);
    return 2;
  }
  try {
    const table = await readHeadedTable(buf, basename(file), columns, required);
    if (table.ok) return table.rows;
    await audit(database, io, action, { refused: 'missing-columns', missing: table.missing });
    const all = Object.values(columns) as readonly string[][];
    say(io.err, { key: 'table-missing-columns', args: { columns: table.missing.map((f) => columnName(columns[f])).join('、'), example: all.map(columnName).join('、') } });
    return 1;
  } catch (err) {
    if (!(err instanceof RosterFileRefused)) throw err;
    await audit(database, io, action, { refused: err.reason });
    say(io.err, { key: 'table-file-refused', args: { reason: err.reason, ...err.details } });
    return 1;
  }
}

/** After the preview: refused while any row has a problem, a dry run without --apply. */
function stopBeforeWriting(io: AdminIo, problems: number, apply: boolean): number | undefined {
  if (problems > 0) {
    say(io.err, { key: 'import-has-problems', args: {} });
    return 1;
  }
  if (!apply) {
    say(io.out, { key: 'import-dry-run', args: {} });
    return 0;
  }
  return undefined;
}

/** `org import FILE [--apply]`: a tree of organisations (名称, 类型, 上级), previewed, written with --apply. */
export async function importOrgTree(io: AdminIo, database: Database, file: string, apply: boolean): Promise<number> {
  const rows = await readRows(io, database, 'org.import', file, TREE_COLUMNS, TREE_REQUIRED);
  if (typeof rows === 'number') return rows;
  const plan = await planTreeImport(database.db, rows);
  for (const p of plan.rows) say(io.out, treeRowLine(p));
  say(io.out, treeSummaryLine(plan));
  const counts = { rows: plan.rows.length, create: plan.create, exists: plan.exists, problems: plan.problems };
  const stop = stopBeforeWriting(io, plan.problems, apply);
  if (stop !== undefined) {
    await audit(database, io, 'org.import', { apply: false, ...counts });
    return stop;
  }
  const done = await applyTreeImport(database.db, plan, io.clock.now());
  const created = 'created' in done ? done.created : [];
  await audit(database, io, 'org.import', { apply: true, ...counts, createdIds: created.map((c) => c.id) });
  say(io.out, { key: 'org-import-applied', args: { created: created.length } });
  return 0;
}

/** `study import FILE [--org ORG] [--apply]`: items of the 远程教育 plan, one a row, previewed, written with --apply. */
export async function importStudyPlan(io: AdminIo, database: Database, file: string, opts: { apply: boolean; org?: string | undefined }): Promise<number> {
  const defaultOrg = opts.org === undefined ? undefined : await orgByWord(database.db, opts.org);
  if (typeof defaultOrg === 'string') {
    await audit(database, io, 'study.import', { refused: `org ${defaultOrg}` });
    io.err.write(notFound('组织 organisation', opts.org!, defaultOrg));
    return 1;
  }
  const rows = await readRows(io, database, 'study.import', file, STUDY_COLUMNS, STUDY_REQUIRED);
  if (typeof rows === 'number') return rows;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: io.config.DEFAULT_TIMEZONE }).format(io.clock.now());
  const plan = await planStudyImport(database.db, rows, { today, ...(defaultOrg ? { defaultOrg } : {}) });
  for (const p of plan.rows) say(io.out, studyRowLine(p));
  say(io.out, studySummaryLine(plan));
  const counts = { rows: plan.rows.length, create: plan.create, exists: plan.exists, problems: plan.problems, ...(defaultOrg ? { orgId: defaultOrg.id } : {}) };
  const stop = stopBeforeWriting(io, plan.problems, opts.apply);
  if (stop !== undefined) {
    await audit(database, io, 'study.import', { apply: false, ...counts });
    return stop;
  }
  const done = await applyStudyImport(database.db, plan, null, io.clock.now());
  const created = 'created' in done ? done.created : [];
  await audit(database, io, 'study.import', { apply: true, ...counts, studyItemIds: created.map((c) => c.id) });
  say(io.out, { key: 'study-import-applied', args: { created: created.length } });
  return 0;
}
