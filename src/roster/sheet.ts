import ExcelJS from 'exceljs';

export type SheetFormat = 'xlsx' | 'csv';

/** A table read from a file: rows of trimmed strings with their spreadsheet row numbers. */
export interface Table {
  rows: { row: number; cells: string[] }[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: Table['rows'] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells = values.slice(1).map((v) => cellText(v).trim());
    if (cells.some((c) => c)) rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

/** RFC 4180 with the habits of spreadsheet programs: a BOM, CRLF, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field); out.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); out.push(row); }
  return out;
}

function readCsv(buffer: Buffer): Table {
  const rows = parseCsv(buffer.toString('utf8'))
    .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c));
  return { rows };
}

export async function readTable(buffer: Buffer, format: SheetFormat): Promise<Table> {
  return format === 'csv' ? readCsv(buffer) : readXlsx(buffer);
}

export function formatOf(nameOrMime: string | undefined): SheetFormat | undefined {
  const s = (nameOrMime ?? '').toLowerCase();
  if (s.endsWith('.csv') || s.includes('text/csv')) return 'csv';
  if (s.endsWith('.xlsx') || s.includes('spreadsheetml')) return 'xlsx';
  return undefined;
}

/** A sheet with a bold header row and columns wide enough for Chinese text: fit to print and file upward. */
export function addTableSheet(workbook: ExcelJS.Workbook, title: string, header: string[], rows: (string | number | null)[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(title, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(header[i]?.length ?? 0, ...rows.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(40, Math.max(8, longest * 2 + 2));
  });
  return sheet;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
