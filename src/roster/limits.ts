import { inflateRawSync } from 'node:zlib';

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

/**
 * Checks an .xlsx (a zip) before any spreadsheet code opens it: the number of parts, the sizes they declare,
 * and then the sizes they really inflate to (declared sizes can lie), each inflation capped at what is left of
 * the budget. A 300 KB file holding one 300 MB cell is refused here in milliseconds.
 */
export function checkZipBudget(buf: Buffer, budget: number = LIMITS.unpackedBytes): void {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) throw new RosterFileRefused('unreadable');
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries > LIMITS.zipEntries) throw new RosterFileRefused('too-large-unpacked');
  let at = buf.readUInt32LE(eocd + 16);
  let declared = 0;
  let used = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new RosterFileRefused('unreadable');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    declared += buf.readUInt32LE(at + 24);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (declared > budget) throw new RosterFileRefused('too-large-unpacked');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new RosterFileRefused('unreadable');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    used += method === 0 ? data.length : inflatedSize(data, budget - used);
    if (used > budget) throw new RosterFileRefused('too-large-unpacked');
  }
}

function inflatedSize(data: Buffer, room: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, room) + 1 }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new RosterFileRefused('too-large-unpacked');
    throw new RosterFileRefused('unreadable');
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
