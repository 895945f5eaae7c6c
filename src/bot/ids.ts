/**
 * Ids people type or buttons carry (`/hr 12 take`, `hr:take:12`) as the database has them: PostgreSQL
 * `integer`, 1 .. 2^31-1. Anything else is refused here, so that `2147483648` gets the answer an unknown id
 * gets instead of reaching a query and failing there.
 */
export const MAX_ID = 2_147_483_647;

/** No row has it (identity columns start at 1): the caller's own "not found" answer follows. */
export const NO_SUCH_ID = 0;

/**
 * '12' or '#12' → 12. Digits no row can have (0, 2^31 and beyond) → NO_SUCH_ID, so they are answered like
 * any id that does not exist. Not an id at all (empty, words, signs, decimals) → undefined.
 */
export function parseId(text: string | undefined): number | undefined {
  const m = /^#?(\d+)$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= MAX_ID ? n : NO_SUCH_ID;
}
