import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { query } from '../src/db/query.js';

/**
 * Looks inside the inbound bench's bot runs, printed to stderr, a few lines a run (`BENCH_LOOK=cpu,functions`).
 * The sessions that studied the polling cells built these again each time as scratch instruments; kept here.
 *
 * - `cpu`: the process's CPU over the bot's run (every thread: PGlite's too, PostgreSQL's server not), a update.
 * - `functions`: PGlite's time in each SQL function over the bot's run and its outbox tail (`track_functions`), a
 *   update. PGlite only, being one session: PostgreSQL's backends report theirs up to ten seconds late.
 */
const LOOKS = new Set(process.env.BENCH_LOOK?.split(',') ?? []);

export interface Look {
  /** The run's last update was handled. */
  ran(): void;
  /** The outbox's tail is sent: says what was seen. */
  done(label: string, updates: number): Promise<void>;
}

export async function lookAtRun(database: Database): Promise<Look> {
  const functions = LOOKS.has('functions') && database.kind === 'pglite';
  if (functions) {
    await database.db.execute(sql`set track_functions = 'all'`);
    await database.db.execute(sql`select pg_stat_reset()`);
  }
  const from = process.cpuUsage();
  let cpu: NodeJS.CpuUsage | undefined;
  return {
    ran() {
      cpu = process.cpuUsage(from);
    },
    async done(label, updates) {
      const lines: string[] = [];
      if (LOOKS.has('cpu') && cpu) lines.push(`the process's CPU in the run: ${((cpu.user + cpu.system) / updates).toFixed(0)} µs a update`);
      if (functions) {
        const rows = await query<{ funcname: string; calls: number; total: number; self: number }>(database.db, sql`
          select funcname, calls::int as calls, total_time::float8 as total, self_time::float8 as self
          from pg_stat_user_functions order by self_time desc limit 8`);
        await database.db.execute(sql`set track_functions = 'none'`);
        lines.push(`PGlite's SQL functions, run and tail, ms a update (self, total):`);
        for (const r of rows) lines.push(`  ${r.funcname}: ${r.calls} calls, ${(r.self / updates).toFixed(3)}, ${(r.total / updates).toFixed(3)}`);
      }
      if (lines.length > 0) process.stderr.write(`inbound: ${label}\n  ${lines.join('\n  ')}\n`);
    },
  };
}
