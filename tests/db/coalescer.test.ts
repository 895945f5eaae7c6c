import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/db/coalescer.js';

/** A statement that takes a moment, so that calls pile up behind it. */
const moment = () => new Promise((r) => setTimeout(r, 10));

describe('group commit', () => {
  it('sends a call at once when idle, and the calls made meanwhile together in the next, each answered its own', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      await moment();
      return items.map((i) => i * 10);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((i) => c.call(i)));
    expect(answers).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('tries a failed batch again one call at a time, so only the call that fails fails', async () => {
    const c = new Coalescer<number, number>(async (items) => {
      await moment();
      if (items.includes(3)) throw new Error('bug in item 3');
      return items;
    });
    const answers = await Promise.allSettled([1, 2, 3, 4].map((i) => c.call(i)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole batch at once when the database is away (each caller says so)', async () => {
    let calls = 0;
    const c = new Coalescer<number, number>(async () => {
      calls++;
      await moment();
      throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    });
    const answers = await Promise.allSettled([1, 2, 3].map((i) => c.call(i)));
    expect(answers.every((a) => a.status === 'rejected')).toBe(true);
    expect(calls).toBe(2);
  });
});
