import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { outboxMessages } from '../../src/db/schema/index.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { SendBudget, WINDOW_SAFETY, type SlotRequest } from '../../src/outbox/budget.js';
import { DEFAULT_LIMITS } from '../../src/outbox/rateLimits.js';
import { SendLedger } from '../../src/outbox/ledger.js';
import { createLogger } from '../../src/logger.js';
import { query } from '../../src/db/query.js';
import { openTestDatabase } from '../support/db.js';

/**
 * The budget itself, at fixed times (no clock runs): what slots it gives, to one caller and to several at
 * once. On PostgreSQL the concurrent takes come from three connection pools, as from three instances.
 */
let main: Database & { url?: string };
const others: Database[] = [];
const T = 1_900_000_000_000;
const W = Math.ceil(1000 * WINDOW_SAFETY);
/** Starts are kept this far apart within a window; the window's 30 starts take 29 of these. */
const GAP = Math.floor((W / 30) * 0.9);
const GROUP_W = Math.ceil(60_000 * WINDOW_SAFETY);
/** Where the k-th of a run of slots taken at T for different chats lands: 30 a window, GAP apart. */
const platformSlot = (k: number) => T + Math.floor(k / 30) * W + (k % 30) * GAP;

beforeAll(async () => {
  main = await openTestDatabase();
  if (main.url) for (let i = 0; i < 2; i++) others.push(await openDatabase({ url: main.url, dataDir: '', maxConnections: 3 }));
});
afterAll(async () => {
  for (const d of others) await d.close();
  await main?.close();
});
beforeEach(async () => {
  await main.db.execute(sql`delete from send_budget`);
  await main.db.delete(outboxMessages);
});

const budgetOf = (d: Database) => new SendBudget(d.db, (p) => DEFAULT_LIMITS[p], new SendLedger(d.db, { running: () => true, logger: createLogger('silent') }));
const chat = (chatId: string, chatKind: 'private' | 'group' = 'private'): SlotRequest => ({ platform: 'telegram', chatId, chatKind });

describe('the shared send budget', () => {
  it('keeps the platform to 30 starts in any window, spread over it, and a chat to one, a group to 20 a minute', async () => {
    const budget = budgetOf(main);
    const at: number[] = [];
    for (let i = 0; i < 65; i++) {
      const slot = await budget.take(chat(`c${i}`), T, T + 60_000);
      expect(slot.taken).toBe(true);
      at.push((slot as { at: number }).at);
    }
    expect(at).toEqual(at.map((_, k) => platformSlot(k)));

    const oneChat = [];
    for (let i = 0; i < 3; i++) oneChat.push(await budget.take(chat('one'), T + 5 * W, T + 60_000));
    expect(oneChat.map((s) => ('at' in s ? s.at - (T + 5 * W) : -1))).toEqual([0, W, 2 * W]);

    const group = [];
    for (let i = 0; i < 21; i++) group.push(await budget.take(chat('-100', 'group'), T + 10 * W, T + 120_000));
    const groupGap = Math.floor((GROUP_W / 20) * 0.9);
    expect(group.map((s) => ('at' in s ? s.at - (T + 10 * W) : -1))).toEqual([...Array.from({ length: 20 }, (_, k) => k * groupGap), GROUP_W]);
  });

  it('says when a slot would be without taking it when that is later than asked', async () => {
    const budget = budgetOf(main);
    await budget.take(chat('a'), T, T);
    expect(await budget.take(chat('a'), T, T + 10)).toEqual({ taken: false, at: T + W });
    expect(await budget.take(chat('a'), T, T + 10)).toEqual({ taken: false, at: T + W });
    expect(await budget.take(chat('b'), T, T + 10)).toEqual({ taken: false, at: T + GAP });
    expect(await budget.take(chat('b'), T, T + GAP)).toEqual({ taken: true, at: T + GAP });
  });

  it('holds a chat, or the whole platform, for as long as the platform asked', async () => {
    const budget = budgetOf(main);
    await budget.pause('telegram', 'slow', T + 30_000);
    expect(await budget.take(chat('fast'), T, T + 60_000)).toEqual({ taken: true, at: T });
    expect(await budget.take(chat('slow'), T, T + 60_000)).toEqual({ taken: true, at: T + 30_000 });
    await budget.pause('telegram', undefined, T + 5000);
    expect(await budget.take(chat('fast2'), T, T + 60_000)).toEqual({ taken: true, at: T + 5000 });
  });

  it('moves a slot to when its send really started, so the windows count from there', async () => {
    const budget = budgetOf(main);
    await budget.take(chat('late'), T, T);
    await budget.startedLate(chat('late'), T, T + 400);
    expect(await budget.take(chat('late'), T, T + 60_000)).toEqual({ taken: true, at: T + 400 + W });
  });

  it('never gives more than the limit when instances take slots at the same moment', async () => {
    const budgets = [main, ...others].map(budgetOf);
    const takes = await Promise.all(Array.from({ length: 120 }, (_, i) => budgets[i % budgets.length]!.take(chat(`x${i}`), T, T + 60_000)));
    const at = takes.map((s) => (s.taken ? s.at : NaN)).sort((a, b) => a - b);
    expect(at).toEqual(at.map((_, k) => platformSlot(k)));
    // One chat, from every instance at once: one slot per window.
    const same = await Promise.all(Array.from({ length: 6 }, (_, i) => budgets[i % budgets.length]!.take(chat('shared'), T, T + 60_000)));
    expect(same.map((s) => (s.taken ? s.at : NaN)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5].map((k) => T + 4 * W + k * W));
  });

  it('marks the row in flight with its slot, and takes nothing for a row no longer this instance’s', async () => {
    const budget = budgetOf(main);
    const now = new Date(T);
    await enqueue(main.db, [0, 1].map((i) => ({ idempotencyKey: `mark-${i}`, platform: 'telegram' as const, chatId: `m${i}`, purpose: 'broadcast', message: { text: `t${i}` }, notBefore: now })), now);
    const rows = await main.db.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(outboxMessages.id);
    const claim = (id: number, by: string) => main.db.update(outboxMessages).set({ status: 'sending', claimedBy: by, claimedUntil: new Date(T + 10_000) }).where(eq(outboxMessages.id, id));
    await claim(rows[0]!.id, 'me');
    await claim(rows[1]!.id, 'someone-else');
    expect(await budget.take({ ...chat('m1'), row: { id: rows[1]!.id, claimer: 'me' } }, T, T + 1000)).toEqual({ taken: false, lost: true });
    expect(await budget.take({ ...chat('m0'), row: { id: rows[0]!.id, claimer: 'me' } }, T, T + 1000)).toEqual({ taken: true, at: T });
    const marked = await main.db.select({ id: outboxMessages.id, at: outboxMessages.sendStartedAt }).from(outboxMessages).orderBy(outboxMessages.id);
    expect(marked.map((m) => m.at?.getTime() ?? null)).toEqual([T, null]);
    // The lost row took no slot: m1's chat and the platform are as they were.
    expect(await budget.take(chat('m1'), T, T + 1000)).toEqual({ taken: true, at: T + GAP });
  });

  it('gives the earliest moment the windows and gaps allow, as trying every candidate against every start would (random budgets)', async () => {
    let seed = 17;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % below);
    /** The definition: the earliest of the base and the moments a start falls out of reach that is free. */
    const reference = (platform: number[], chatStarts: number[], p: { n: number; w: number; gap: number }, c: { n: number; w: number; gap: number }, base: number) => {
      const free = (t: number) => platform.filter((s) => s > t - p.w && s < t + p.w).length < p.n && !platform.some((s) => s > t - p.gap && s < t + p.gap)
        && chatStarts.filter((s) => s > t - c.w && s < t + c.w).length < c.n && !chatStarts.some((s) => s > t - c.gap && s < t + c.gap);
      const candidates = [base, ...platform.flatMap((s) => [s + p.w, s + p.gap]), ...chatStarts.flatMap((s) => [s + c.w, s + c.gap])].filter((t) => t >= base).sort((a, b) => a - b);
      return candidates.find(free) ?? null;
    };
    let searched = 0;
    for (let round = 0; round < 60; round++) {
      const p = { n: 1 + random(40), w: 1000, gap: random(3) === 0 ? 0 : random(40) };
      const c = { n: 1 + random(3), w: 1000 + random(2000), gap: random(2) === 0 ? 0 : random(900) };
      const platform = Array.from({ length: random(80) }, () => T - 2000 + random(4000));
      const chatStarts = Array.from({ length: random(6) }, () => T - 2000 + random(4000));
      await main.db.execute(sql`delete from send_budget`);
      await main.db.execute(sql`insert into send_budget (key, starts) values ('telegram', ${`{${platform.join(',')}}`}::bigint[]), ('telegram:c', ${`{${chatStarts.join(',')}}`}::bigint[])`);
      const [row] = await query<{ at: string | null }>(main.db, sql`select slot_at::text as at from take_send_slot('telegram', ${p.n}::int, ${p.w}::bigint, ${p.gap}::bigint,
        'telegram:c', ${c.n}::int, ${c.w}::bigint, ${c.gap}::bigint, ${T}::bigint, ${T + 600_000}::bigint)`);
      const expected = reference(platform, chatStarts, p, c, T);
      expect({ round, at: row?.at === null || row?.at === undefined ? null : Number(row.at) }).toEqual({ round, at: expected });
      if (expected !== T) searched++;
    }
    // Most budgets were full or close at T: the search for a later moment is what was tried.
    expect(searched).toBeGreaterThan(30);
  });

  it('drops the starts more than two windows old', async () => {
    const budget = budgetOf(main);
    const platformStarts = async () => {
      const [row] = await query<{ s: string }>(main.db, sql`select starts::text as s from send_budget where key = 'telegram'`);
      return row!.s.replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
    };
    await budget.take(chat('p0'), T, T + 60_000);
    await budget.take(chat('p1'), T + 2 * W - 1, T + 60_000);
    expect(await platformStarts()).toEqual([T, T + 2 * W - 1]);
    await budget.take(chat('p2'), T + 2 * W + 500, T + 60_000);
    expect(await platformStarts()).toEqual([T + 2 * W - 1, T + 2 * W + 500]);
  });
});
