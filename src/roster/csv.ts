import chardet from 'chardet';
import iconv from 'iconv-lite';
import { LIMITS, RosterFileRefused, TableBudget } from './limits.js';
import type { SheetRow, Table } from './sheet.js';

/**
 * The text of a CSV in whatever encoding it was saved in: a BOM says so (UTF-8, UTF-16); text that is valid
 * UTF-8 is UTF-8; anything else is what Excel on Chinese Windows writes, GBK or its superset GB18030, unless the
 * detector is clearly sure of Big5. Returns the name shown to the secretary.
 */
export function decodeCsv(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'UTF-16' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: one of the national encodings
  }
  const sample = buf.subarray(0, 64 * 1024);
  const scores = new Map(chardet.analyse(sample).map((m) => [m.name, m.confidence]));
  if ((scores.get('Big5') ?? 0) > (scores.get('GB18030') ?? 0) + 20) return { text: iconv.decode(buf, 'big5'), encoding: 'Big5' };
  return { text: iconv.decode(buf, 'gb18030'), encoding: hasFourByteGb18030(buf) ? 'GB18030' : 'GBK' };
}

/** GB18030 adds four-byte sequences (a digit as the second byte) to GBK's two-byte ones. */
function hasFourByteGb18030(buf: Buffer): boolean {
  for (let i = 0; i < buf.length - 1; i++) {
    const b = buf[i]!;
    if (b < 0x80) continue;
    const next = buf[i + 1]!;
    if (b >= 0x81 && b <= 0xfe && next >= 0x30 && next <= 0x39) return true;
    i++;
  }
  return false;
}

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
  const { text, encoding } = decodeCsv(buf);
  if (text.length > LIMITS.unpackedBytes) throw new RosterFileRefused('too-large-unpacked');
  const rows: SheetRow[] = [];
  parseCsv(text.replace(/^\uFEFF/, ''), delimiterOf(text)).forEach((cells, i) => {
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.some((c) => c)) rows.push({ row: i + 1, cells: trimmed });
  });
  return { sheets: [{ name: '', rows }], encoding };
}
