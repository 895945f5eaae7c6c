import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { excel } from './excel.js';
import { columnWidth, PRINT_SETUP, ROWS_MEASURED } from './sheet.js';

export type Cell = string | number | null;

export interface TableFile {
  /** The sheet's name ('花名册'). */
  sheet: string;
  header: string[];
  /** The rows, or the rows as they are read: a county's members are written as they come, never held together. */
  rows: readonly (readonly Cell[])[] | AsyncIterable<readonly Cell[]>;
  /** A bold line above the table across its width ('甲县 2026年度民主评议情况表'). */
  caption?: string;
  /** Columns kept as text (0-based): Excel would turn an 18-digit 身份证号 into 3.2E+17 and a phone into a number. */
  textColumns?: readonly number[];
  /**
   * Each text in its cell rather than once in the file's table of strings: that table is held in memory until the
   * file ends (every name, phone and 身份证号 of a county: 410–530 MB at 200,000 members against 267 MB in place,
   * bench exportFiles), and the file is smaller too (9.4 against 19 MB), the table's numbers compressing worse than
   * the texts. Empty cells are then left out rather than written as an empty text, which reads back as no value
   * anyway. Chat and console keep the table: the files they send were always written so, and their size is capped.
   */
  inlineStrings?: boolean;
}

/**
 * One table as an .xlsx file, written row by row (ExcelJS's streaming writer): the workbook model of a township's
 * 50,000 members took 1.3–1.8 GB at its peak to build before it was written, enough to take the bot down with it.
 * Landscape, fit to the page's width, the header bold: fit to print and file upward.
 */
export async function tableFile(table: TableFile): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await writeTableFile(table, stream);
  return Buffer.concat(chunks);
}

async function* each<T>(rows: readonly T[] | AsyncIterable<T>): AsyncGenerator<T> {
  yield* rows;
}

/** The same file written to `out` as it is made (a file on disk for the command line), `out` ended when done. */
export async function writeTableFile(table: TableFile, out: Writable): Promise<void> {
  const ExcelJS = await excel();
  const done = finished(out);
  done.catch(() => undefined);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: !table.inlineStrings });
  const sheet = book.addWorksheet(table.sheet, { pageSetup: PRINT_SETUP });
  const rows = each(table.rows);
  try {
    // Columns are sized before the first row is written, from the rows columnWidth looks at anyway.
    const head: (readonly Cell[])[] = [];
    while (head.length < ROWS_MEASURED) {
      const r = await rows.next();
      if (r.done) break;
      head.push(r.value);
    }
    const text = new Set(table.textColumns ?? []);
    sheet.columns = table.header.map((_, i) => ({ width: columnWidth(table.header, head, i), ...(text.has(i) ? { style: { numFmt: '@' } } : {}) }));
    if (table.caption !== undefined) {
      const caption = sheet.addRow([table.caption]);
      caption.font = { bold: true, size: 14 };
      sheet.mergeCells(1, 1, 1, table.header.length);
      caption.commit();
    }
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    header.commit();
    const empty = table.inlineStrings ? null : '';
    const add = (r: readonly Cell[]) => sheet.addRow(r.map((v) => (v === null || v === '' ? empty : v))).commit();
    head.forEach(add);
    for await (const r of rows) add(r);
    sheet.commit();
    await book.commit();
  } catch (err) {
    await rows.return(undefined);
    out.destroy(err as Error);
    throw err;
  }
  await done;
}
