import { fieldOfHeader, type Field } from './columns.js';
import { RosterFileRefused } from './limits.js';
import type { SheetRow, Table } from './sheet.js';

/** The roster part of a file: its header, what each column means, and the member rows below it. */
export interface RosterSheet {
  sheetName: string;
  encoding?: string;
  headerRow: number;
  header: string[];
  /** The field each column holds; undefined for a column not imported. */
  columns: (Field | undefined)[];
  /** Header texts of columns not known (reported once), and of a field's second column (ignored). */
  unknownColumns: string[];
  /** Every row read, titles and footers included: the annotated copy shows them all. */
  allRows: SheetRow[];
  /** The member rows: below the header, without blank, footer, section or repeated-header rows. */
  rows: SheetRow[];
}

/** How far down a header is looked for: titles, a date line and a merged group heading fit above it. */
const HEADER_SEARCH_ROWS = 20;

/** The lines under a table that are no members: who made it, when, the total, notes. */
const FOOTER = /^(制表人|制表|填表人|填表|填报人|填报日期|制表日期|填表日期|日期|合计|总计|小计|共计|备注|说明|注[:：]|审核人|审核|负责人|单位盖章|盖章|签字|书记签字|联系电话)/;
/** Section headings inside a table: （一）流动党员, 二、在家党员. */
const SECTION = /^[（(]?[一二三四五六七八九十]+[)）、.]/;

function headerScore(cells: string[]): { fields: Set<Field>; hasName: boolean } {
  const fields = new Set<Field>();
  for (const c of cells) {
    const f = fieldOfHeader(c);
    if (f && f !== 'silent') fields.add(f);
  }
  return { fields, hasName: fields.has('name') };
}

function findHeaderIn(rows: SheetRow[]): SheetRow | undefined {
  let best: { row: SheetRow; score: number } | undefined;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const { fields, hasName } = headerScore(row.cells);
    if (hasName && fields.size >= 2 && fields.size > (best?.score ?? 0)) best = { row, score: fields.size };
  }
  return best?.row;
}

function mapColumns(header: string[]): { columns: (Field | undefined)[]; unknown: string[] } {
  const columns: (Field | undefined)[] = [];
  const unknown: string[] = [];
  const seen = new Set<Field>();
  header.forEach((cell, i) => {
    const f = fieldOfHeader(cell);
    if (f === undefined) {
      if (cell.trim()) unknown.push(cell.trim());
    } else if (f !== 'silent') {
      if (seen.has(f)) unknown.push(cell.trim());
      else {
        seen.add(f);
        columns[i] = f;
      }
    }
  });
  return { columns, unknown };
}

function isNoMember(row: SheetRow, header: string[]): boolean {
  const filled = row.cells.filter((c) => c);
  const first = filled[0] ?? '';
  if (filled.length <= 4 && FOOTER.test(first.replace(/\s+/g, ''))) return true;
  if (filled.length === 1 && SECTION.test(first)) return true;
  // A printed roster repeats its header on each page.
  return row.cells.every((c, i) => c === (header[i] ?? ''));
}

/** Finds the roster in a workbook: the first sheet with a header naming 姓名 and at least one more known column. */
export function findRoster(table: Table): RosterSheet {
  for (const sheet of table.sheets) {
    const headerRow = findHeaderIn(sheet.rows);
    if (!headerRow) continue;
    const { columns, unknown } = mapColumns(headerRow.cells);
    const rows = sheet.rows.filter((r) => r.row > headerRow.row && !isNoMember(r, headerRow.cells));
    if (rows.length === 0) throw new RosterFileRefused('empty');
    return {
      sheetName: sheet.name, ...(table.encoding ? { encoding: table.encoding } : {}), headerRow: headerRow.row, header: headerRow.cells,
      columns, unknownColumns: unknown, allRows: sheet.rows, rows,
    };
  }
  if (table.sheets.every((s) => s.rows.length === 0)) throw new RosterFileRefused('empty');
  throw new RosterFileRefused('no-header');
}
