import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, type Database } from '../db/client.js';
import { query } from '../db/query.js';

/** What the outbox holds per platform: messages not yet sent, and how long the most overdue one has been due. */
export interface OutboxBacklog {
  platform: string;
  backlog: number;
  /** Seconds since the longest-waiting message became due (0 when none is due). */
  oldestDueSeconds: number;
}

/**
 * "Due" is the message's next attempt time: a prompt held for the member's afternoon, or a retry waiting out
 * a 429, is not late yet. A message due long ago and still pending means nothing is sending.
 */
export async function outboxBacklog(database: Database, now: Date): Promise<OutboxBacklog[]> {
  const rows = await query<{ platform: string; backlog: number | string; oldest_due: string | Date | null }>(
    database.db,
    sql`select platform, count(*) as backlog,
               min(next_attempt_at) filter (where next_attempt_at <= ${now.toISOString()}::timestamptz) as oldest_due
          from outbox_messages where status in ('pending', 'sending') group by platform`,
  );
  return rows.map((r) => ({
    platform: r.platform,
    backlog: Number(r.backlog),
    oldestDueSeconds: r.oldest_due === null ? 0 : Math.max(0, (now.getTime() - new Date(r.oldest_due).getTime()) / 1000),
  }));
}

/**
 * Outbox rows kept whose send a crash cut off before its outcome was stored, by platform: each was sent
 * again and may have arrived twice (at most an instance's in-flight window per crash).
 */
export async function possibleDuplicates(database: Database): Promise<{ platform: string; count: number }[]> {
  const rows = await query<{ platform: string; count: number | string }>(
    database.db,
    sql`select platform, count(*) as count from outbox_messages where interrupted_sends > 0 group by platform`,
  );
  return rows.map((r) => ({ platform: r.platform, count: Number(r.count) }));
}

/** When each scheduled job last finished a run (any instance). */
export async function lastJobRuns(database: Database): Promise<{ job: string; finishedAt: Date }[]> {
  const rows = await query<{ job: string; finished_at: string | Date }>(
    database.db,
    sql`select job, max(finished_at) as finished_at from job_runs where finished_at is not null group by job`,
  );
  return rows.map((r) => ({ job: r.job, finishedAt: new Date(r.finished_at) }));
}

/** The newest migration in drizzle/ (its timestamp), as the code knows it. */
export function newestMigration(folder = MIGRATIONS_FOLDER): { tag: string; when: number } {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('no migrations in the journal');
  return { tag: last.tag, when: last.when };
}

/** Whether the database has every migration this code was built with (drizzle records each one's timestamp). */
export async function migrationsCurrent(database: Database): Promise<{ current: boolean; applied: number; expected: string }> {
  const newest = newestMigration();
  const rows = await query<{ newest: string | number | null }>(database.db, sql`select max(created_at) as newest from drizzle.__drizzle_migrations`);
  const applied = Number(rows[0]?.newest ?? 0);
  return { current: applied >= newest.when, applied, expected: newest.tag };
}

/** Connections this application holds on the PostgreSQL server, by state (all instances together); none on PGlite. */
export async function serverConnections(database: Database): Promise<{ state: string; count: number }[]> {
  if (database.kind !== 'postgres') return [];
  const rows = await query<{ state: string | null; count: number | string }>(
    database.db,
    sql`select coalesce(state, 'unknown') as state, count(*) as count from pg_stat_activity
         where application_name = 'liandang-bot' and datname = current_database() group by 1`,
  );
  return rows.map((r) => ({ state: r.state ?? 'unknown', count: Number(r.count) }));
}
