import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Job } from '../schedules/coordinator.js';
import { backupJob, backupSettings } from './backup.js';

/**
 * Tables whose rows are rewritten with every update or send (the outbox three times a message, a conversation every
 * turn), and the ones the scans plan by. PostgreSQL's autovacuum looks after them there; PGlite has none, so dead rows
 * piled up for ever and the planner kept the statistics of an empty table (the outbox claim, planned for one row due,
 * took seconds at 30,000: see outbox/claims.ts).
 */
export const CHURNED_TABLES = [
  'outbox_messages', 'processed_updates', 'conversations', 'send_budget', 'identities', 'report_chases', 'reports', 'tracking_entries', 'job_runs',
] as const;

/** Hourly VACUUM (ANALYZE) of the churned tables, as autovacuum would (only pages with dead rows are visited). */
export function upkeepJob(): Job {
  return {
    name: 'database-upkeep',
    every: 'hour',
    run: async (db) => {
      const started = performance.now();
      await db.execute(sql.raw(`vacuum (analyze) ${CHURNED_TABLES.join(', ')}`));
      return { tables: CHURNED_TABLES.length, tookMs: Math.round(performance.now() - started) };
    },
  };
}

/** What the embedded database needs of the bot itself: a nightly backup and the upkeep (PostgreSQL: its own tools). */
export function embeddedDatabaseJobs(database: Database, config: Parameters<typeof backupSettings>[0]): Job[] {
  if (database.kind !== 'pglite') return [];
  return [...(database.dumpDataDir ? [backupJob(database, backupSettings(config))] : []), upkeepJob()];
}
