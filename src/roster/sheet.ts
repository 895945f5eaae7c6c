import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from './excel.js';
import { LIMITS, RosterFileRefused, TableBudget } from './limits.js';
import { checkZipBudget, sheetsLast } from './zip.js';
import { readCsv } from './csv.js';
import { pause } from './quiet.js';

export type SheetFormat = 'xlsx' | 'csv';

/** One row as read: cell texts, its row number on the sheet, and which cells were numbers too long to be exact. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Column indexes of numbers of 15 digits or more: Excel kept only 15, so an ID number there is damaged. */
  lossy?: number[];
}

/** A table read from a file; for a CSV, the encoding it was written in. */
export interface Table {
  sheets: { name: string; rows: SheetRow[] }[];
  encoding?: string;
}

type Cell = ExcelJS.CellValue;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as Cell);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

function toRow(rowNumber: number, values: Cell[]): SheetRow | undefined {
  const cells: string[] = [];
  const lossy: number[] = [];
  values.slice(1).forEach((v, i) => {
    if (typeof v === 'number' && Math.abs(v) >= 1e15) lossy.push(i);
    cells[i] = cellText(v).trim().slice(0, LIMITS.cellChars + 1);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= '';
  if (!cells.some((c) => c)) return undefined;
  return { row: rowNumber, cells, ...(lossy.length ? { lossy } : {}) };
}

/** Compressed bytes fed at a time: about 200 rows of a roster, a few milliseconds of parsing. */
const SLICE = 16 * 1024;

/** Fed in slices with a turn for others in between: members keep being answered while a big file is read. */
function slowly(buf: Buffer): Readable {
  const src = new Readable({ read() {} });
  void (async () => {
    for (let i = 0; i < buf.length; i += SLICE) {
      src.push(buf.subarray(i, i + SLICE));
      await pause();
    }
    src.push(null);
  })();
  return src;
}

async function readXlsx(buf: Buffer): Promise<Table> {
  checkZipBudget(buf);
  const reader = new (await excel()).stream.xlsx.WorkbookReader(slowly(sheetsLast(buf)), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  const budget = new TableBudget();
  const sheets: Table['sheets'] = [];
  for await (const sheet of reader) {
    const rows: SheetRow[] = [];
    let n = 0;
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as Cell[];
      budget.take(values);
      const r = toRow(row.number, values);
      if (r) rows.push(r);
      if (++n % 100 === 0) await pause();
    }
    sheets.push({ name: (sheet as unknown as { name?: string }).name ?? '', rows });
  }
  return { sheets };
}

/** What the bytes are, whatever the file is called: a zip is .xlsx, an OLE box is .xls (or an encrypted .xlsx). */
export function sniffFormat(buf: Buffer, nameOrMime: string | undefined): SheetFormat | 'xls' | undefined {
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  const head = buf.subarray(0, 512).toString('latin1').toLowerCase();
  // Old systems save "Excel" files that are web pages or XML Spreadsheet 2003.
  if (/^\s*(<\?xml|<html|<!doctype html|<table)/.test(head) && /(urn:schemas-microsoft-com:office|<table|<html)/.test(head)) return 'xls';
  return formatOf(nameOrMime) ?? (buf.length > 0 && !buf.includes(0) ? 'csv' : undefined);
}

export async function readTable(buf: Buffer, format: SheetFormat | 'xls'): Promise<Table> {
  if (buf.length > LIMITS.fileBytes) throw new RosterFileRefused('too-large', { limit: LIMITS.fileBytes });
  if (format === 'xls') throw new RosterFileRefused(isEncryptedOoxml(buf) ? 'encrypted' : 'xls');
  if (buf.length === 0) throw new RosterFileRefused('empty');
  if (format === 'csv') return readCsv(buf);
  try {
    return await readXlsx(buf);
  } catch (err) {
    if (err instanceof RosterFileRefused) throw err;
    throw Object.assign(new RosterFileRefused('unreadable'), { cause: err });
  }
}

/** A password-protected .xlsx is an OLE box holding 'EncryptedPackage'. */
function isEncryptedOoxml(buf: Buffer): boolean {
  return buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

export function formatOf(nameOrMime: string | undefined): SheetFormat | 'xls' | undefined {
  const s = (nameOrMime ?? '').toLowerCase();
  if (s.endsWith('.csv') || s.includes('text/csv') || s.endsWith('.txt') || s.includes('text/plain')) return 'csv';
  if (s.endsWith('.xlsx') || s.includes('spreadsheetml')) return 'xlsx';
  if (s.endsWith('.xls') || s.endsWith('.et') || s.includes('ms-excel')) return 'xls';
  return undefined;
}

/** Landscape A4, fit to the page's width: the tables are printed and filed upward. */
export const PRINT_SETUP = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** Rows looked at to size a column: the widest of a few hundred is wide enough to read and print. */
export const ROWS_MEASURED = 500;

/** A column wide enough for its header and its Chinese text (two widths a character), within bounds. */
export function columnWidth(header: string[], rows: readonly (readonly (string | number | null)[])[], i: number): number {
  const longest = Math.max(header[i]?.length ?? 0, ...rows.slice(0, ROWS_MEASURED).map((r) => String(r[i] ?? '').length));
  return Math.min(40, Math.max(8, longest * 2 + 2));
}

/** A sheet with a bold header row and columns wide enough for Chinese text: fit to print and file upward. */
export function addTableSheet(workbook: ExcelJS.Workbook, title: string, header: string[], rows: (string | number | null)[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(title, { pageSetup: PRINT_SETUP });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  sheet.columns.forEach((col, i) => {
    col.width = columnWidth(header, rows, i);
  });
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
