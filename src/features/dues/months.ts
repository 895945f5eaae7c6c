/** Months as 'YYYY-MM', and the money of dues in fen (分): shown as yuan with two decimals. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_MONTHS_AT_ONCE = 24;

export const isMonth = (w: string | undefined): w is string => w !== undefined && MONTH.test(w);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included ([] when `to` is earlier). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= 1200; m = nextMonth(m)) out.push(m);
  return out;
}

/** '2026-03', '2026-01..2026-03' or '2026-01,2026-02' → the months; anything else (or too many) → undefined. */
export function parseMonths(word: string | undefined): string[] | undefined {
  if (!word) return undefined;
  const range = /^(\d{4}-\d{2})(?:\.\.|~|至)(\d{4}-\d{2})$/.exec(word);
  const months = range ? (isMonth(range[1]) && isMonth(range[2]) ? monthsBetween(range[1], range[2]) : []) : word.split(/[,，、]/);
  if (months.length === 0 || months.length > MAX_MONTHS_AT_ONCE || !months.every(isMonth)) return undefined;
  return [...new Set(months)];
}

/** '20', '20.5', '20.50' yuan → fen; anything else → undefined. */
export function parseYuan(word: string | undefined): number | undefined {
  const m = word === undefined ? null : /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(word);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : undefined;
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);
