import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { withScratchPostgres } from './scratchDatabase.js';

/** Runs after the first (which warms caches and is reported apart when `first` is given). */
export const RUNS = 5;

/** [median, max] ms of `runs` runs after a first run; `first` receives the first run's time (nothing cached yet). */
export async function medianMs(run: () => Promise<unknown>, first?: (ms: number) => void, runs = RUNS): Promise<[number, number]> {
  const t = performance.now();
  await run();
  first?.(performance.now() - t);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return [times[Math.floor(times.length / 2)]!, times.at(-1)!];
}

/** A migrated in-memory PGlite, closed after. */
export async function onPglite<T>(use: (database: Database) => Promise<T>): Promise<T> {
  const lite = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(lite);
    return await use(lite);
  } finally {
    await lite.close();
  }
}

/** A migrated scratch PostgreSQL database, dropped after. */
export async function onScratchPostgres<T>(prefix: string, use: (database: Database) => Promise<T>): Promise<T> {
  return await withScratchPostgres(prefix, async (pg) => {
    await migrateDatabase(pg);
    return await use(pg);
  });
}

/** The same measurement on PGlite (unless `pglite` is false) and then on PostgreSQL, each labelled. */
export async function onBothDatabases(prefix: string, run: (label: string, database: Database) => Promise<void>, pglite = true): Promise<void> {
  if (pglite) await onPglite((lite) => run('PGlite (in memory)', lite));
  await onScratchPostgres(prefix, (pg) => run('PostgreSQL', pg));
}
