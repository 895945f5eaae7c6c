import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { jobRuns } from '../../src/db/schema/index.js';
import { JobCoordinator, lastFireTime, type Job } from '../../src/schedules/coordinator.js';
import { startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
const extra: Database[] = [];
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T05:30:00Z') });
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await h?.close();
});

function countingJob(name: string, every: Job['every'], runs: string[]): Job {
  return {
    name,
    every,
    run: async () => {
      runs.push(name);
      // Long enough that the instances overlap.
      await new Promise((r) => setTimeout(r, 50));
      return { ran: 1 };
    },
  };
}

describe('run coordinator', () => {
  it('computes the fire time at or before now', () => {
    const now = new Date('2026-11-10T05:30:00Z');
    expect(lastFireTime({ name: 'x', every: 'hour', run: async () => ({}) }, now).toISOString()).toBe('2026-11-10T05:00:00.000Z');
    expect(lastFireTime({ name: 'x', every: { dailyAtUtcHour: 18 }, run: async () => ({}) }, now).toISOString()).toBe('2026-11-09T18:00:00.000Z');
  });

  it('fires each job once per fire time across three instances on one database', async () => {
    // Separate connection pools on PostgreSQL; on PGlite the one embedded database shared in-process.
    const url = (h.database as Database & { url?: string }).url;
    const databases = [h.database];
    for (let i = 0; i < 2; i++) {
      if (url) {
        const d = await openDatabase({ url, dataDir: '', maxConnections: 3 });
        extra.push(d);
        databases.push(d);
      } else databases.push(h.database);
    }
    const runs: string[] = [];
    const jobs = [countingJob('hourly-a', 'hour', runs), countingJob('daily-b', { dailyAtUtcHour: 1 }, runs)];
    const instances = databases.map((database) => new JobCoordinator({ database, clock: h.clock, logger: createLogger('silent'), jobs }));
    for (let round = 0; round < 3; round++) {
      await Promise.all(instances.flatMap((c) => jobs.map((j) => c.fire(j))));
    }
    expect(runs.sort()).toEqual(['daily-b', 'hourly-a']);
    h.clock.advance(3_600_000);
    await Promise.all(instances.flatMap((c) => jobs.map((j) => c.fire(j))));
    expect(runs.filter((r) => r === 'hourly-a')).toHaveLength(2);
    expect(runs.filter((r) => r === 'daily-b')).toHaveLength(1);
    const rows = await h.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'hourly-a'));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.finishedAt !== null)).toBe(true);
  });

  it('catches up at start a run missed while every instance was down, and retries a failed run', async () => {
    const runs: string[] = [];
    let fail = true;
    const flaky: Job = {
      name: 'flaky',
      every: { dailyAtUtcHour: 2 },
      run: async () => {
        if (fail) throw Object.assign(new Error('boom'), { code: 'ECONNRESET' });
        runs.push('flaky');
        return {};
      },
    };
    const c = new JobCoordinator({ database: h.database, clock: h.clock, logger: createLogger('silent'), jobs: [flaky] });
    await c.catchUp();
    expect(runs).toEqual([]);
    fail = false;
    await c.catchUp();
    expect(runs).toEqual(['flaky']);
    await c.catchUp();
    expect(runs).toEqual(['flaky']);
  });

  it('takes over a fire time whose instance died while running it, once the lease has passed', async () => {
    const runs: string[] = [];
    const job: Job = { name: 'orphaned', every: 'hour', run: async () => (runs.push('ran'), {}) };
    const now = h.clock.now();
    // Another instance claimed this hour and was killed before it finished.
    await h.database.db.insert(jobRuns).values({ job: 'orphaned', fireAt: lastFireTime(job, now), instance: 'dead', startedAt: now });
    const c = new JobCoordinator({ database: h.database, clock: h.clock, logger: createLogger('silent'), jobs: [job], leaseMs: 10 * 60_000, instance: 'county-1' });
    expect(await c.fire(job)).toBe(false);
    h.clock.advance(11 * 60_000);
    expect(await c.fire(job)).toBe(true);
    expect(await c.fire(job)).toBe(false);
    expect(runs).toEqual(['ran']);
    const [row] = await h.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'orphaned'));
    // Named as the process names itself in its logs and outbox claims (INSTANCE_ID).
    expect(row!.instance).toBe('county-1');
    expect(row!.finishedAt).not.toBeNull();
  });
});
