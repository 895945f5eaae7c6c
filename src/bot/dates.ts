/**
 * Dates people type (`/depart 12 2026-03-01 东莞`) and configuration dates: YYYY-MM-DD, and a day the
 * calendar has. `2026-02-30` is not a date: it is refused here, with the date named in the answer, instead
 * of reaching a `date` column and failing there.
 */
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The years this work can be about; PostgreSQL itself refuses year 0. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** 'YYYY-MM-DD' that exists → the same string; anything else → undefined. */
export function parseDate(text: string | undefined): string | undefined {
  const m = SHAPE.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return m[0];
}

/** Written as a date (YYYY-MM-DD) but not one: `2026-02-30`, `2026-13-01`, `0000-01-01`. */
export function isImpossibleDate(text: string | undefined): boolean {
  return SHAPE.test(text?.trim() ?? '') && parseDate(text) === undefined;
}
