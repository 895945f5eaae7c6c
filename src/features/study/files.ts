import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { studyFiles } from '../../db/schema/index.js';
import { decodeText } from '../../roster/encoding.js';

/**
 * A study file travels to a member inside one outbox row when they tap for it, and Telegram takes documents
 * far larger: 5 MB keeps the row small and fits a leaflet, a PDF of a policy or a photo of a notice.
 */
export const STUDY_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The kinds of file a study item may carry: by its name's ending, and its first bytes must agree (`take` answers
 * what is kept, or undefined). A text file is kept as UTF-8 whatever it was saved in, so that every phone shows it.
 */
const KINDS: { ext: readonly string[]; mime: string; take: (b: Buffer) => Buffer | undefined }[] = [
  { ext: ['pdf'], mime: 'application/pdf', take: when((b) => b.subarray(0, 5).toString('latin1') === '%PDF-') },
  { ext: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', take: when(isZip) },
  { ext: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', take: when(isZip) },
  { ext: ['pptx'], mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', take: when(isZip) },
  { ext: ['doc'], mime: 'application/msword', take: when(isOle) },
  { ext: ['xls'], mime: 'application/vnd.ms-excel', take: when(isOle) },
  { ext: ['ppt'], mime: 'application/vnd.ms-powerpoint', take: when(isOle) },
  { ext: ['jpg', 'jpeg'], mime: 'image/jpeg', take: when((b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) },
  { ext: ['png'], mime: 'image/png', take: when((b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) },
  { ext: ['txt'], mime: 'text/plain; charset=utf-8', take: asUtf8Text },
];
export const STUDY_FILE_ENDINGS = KINDS.flatMap((k) => k.ext);

/** The file as it came, when its first bytes are the kind's. */
function when(magic: (b: Buffer) => boolean): (b: Buffer) => Buffer | undefined {
  return (b) => (magic(b) ? b : undefined);
}
function isZip(b: Buffer): boolean {
  return b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}
function isOle(b: Buffer): boolean {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}
/**
 * A .txt saved as UTF-8, UTF-16 (Notepad's "Unicode") or GBK (Notepad's "ANSI" on Chinese Windows), as UTF-8;
 * undefined for anything that is not text: a character that does not decode, or a control character.
 */
function asUtf8Text(b: Buffer): Buffer | undefined {
  const { text } = decodeText(b);
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? undefined : Buffer.from(text, 'utf8');
}

export type StudyFileCheck =
  | { ok: true; fileName: string; mime: string; data: Buffer }
  | { problem: 'file-empty' | 'file-too-big' | 'file-type'; megabytes?: number };

/** A file's name as it will be stored and offered: no folders, nothing a header or a file system minds. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f"<>|*?:;]/g, '_').trim().slice(-120);
}

/** Whether an uploaded file may be a study item's: not empty, not too big, and of a kind its first bytes confirm. */
export function checkStudyFile(name: string, data: Buffer): StudyFileCheck {
  if (data.length === 0) return { problem: 'file-empty' };
  if (data.length > STUDY_FILE_MAX_BYTES) return { problem: 'file-too-big', megabytes: STUDY_FILE_MAX_BYTES / 1024 / 1024 };
  const fileName = cleanName(name);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const kind = KINDS.find((k) => ext !== undefined && k.ext.includes(ext));
  const kept = kind?.take(data);
  if (!kind || !kept) return { problem: 'file-type' };
  return { ok: true, fileName, mime: kind.mime, data: kept };
}

export interface StudyFile {
  fileName: string;
  mime: string;
  size: number;
  data: Buffer;
}

export async function studyFileOf(db: DbOrTx, itemId: number): Promise<StudyFile | undefined> {
  const [f] = await db.select({ fileName: studyFiles.fileName, mime: studyFiles.mime, size: studyFiles.size, data: studyFiles.data }).from(studyFiles).where(eq(studyFiles.itemId, itemId));
  return f;
}

/** Stores (or replaces) an item's file; the caller has checked it and decided the person may. */
export async function saveStudyFile(db: DbOrTx, itemId: number, file: { fileName: string; mime: string; data: Buffer }, actor: number, now: Date): Promise<void> {
  const values = { fileName: file.fileName, mime: file.mime, size: file.data.length, data: file.data, uploadedBy: actor, uploadedAt: now };
  await db.insert(studyFiles).values({ itemId, ...values }).onConflictDoUpdate({ target: studyFiles.itemId, set: values });
}
