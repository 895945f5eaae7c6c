import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from './excel.js';
import type { Language } from '../bot/i18n/index.js';
import type { RosterSheet } from './header.js';
import type { ImportResult } from './importer.js';
import { problemLine } from './report.js';
import type { RowError } from './types.js';
import { pause } from './quiet.js';

export const REPORT_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const NOTE_HEADER = '错误说明';

/** Problems by sheet row number. */
function problemsByRow(r: ImportResult): Map<number, RowError[]> {
  const out = new Map<number, RowError[]>();
  for (const o of r.outcomes) if (o.kind === 'error' || o.kind === 'conflict') out.set(o.row, o.errors);
  return out;
}

/**
 * The secretary's own sheet back, row for row at the same row numbers, with a 错误说明 column saying what is wrong
 * and the cells at fault marked red. Written as a stream, so a long sheet costs little memory.
 */
export async function annotatedCopy(sheet: RosterSheet, r: ImportResult, lang: Language): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = workbook.addWorksheet(sheet.sheetName || '花名册');
  const width = Math.max(sheet.header.length, ...sheet.allRows.slice(0, 200).map((x) => x.cells.length));
  const problems = problemsByRow(r);
  ws.columns = Array.from({ length: width + 1 }, (_, i) => ({ width: i === width ? 60 : 14 }));
  let written = 0;
  for (const source of sheet.allRows) {
    // Building the sheet is CPU work: a turn for others every 200 rows keeps members' replies flowing.
    if (++written % 200 === 0) await pause();
    const row = ws.getRow(source.row);
    source.cells.forEach((c, i) => { if (c) row.getCell(i + 1).value = c; });
    if (source.row === sheet.headerRow) {
      row.getCell(width + 1).value = NOTE_HEADER;
      row.font = { bold: true };
    }
    const errors = problems.get(source.row);
    if (errors) {
      for (const e of errors) {
        const col = e.field ? sheet.columns.indexOf(e.field) : -1;
        if (col >= 0) row.getCell(col + 1).fill = BAD;
      }
      const note = row.getCell(width + 1);
      note.value = errors.map((e) => problemLine(lang, sheet, e)).join('；');
      note.fill = BAD;
    }
    row.commit();
  }
  ws.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export const reportFileName = (original: string | null | undefined) =>
  `${(original ?? '花名册').replace(/\.(xlsx|xls|csv|txt)$/i, '')}-错误说明.xlsx`;
