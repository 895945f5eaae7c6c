import { migrateDatabase } from '../src/db/client.js';
import { exportEvaluations } from '../src/features/evaluation/views.js';
import { EXPORT_HEADER } from '../src/roster/columns.js';
import { excel } from '../src/roster/excel.js';
import { exportRoster, rosterRows } from '../src/roster/export.js';
import { addTableSheet, toBuffer } from '../src/roster/sheet.js';
import { scopes } from './consoleDashboard.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';

/** Runs `work`, sampling the process's resident memory every 20 ms: its time, and the peak against where it started. */
async function measured(work: () => Promise<Buffer>): Promise<{ ms: number; startMb: number; peakMb: number; fileMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const file = await work();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, startMb: start / 1e6, peakMb: peak / 1e6, fileMb: file.length / 1e6 };
}

/**
 * The member-level files a county asks for (花名册, 民主评议情况表) of `BENCH_EXPORT_MEMBERS` members (50,000: a
 * township of a province's county) on PostgreSQL: time, the process's peak resident memory and the file, written row
 * by row as the bot does, and the roster again as a whole workbook model (as before, for comparison in the same run;
 * run last, since resident memory once grown is not given back).
 */
export async function exportFilesBench(): Promise<void> {
  const members = Number(process.env.BENCH_EXPORT_MEMBERS ?? 50_000);
  await withScratchPostgres('bench_exports', async (d) => {
    await migrateDatabase(d);
    const now = new Date();
    await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
    const [county] = await scopes(d);
    const out: (string | number)[][] = [];
    const row = (what: string, m: Awaited<ReturnType<typeof measured>>) =>
      out.push([what, m.ms.toFixed(0), m.startMb.toFixed(0), m.peakMb.toFixed(0), m.fileMb.toFixed(1)]);
    row('花名册, written row by row', await measured(() => exportRoster(d.db, county!.org.orgId, { showIdNumber: () => true })));
    row('民主评议, written row by row', await measured(async () => (await exportEvaluations(d.db, county!.staffId, county!.org.orgId, now.getFullYear(), now) as { data: Buffer }).data));
    row('花名册, whole workbook model (before)', await measured(async () => {
      const book = new (await excel()).Workbook();
      addTableSheet(book, '花名册', [...EXPORT_HEADER], await rosterRows(d.db, county!.org.path, { showIdNumber: () => true }));
      return toBuffer(book);
    }));
    printTable(`Member files of ${members.toLocaleString('en')} members on PostgreSQL`, ['file', 'ms', 'RSS at start MB', 'peak RSS MB', 'file MB'], out);
  });
}
