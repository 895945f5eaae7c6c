/**
 * What a roster file may be, and unpack to. A branch roster is a few hundred rows and a county's tens of
 * thousands; a file beyond these is refused before it can take the memory of everyone else's messages.
 */
export const LIMITS = {
  /** The file as sent. */
  fileBytes: 5 * 1024 * 1024,
  /** Everything inside an .xlsx once unpacked (a 10,000-row roster unpacks to about 10 MB). */
  unpackedBytes: 64 * 1024 * 1024,
  /** Parts inside an .xlsx (a normal one has about a dozen). */
  zipEntries: 500,
  /** Rows read from a sheet, titles and footers included. */
  rows: 50_000,
  /** Columns of one row. */
  columns: 200,
  /** Characters of one cell: a longer one is cut and that row refused. */
  cellChars: 2_000,
} as const;

export type FileRefusal =
  | 'unreadable' | 'xls' | 'encrypted' | 'too-large' | 'too-large-unpacked' | 'too-many-rows' | 'too-many-columns' | 'empty' | 'no-header' | 'no-branch-column';

/** The file as a whole cannot be imported; the reason is said to the secretary in one sentence. */
export class RosterFileRefused extends Error {
  constructor(readonly reason: FileRefusal, readonly details: Record<string, string | number> = {}) {
    super(`roster file refused: ${reason}`);
    this.name = 'RosterFileRefused';
  }
}

/** Limits that hold while reading, so a giant sheet stops early instead of at the end. */
export class TableBudget {
  private rows = 0;
  take(cells: unknown[]): void {
    if (++this.rows > LIMITS.rows) throw new RosterFileRefused('too-many-rows', { limit: LIMITS.rows });
    if (cells.length > LIMITS.columns) throw new RosterFileRefused('too-many-columns', { limit: LIMITS.columns });
  }
}
