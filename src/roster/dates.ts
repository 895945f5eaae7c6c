/**
 * The dates a 花名册 holds, in every way secretaries write them: 2001-07-01, 2001/7/1, 2001.7.1, 2001年7月1日,
 * 20010701, month-only 2001.07, 2001-07, 2001年7月, 200107, and Excel's serial day numbers. A month-only date
 * stays month-only ('2001-07'); a full one is '2001-07-01'.
 */
export type DateProblem = 'bad-date' | 'ambiguous-date';
export type ParsedDate = { ok: string } | { problem: DateProblem };

const pad = (n: number) => String(n).padStart(2, '0');
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function dayDate(y: number, m: number, d: number): ParsedDate {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < MIN_YEAR || y > MAX_YEAR || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { problem: 'bad-date' };
  return { ok: `${y}-${pad(m)}-${pad(d)}` };
}

function monthDate(y: number, m: number): ParsedDate {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return { problem: 'bad-date' };
  return { ok: `${y}-${pad(m)}` };
}

/** Excel counts days from 1899-12-30 (its phantom 1900-02-29 included): 36708 is 2000-07-01. */
export function fromExcelSerial(serial: number): ParsedDate {
  const day = Math.floor(serial);
  const date = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000);
  return dayDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** 5 digits (optionally with a time fraction): an Excel serial between 1927 and 2173. */
const SERIAL = /^(\d{5})(\.\d+)?$/;

export function parseRosterDate(raw: string): ParsedDate {
  const v = raw.normalize('NFKC').replace(/\s+/g, '').replace(/(号|日)$/, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(v);
  if (m) return dayDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return dayDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // 2001.1 is what Excel shows for a typed 2001.10 as well as for 2001.1: October or January cannot be told.
  if (/^\d{4}\.1$/.test(v)) return { problem: 'ambiguous-date' };
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(v);
  if (m) return monthDate(Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})$/.exec(v);
  if (m) return monthDate(Number(m[1]), Number(m[2]));
  m = SERIAL.exec(v);
  if (m) return fromExcelSerial(Number(m[1]));
  // A date with a time, as a database export writes it.
  m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(v);
  if (m) return dayDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return { problem: 'bad-date' };
}

export const isMonthOnly = (d: string) => d.length === 7;

/** As the roster shows it: 2001-07-01, or 2001-07 for a month-only date. */
export function showDate(d: string | null | undefined, monthOnly = false): string {
  if (!d) return '';
  return monthOnly ? d.slice(0, 7) : d;
}
