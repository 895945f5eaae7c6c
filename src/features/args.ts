/** The words after a staff command, and the ids and dates in them. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** '#12' or '12' → 12; anything else → undefined. */
export function idOf(word: string | undefined): number | undefined {
  return word && /^#?\d+$/.test(word) ? Number(word.replace('#', '')) : undefined;
}

export function isDate(word: string | undefined): word is string {
  return word !== undefined && DATE.test(word);
}

export function wordsOf(arg: string): string[] {
  return arg.trim().split(/\s+/).filter(Boolean);
}

/** Today in UTC as YYYY-MM-DD, the default date of a departure or return said without one. */
export const today = (now: Date) => now.toISOString().slice(0, 10);
