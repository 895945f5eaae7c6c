import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { migrateDatabase } from '../src/db/client.js';
import { scopes } from './consoleDashboard.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import type { ExportWay } from './exportFilesChild.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';

const CHILD = fileURLToPath(new URL('./exportFilesChild.ts', import.meta.url));

const WAYS: Record<ExportWay, string> = {
  paged: '花名册, read in pages → Buffer (chat, console)',
  whole: '花名册, read whole → Buffer (before)',
  model: '花名册, whole workbook model (before that)',
  evaluations: '民主评议, written row by row',
  file: '花名册, pages → file, shared strings table',
  fileInline: '花名册, pages → file, strings in place (command line)',
};

/** One file made in a process of its own (tsx's loader passed on): resident memory once grown is not given back. */
async function measured(way: ExportWay, url: string, org: { orgId: number; path: string }, staffId: number, dir: string) {
  const args = [...process.execArgv, CHILD, way, url, String(org.orgId), org.path, String(staffId), join(dir, `${way}.xlsx`)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; startMb: number; peakMb: number; fileMb: number };
}

async function run(members: number, ways: ExportWay[]): Promise<void> {
  await withScratchPostgres('bench_exports', async (d, url) => {
    await migrateDatabase(d);
    await seedMembersCounty(d.db, members, new Date().toISOString().slice(0, 7));
    const [county] = await scopes(d);
    const dir = mkdtempSync(join(tmpdir(), 'bench-exports-'));
    const out: (string | number)[][] = [];
    try {
      for (const way of ways) {
        const m = await measured(way, url, county!.org, county!.staffId, dir);
        out.push([WAYS[way], m.ms.toFixed(0), m.startMb.toFixed(0), m.peakMb.toFixed(0), m.fileMb.toFixed(1)]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    printTable(`Member files of ${members.toLocaleString('en')} members on PostgreSQL, one process a file`, ['file', 'ms', 'RSS at start MB', 'peak RSS MB', 'file MB'], out);
  });
}

/**
 * The member-level files a county asks for (花名册, 民主评议情况表) of `BENCH_EXPORT_MEMBERS` members (50,000: a
 * township of a province's county) on PostgreSQL: time, the process's peak resident memory and the file; the roster
 * read in pages as the bot does, and read whole and as a whole workbook model as before, for comparison in the same
 * run. Then the command line's export of `BENCH_EXPORT_FILE_MEMBERS` (200,000; no limit there) to a file, beside
 * the same roster into a Buffer, read in pages and read whole as it was (`BENCH_EXPORT_FILE_ONLY=1` leaves those out,
 * at a million). `BENCH_EXPORT_MEMBERS=0` skips the first part.
 */
export async function exportFilesBench(): Promise<void> {
  const members = Number(process.env.BENCH_EXPORT_MEMBERS ?? 50_000);
  if (members > 0) await run(members, ['paged', 'whole', 'model', 'evaluations']);
  const big = Number(process.env.BENCH_EXPORT_FILE_MEMBERS ?? 200_000);
  await run(big, ['fileInline', 'file', ...(process.env.BENCH_EXPORT_FILE_ONLY === '1' ? [] : ['paged', 'whole'] as const)]);
}
