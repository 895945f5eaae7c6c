import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { seedCounty } from './seed.js';
import { printTable } from './table.js';

/** Starts the bot as `npm start` would and waits for the terminal's first line. */
async function startToFirstPrompt(dataDir: string, command: string[], ready = /可以切换的身份|\/demo/): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, DATA_DIR: dataDir, TERMINAL: 'on', LOG_LEVEL: 'warn' }, stdio: 'pipe' });
  let out = '';
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(performance.now() - started);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  // Idle: let start-up garbage settle, then read the resident set of the node process itself.
  await new Promise((r) => setTimeout(r, 3000));
  const rssMb = residentMb(child.pid!);
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
  return { ms, rssMb };
}

/** VmRSS of the process, or of its node child when it is npm. */
function residentMb(pid: number): number {
  const read = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let best = read(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      best = Math.max(best, residentMb(Number(child)));
    }
  } catch {
    /* no children */
  }
  return best;
}

async function baseline(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', resolve));
  return performance.now() - started;
}

/**
 * PGlite alone on the bot's data folder, in plain node: opened, one query, idle, stdin's end closes it. With its own
 * settings, and with the smaller buffer cache the bot starts it with (PGLITE_SHARED_BUFFERS).
 */
function barePglite(sharedBuffers?: string): string[] {
  const options = sharedBuffers ? `{ startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=${sharedBuffers}'] }` : '{}';
  const code = `import { PGlite } from '@electric-sql/pglite';
    const db = new PGlite(process.env.DATA_DIR + '/pg', ${options});
    await db.query('select count(*) from persons');
    console.log('pglite ready');
    process.stdin.resume();
    process.stdin.on('end', async () => { await db.close(); process.exit(0); });`;
  return [process.execPath, '--input-type=module', '-e', code];
}

export async function footprint(): Promise<void> {
  // As `npm start` runs it (package.json).
  const node = [process.execPath, '--max-semi-space-size=2', '--import', 'tsx', 'src/main.ts'];
  const rows: (string | number)[][] = [];
  const bare = await baseline();
  rows.push(['bare `node -e 0`', bare.toFixed(0), '1.0', '-']);

  const fresh = mkdtempSync(join(tmpdir(), 'bench-fp-'));
  try {
    const cold = await startToFirstPrompt(fresh, node);
    rows.push(['first start (empty folder, migrations)', cold.ms.toFixed(0), (cold.ms / bare).toFixed(1), cold.rssMb.toFixed(0)]);
    const warm = await startToFirstPrompt(fresh, node);
    rows.push(['next start (node --max-semi-space-size=2 --import tsx)', warm.ms.toFixed(0), (warm.ms / bare).toFixed(1), warm.rssMb.toFixed(0)]);
    const npm = await startToFirstPrompt(fresh, ['npm', 'start', '--silent']);
    rows.push(['next start (`npm start`)', npm.ms.toFixed(0), (npm.ms / bare).toFixed(1), npm.rssMb.toFixed(0)]);
    for (const [label, buffers] of [['bare PGlite on the same folder (its defaults)', undefined], ['bare PGlite on the same folder (shared_buffers as the bot: 16MB)', '16MB']] as const) {
      const alone = await startToFirstPrompt(fresh, barePglite(buffers), /pglite ready/);
      rows.push([label, alone.ms.toFixed(0), (alone.ms / bare).toFixed(1), alone.rssMb.toFixed(0)]);
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }

  const big = mkdtempSync(join(tmpdir(), 'bench-fp-big-'));
  try {
    const database = await openDatabase({ dataDir: big });
    await migrateDatabase(database);
    const seeding = performance.now();
    await seedCounty(database.db, 100_000, new Date().toISOString().slice(0, 7));
    const seedMs = performance.now() - seeding;
    await database.close();
    const loaded = await startToFirstPrompt(big, node);
    rows.push([`start with 100,000 members (seeded in ${(seedMs / 1000).toFixed(1)} s)`, loaded.ms.toFixed(0), (loaded.ms / bare).toFixed(1), loaded.rssMb.toFixed(0)]);
  } finally {
    rmSync(big, { recursive: true, force: true });
  }
  printTable('Footprint on PGlite: time to the first prompt, resident memory after 3 s idle', ['run', 'ms', '× bare node', 'RSS MB'], rows);
}
