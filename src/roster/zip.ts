import { inflateRawSync } from 'node:zlib';
import { LIMITS, RosterFileRefused } from './limits.js';

/** One part of a zip, as its central directory describes it. */
interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes. */
  data: Buffer;
}

/** The parts of a zip from its central directory (an .xlsx is one); throws `unreadable` for anything else. */
function entriesOf(buf: Buffer): ZipEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) throw new RosterFileRefused('unreadable');
  const count = buf.readUInt16LE(eocd + 10);
  if (count > LIMITS.zipEntries) throw new RosterFileRefused('too-large-unpacked');
  const entries: ZipEntry[] = [];
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new RosterFileRefused('unreadable');
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const compressedSize = buf.readUInt32LE(at + 20);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new RosterFileRefused('unreadable');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressedSize > buf.length) throw new RosterFileRefused('unreadable');
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength), method: buf.readUInt16LE(at + 10), crc: buf.readUInt32LE(at + 16),
      compressedSize, size: buf.readUInt32LE(at + 24), data: buf.subarray(start, start + compressedSize),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

function inflatedSize(data: Buffer, room: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, room) + 1 }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new RosterFileRefused('too-large-unpacked');
    throw new RosterFileRefused('unreadable');
  }
}

/**
 * Checks an .xlsx before any spreadsheet code opens it: the number of parts, the sizes they declare, and then
 * the sizes they really inflate to (declared sizes can lie), each inflation capped at what is left of the
 * budget. A 300 KB file holding one 300 MB cell is refused here in milliseconds.
 */
export function checkZipBudget(buf: Buffer, budget: number = LIMITS.unpackedBytes): void {
  let declared = 0;
  let used = 0;
  for (const e of entriesOf(buf)) {
    declared += e.size;
    if (declared > budget) throw new RosterFileRefused('too-large-unpacked');
    used += e.method === 0 ? e.data.length : inflatedSize(e.data, budget - used);
    if (used > budget) throw new RosterFileRefused('too-large-unpacked');
  }
}

/** The parts the sheets need, in the order a streaming reader must meet them. */
const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
const EMPTY_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

/**
 * The same .xlsx with its parts reordered (compressed bytes copied, nothing inflated): workbook, styles and shared
 * strings before the sheets. Excel and exceljs write the sheets first, and then exceljs's streaming reader parks
 * each sheet in a temporary file (the members' names and ID numbers on disk, and a read that failed when another
 * process tidied /tmp). A workbook without shared strings gets an empty part, for the same reason.
 */
export function sheetsLast(buf: Buffer): Buffer {
  const entries = entriesOf(buf).filter((e) => !e.name.endsWith('/'));
  if (!entries.some((e) => e.name === 'xl/sharedStrings.xml')) {
    entries.push({ name: 'xl/sharedStrings.xml', method: 0, crc: crc32(EMPTY_STRINGS), compressedSize: EMPTY_STRINGS.length, size: EMPTY_STRINGS.length, data: EMPTY_STRINGS });
  }
  const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i).map((x) => x.e);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6); head.writeUInt16LE(e.method, 8);
    head.writeUInt32LE(e.crc, 14); head.writeUInt32LE(e.compressedSize, 18); head.writeUInt32LE(e.size, 22); head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8); dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc, 16); dir.writeUInt32LE(e.compressedSize, 20); dir.writeUInt32LE(e.size, 24); dir.writeUInt16LE(name.length, 28); dir.writeUInt32LE(offset, 42);
    parts.push(head, name, e.data);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(ordered.length, 8); end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** CRC-32 (zip's), for the one part this module writes itself. */
function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
