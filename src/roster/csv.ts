import { decodeText } from './encoding.js';
import { LIMITS, RosterFileRefused, TableBudget } from './limits.js';
import type { SheetRow, Table } from './sheet.js';

/** Comma, or what the file clearly uses instead (Excel's "Unicode text" uses tabs; some locales semicolons). */
function delimiterOf(text: string): string {
  const head = text.slice(0, 8 * 1024).replace(/"[^"]*"/g, '');
  const count = (c: string) => head.split(c).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ',';
}

/** RFC 4180 with the habits of spreadsheet programs: quoted fields with doubled quotes, CRLF, a last line without end. */
export function parseCsv(text: string, delimiter = ',', budget = new TableBudget()): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.length > LIMITS.cellChars ? field.slice(0, LIMITS.cellChars + 1) : field);
    field = '';
    if (row.length > LIMITS.columns) throw new RosterFileRefused('too-many-columns', { limit: LIMITS.columns });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      budget.take(row);
      out.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) { endField(); budget.take(row); out.push(row); }
  return out;
}

export function readCsv(buf: Buffer): Table {
  const { text, encoding } = decodeText(buf);
  if (text.length > LIMITS.unpackedBytes) throw new RosterFileRefused('too-large-unpacked');
  const rows: SheetRow[] = [];
  parseCsv(text.replace(/^\uFEFF/, ''), delimiterOf(text)).forEach((cells, i) => {
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.some((c) => c)) rows.push({ row: i + 1, cells: trimmed });
  });
  return { sheets: [{ name: '', rows }], encoding };
}
