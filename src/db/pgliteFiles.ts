import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from './client.js';

/**
 * Puts a PGlite dump (from `dumpDataDir`) in place of the database in `dataDir`. Refuses a folder a running
 * bot holds (its lock file names a live process: DataDirInUseError), and holds the lock itself meanwhile.
 * The database it replaces is kept beside it as `pg.before-restore-<stamp>`. Returns that folder, if any.
 */
export async function restoreDataDir(dataDir: string, dump: Blob, stamp: string): Promise<string | undefined> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  try {
    const target = join(dir, 'pg');
    let keptAs: string | undefined;
    if (existsSync(target)) {
      keptAs = join(dir, `pg.before-restore-${stamp}`);
      renameSync(target, keptAs);
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite(target, { loadDataDir: dump });
    await client.waitReady;
    await client.exec('CHECKPOINT');
    await client.close();
    return keptAs;
  } finally {
    unlock();
  }
}
