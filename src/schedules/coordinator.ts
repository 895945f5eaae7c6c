import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import cron from 'node-cron';
import type { Database, DbOrTx } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';

export interface Job {
  name: string;
  /** Fires at the top of every hour, once a day at this UTC hour, or every so many minutes (a divisor of 60). */
  every: 'hour' | { dailyAtUtcHour: number } | { minutes: number };
  run(db: DbOrTx, now: Date): Promise<Record<string, number>>;
}

/** The scheduled fire time at or before `now`. */
export function lastFireTime(job: Job, now: Date): Date {
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  if (job.every === 'hour') return new Date(hour);
  if ('minutes' in job.every) return new Date(Math.floor(now.getTime() / (job.every.minutes * 60_000)) * job.every.minutes * 60_000);
  const day = Math.floor(now.getTime() / 86_400_000) * 86_400_000 + job.every.dailyAtUtcHour * 3_600_000;
  return new Date(day <= now.getTime() ? day : day - 86_400_000);
}

/**
 * node-cron only ticks; whether a job runs is decided in the database. Each instance tries to insert
 * (job, fire time); the one that wins runs it, so with N instances each fire time runs once. At start the
 * latest fire time of each job is tried too, which catches up a run missed while every instance was down.
 */
export class JobCoordinator {
  /** Who ran a fire time, in job_runs: the process's instance id (INSTANCE_ID, as in its logs and outbox claims). */
  readonly instance: string;
  private tasks: { stop(): void }[] = [];
  private running = new Set<Promise<unknown>>();

  /**
   * `leaseMs`: how long a started, unfinished run holds its fire time before another instance may take it over.
   * `instance`: this process's id; without one (the admin command line) a random one.
   */
  constructor(private readonly opts: { database: Database; clock: Clock; logger: Logger; jobs: Job[]; leaseMs?: number; instance?: string }) {
    this.instance = opts.instance ?? randomUUID();
  }

  /**
   * Runs `job` for its fire time at or before now, if no instance has. Returns whether this one ran it.
   * `fireAt` names another fire time: `admin jobs run` fires one for this very moment, once across instances.
   */
  async fire(job: Job, now = this.opts.clock.now(), fireAt = lastFireTime(job, now)): Promise<boolean> {
    const { database, logger } = this.opts;
    // An instance that died while running a fire time leaves it unfinished; after the lease another one takes it.
    const staleBefore = new Date(now.getTime() - (this.opts.leaseMs ?? 30 * 60_000));
    const won = await database.db
      .insert(jobRuns)
      .values({ job: job.name, fireAt, instance: this.instance, startedAt: now })
      .onConflictDoUpdate({
        target: [jobRuns.job, jobRuns.fireAt],
        set: { instance: this.instance, startedAt: now },
        setWhere: and(isNull(jobRuns.finishedAt), lt(jobRuns.startedAt, staleBefore)),
      })
      .returning({ job: jobRuns.job });
    if (won.length === 0) return false;
    try {
      const outcome = await job.run(database.db, now);
      await database.db
        .update(jobRuns)
        .set({ finishedAt: this.opts.clock.now(), outcome: JSON.stringify(outcome) })
        .where(and(eq(jobRuns.job, job.name), eq(jobRuns.fireAt, fireAt)));
      logger.info({ job: job.name, fireAt: fireAt.toISOString(), ...outcome }, 'job done');
    } catch (err) {
      // Give the fire time back, so the next tick (here or elsewhere) tries again.
      await database.db.delete(jobRuns).where(and(eq(jobRuns.job, job.name), eq(jobRuns.fireAt, fireAt))).catch(() => {});
      logger.warn({ job: job.name, err }, 'job failed; will retry');
    }
    return true;
  }

  async catchUp(): Promise<void> {
    for (const job of this.opts.jobs) await this.fire(job);
  }

  start(): void {
    const track = (p: Promise<unknown>) => {
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    };
    track(this.catchUp());
    for (const job of this.opts.jobs) {
      const expression = job.every === 'hour' ? '0 * * * *' : 'minutes' in job.every ? `*/${job.every.minutes} * * * *` : `0 ${job.every.dailyAtUtcHour} * * *`;
      this.tasks.push(cron.schedule(expression, () => track(this.fire(job)), { timezone: 'Etc/UTC', noOverlap: true }));
    }
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) t.stop();
    this.tasks = [];
    await Promise.allSettled([...this.running]);
  }
}
