import { PassThrough } from 'node:stream';
import { excel } from './excel.js';
import { columnWidth, PRINT_SETUP } from './sheet.js';

export type Cell = string | number | null;

export interface TableFile {
  /** The sheet's name ('花名册'). */
  sheet: string;
  header: string[];
  rows: readonly Cell[][];
  /** A bold line above the table across its width ('甲县 2026年度民主评议情况表'). */
  caption?: string;
  /** Columns kept as text (0-based): Excel would turn an 18-digit 身份证号 into 3.2E+17 and a phone into a number. */
  textColumns?: readonly number[];
}

/**
 * One table as an .xlsx file, written row by row (ExcelJS's streaming writer): the workbook model of a township's
 * 50,000 members took 1.3–1.8 GB at its peak to build before it was written, enough to take the bot down with it;
 * written as it goes, 240–390 MB (the rows read, the shared strings, the file). Shared strings, as the workbook
 * wrote them: without them an empty cell reads back as no cell. Landscape, fit to the page's width, the header
 * bold: fit to print and file upward.
 */
export async function tableFile(table: TableFile): Promise<Buffer> {
  const ExcelJS = await excel();
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const sheet = book.addWorksheet(table.sheet, { pageSetup: PRINT_SETUP });
  const text = new Set(table.textColumns ?? []);
  sheet.columns = table.header.map((_, i) => ({ width: columnWidth(table.header, table.rows, i), ...(text.has(i) ? { style: { numFmt: '@' } } : {}) }));
  if (table.caption !== undefined) {
    const caption = sheet.addRow([table.caption]);
    caption.font = { bold: true, size: 14 };
    sheet.mergeCells(1, 1, 1, table.header.length);
    caption.commit();
  }
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.commit();
  for (const r of table.rows) sheet.addRow(r.map((v) => v ?? '')).commit();
  sheet.commit();
  await book.commit();
  await ended;
  return Buffer.concat(chunks);
}
