import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { OutgoingDocument } from '../../bot/types.js';

/**
 * Saves a document in the exports folder and returns its full path. The name comes from the core, but a
 * name is never a path: separators are replaced, and an existing file is kept (`name-2.xlsx`, …).
 */
export async function saveDocument(dir: string, document: OutgoingDocument): Promise<string> {
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true });
  const safe = basename(document.fileName.replace(/[\\/:*?"<>|\0]/g, '_')) || 'export';
  const dot = safe.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  const data = Buffer.from(document.base64, 'base64');
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? safe : `${stem}-${n}${ext}`);
    try {
      // 'wx': fail rather than overwrite a file a secretary may still be reading.
      await writeFile(path, data, { flag: 'wx' });
      return path;
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST' || n >= 1000) throw err;
    }
  }
}
