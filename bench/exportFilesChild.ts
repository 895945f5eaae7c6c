import { createWriteStream, statSync } from 'node:fs';
import { openDatabase } from '../src/db/client.js';
import { exportEvaluations } from '../src/features/evaluation/views.js';
import { EXPORT_HEADER } from '../src/roster/columns.js';
import { excel } from '../src/roster/excel.js';
import { exportRoster, rosterRows, writeRoster } from '../src/roster/export.js';
import { addTableSheet, toBuffer } from '../src/roster/sheet.js';
import { tableFile } from '../src/roster/tableFile.js';

/** How a file is made; each runs in a process of its own (exportFiles.ts), so that its peak is its own. */
export type ExportWay = 'paged' | 'whole' | 'model' | 'evaluations' | 'file' | 'fileInline';

const full = { showIdNumber: () => true };

async function make(way: ExportWay, url: string, org: { id: number; path: string; staffId: number }, out: string): Promise<number> {
  const d = await openDatabase({ url, dataDir: '', maxConnections: 2 });
  try {
    if (way === 'paged') return (await exportRoster(d.db, org.id, full)).length;
    if (way === 'whole') {
      const rows = await rosterRows(d.db, org.path, full);
      return (await tableFile({ sheet: '花名册', header: [...EXPORT_HEADER], rows, textColumns: [4, 5, 18] })).length;
    }
    if (way === 'model') {
      const book = new (await excel()).Workbook();
      addTableSheet(book, '花名册', [...EXPORT_HEADER], await rosterRows(d.db, org.path, full));
      return (await toBuffer(book)).length;
    }
    if (way === 'evaluations') {
      const now = new Date();
      return ((await exportEvaluations(d.db, org.staffId, org.id, now.getFullYear(), now)) as { data: Buffer }).data.length;
    }
    await writeRoster(d.db, org.id, createWriteStream(out), { ...full, inlineStrings: way === 'fileInline' });
    return statSync(out).size;
  } finally {
    await d.close();
  }
}

/** Resident memory sampled every 20 ms while the file is made: one line of JSON for the parent. */
async function main(): Promise<void> {
  const [way, url, id, path, staffId, out] = process.argv.slice(2);
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const bytes = await make(way as ExportWay, url!, { id: Number(id), path: path!, staffId: Number(staffId) }, out!);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ms, startMb: start / 1e6, peakMb: peak / 1e6, fileMb: bytes / 1e6 })}\n`);
}

await main();
