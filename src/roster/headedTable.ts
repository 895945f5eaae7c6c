import { normaliseHeader } from './columns.js';
import { RosterFileRefused } from './limits.js';
import { readTable, sniffFormat, type SheetRow } from './sheet.js';

/**
 * A small table with named columns (an organisation tree, a study plan), read the way rosters are: .xlsx or CSV in
 * any of the encodings Chinese offices save, the header found among the first rows under a title, the column
 * names in Chinese or English with their decorations ('名称（必填）*') ignored. File problems throw
 * `RosterFileRefused`, whose reasons the catalogue's `table-file-refused` words.
 */
export type ColumnNames<F extends string> = Record<F, readonly string[]>;

export interface HeadedRow<F extends string> {
  /** The row number on the sheet, as the secretary sees it in Excel. */
  row: number;
  values: Record<F, string>;
}

export type HeadedTable<F extends string> =
  | { ok: true; rows: HeadedRow<F>[]; encoding?: string }
  /** No row among the first ones names every required column. */
  | { ok: false; missing: F[] };

/** The header is looked for in this many rows from the top (a title and a note may stand above it). */
const HEADER_WITHIN = 10;

function fieldsOf<F extends string>(cells: string[], columns: ColumnNames<F>): Map<number, F> {
  const lookup = new Map<string, F>();
  for (const [field, names] of Object.entries(columns) as [F, readonly string[]][]) for (const n of names) lookup.set(normaliseHeader(n).toLowerCase(), field);
  const found = new Map<number, F>();
  cells.forEach((cell, i) => {
    const f = lookup.get(normaliseHeader(cell).toLowerCase().replace(/[(（].*[)）]$/, ''));
    if (f && ![...found.values()].includes(f)) found.set(i, f);
  });
  return found;
}

export async function readHeadedTable<F extends string>(buf: Buffer, fileName: string, columns: ColumnNames<F>, required: readonly NoInfer<F>[]): Promise<HeadedTable<F>> {
  const table = await readTable(buf, sniffFormat(buf, fileName) ?? 'xlsx');
  const rows: SheetRow[] = table.sheets.find((s) => s.rows.length > 0)?.rows ?? [];
  if (rows.length === 0) throw new RosterFileRefused('empty');
  let best: { at: number; fields: Map<number, F> } | undefined;
  for (let i = 0; i < Math.min(HEADER_WITHIN, rows.length); i++) {
    const fields = fieldsOf(rows[i]!.cells, columns);
    if (!best || fields.size > best.fields.size) best = { at: i, fields };
  }
  const present = new Set(best!.fields.values());
  const missing = required.filter((f) => !present.has(f));
  if (missing.length) return { ok: false, missing };
  const empty = Object.fromEntries(Object.keys(columns).map((f) => [f, ''])) as Record<F, string>;
  const out = rows.slice(best!.at + 1).map((r) => {
    const values = { ...empty };
    for (const [i, f] of best!.fields) values[f] = (r.cells[i] ?? '').trim();
    return { row: r.row, values };
  }).filter((r) => Object.values(r.values).some((v) => v !== ''));
  return { ok: true, rows: out, ...(table.encoding ? { encoding: table.encoding } : {}) };
}
