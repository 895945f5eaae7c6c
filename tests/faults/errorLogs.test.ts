import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/logger.js';
import { JobCoordinator } from '../../src/schedules/coordinator.js';
import { LogCapture, startTestBot, type TestBot } from '../support/bot.js';

/**
 * An error's name and code are what an operator needs to tell an outage from a bug; a person's name, a
 * message text or a query's parameters must stay out. The logger redacts the key `name`: errors must not
 * lose theirs to it.
 */
let h: TestBot;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T05:30:00Z') });
});
afterAll(async () => h?.close());

const lines = (capture: LogCapture) => capture.lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('error names in logs', () => {
  it('keeps the name and code of an error, and drops its message and stack', () => {
    const capture = new LogCapture();
    const logger = createLogger('debug', capture);
    const err = Object.assign(new TypeError('cannot read 张建国 of undefined'), { code: 'ERR_X' });
    logger.error({ updateId: '7', err }, 'handling failed');
    logger.warn({ err: { name: 'PostgresError', code: '57P01' } }, 'database unavailable');
    logger.warn({ err: new Error('wrapped', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }) }, 'outage');
    const [first, second, third] = lines(capture);
    expect(first!.err).toEqual({ type: 'TypeError', code: 'ERR_X' });
    expect(second!.err).toEqual({ type: 'PostgresError', code: '57P01' });
    expect(third!.err).toEqual({ type: 'Error', cause: { type: 'Error', code: 'ECONNREFUSED' } });
    expect(capture.text).not.toContain('张建国');
    expect(capture.text).not.toContain('127.0.0.1');
  });

  it('still redacts a person’s name, phone, text and place under any key', () => {
    const capture = new LogCapture();
    createLogger('debug', capture).info({ name: '张建国', person: { name: '刘秀英', phone: '13800138004' }, text: '老板拖欠', lat: 23.02 }, 'oops');
    expect(capture.text).not.toMatch(/张建国|刘秀英|13800138004|老板拖欠|23\.02/);
  });

  it('a failing job logs its error name and database code, without the query parameters', async () => {
    const capture = new LogCapture();
    const coordinator = new JobCoordinator({
      database: h.database, clock: h.clock, logger: createLogger('debug', capture),
      jobs: [],
    });
    const ran = await coordinator.fire({
      name: 'broken', every: 'hour',
      run: async (db) => {
        await db.execute(sql`select ${'张建国'}::int as n`);
        return {};
      },
    });
    expect(ran).toBe(true);
    const failed = lines(capture).find((l) => l.msg === 'job failed; will retry')!;
    expect(JSON.stringify(failed)).not.toContain('[redacted]');
    expect(JSON.stringify(failed.err)).toMatch(/Error/);
    expect(JSON.stringify(failed.err)).toContain('22P02');
    expect(capture.text).not.toContain('张建国');
  });
});
