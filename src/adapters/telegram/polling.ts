import { GrammyError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { heldRetryDelay } from '../outageNotices.js';

export interface PollingOptions {
  api: Api;
  logger: Logger;
  /** Long-poll wait per getUpdates call, seconds. */
  timeoutSeconds: number;
  allowedUpdates: readonly string[];
  /**
   * Hands one update to the bot. Resolves true once it is stored (or needs nothing stored), false when the
   * database could not take it: it is kept and tried again, and Telegram is not told it was received.
   */
  handle(update: Update): Promise<boolean>;
  /** Updates with the same key are handled one after another (one chat's); others side by side. */
  orderKey(update: Update): string | undefined;
  /** Polling cannot go on: Telegram refused the token (401), the API root is wrong (404) or another process polls (409). */
  onFatal(err: Error): void;
  /** Waits between tries of a held update, and between failed getUpdates calls (tests shorten them). */
  retry?: { firstMs: number; maxMs: number };
}

/** How many updates one getUpdates returns at most. Telegram's own maximum. */
const BATCH = 100;
/** With every fetched update held and nothing new, ask Telegram again at most this often. */
const HELD_POLL_MS = 1000;

/**
 * Long polling that never confirms an update before it is stored. Telegram forgets an update once getUpdates
 * is called with a higher offset, so the offset only moves past updates the bot has stored: while the
 * database is away, the updates it holds stay at Telegram too, and a restart (a kill, or a clean stop)
 * fetches them again. Stored updates above a held one come again as well, and are skipped here, or
 * recognised by the core as already applied after a restart. A held update is tried again, backing off to
 * `retry.maxMs`, for as long as it takes: polling never gives up on an outage by itself.
 */
export function createPolling(opts: PollingOptions) {
  const { api, logger } = opts;
  const retry = opts.retry ?? { firstMs: 500, maxMs: 30_000 };
  /** Handed to the bot and not stored yet: they pin the offset. */
  const held = new Set<number>();
  /** Stored, but above a held one, so not confirmed yet: skipped when Telegram hands them out again. */
  const stored = new Set<number>();
  const chains = new Map<string, Promise<unknown>>();
  const sleepers = new Set<() => void>();
  let highest = -1;
  let running = false;
  let abort: AbortController | undefined;
  let loop: Promise<void> | undefined;

  /** The offset that confirms exactly the updates that need nothing more. */
  function offset(): number {
    if (held.size === 0) {
      stored.clear();
      return highest + 1;
    }
    const lowest = Math.min(...held);
    for (const id of stored) if (id < lowest) stored.delete(id);
    return lowest;
  }

  /** Waits `ms`, or less when stop() is called or (with `early`) when a held update makes progress. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  }
  const wakeAll = () => [...sleepers].forEach((wake) => wake());

  /** Tries one update until it is stored or polling stops. */
  async function work(update: Update): Promise<void> {
    const id = update.update_id;
    for (let attempt = 0; ; attempt++) {
      let ok: boolean;
      try {
        ok = await opts.handle(update);
      } catch (err) {
        // Our own code failed on this update: trying it again would fail again and hold the chat forever.
        logger.error({ updateId: id, name: (err as Error).name }, 'telegram: update failed');
        ok = true;
      }
      if (ok) {
        held.delete(id);
        stored.add(id);
        wakeAll();
        return;
      }
      if (!running) return;
      if (attempt === 0) logger.warn({ updateId: id }, 'telegram: update held until the database is back');
      await sleep(heldRetryDelay(attempt, retry.firstMs, retry.maxMs));
      if (!running) return;
    }
  }

  function take(update: Update): void {
    const id = update.update_id;
    held.add(id);
    highest = Math.max(highest, id);
    const key = opts.orderKey(update) ?? `update:${id}`;
    const run = () => work(update);
    const next = (chains.get(key) ?? Promise.resolve()).then(run, run);
    chains.set(key, next);
    const forget = () => {
      if (chains.get(key) === next) chains.delete(key);
    };
    void next.then(forget, forget);
  }

  async function fetchLoop(): Promise<void> {
    for (let failures = 0; running; ) {
      abort = new AbortController();
      let batch: Update[];
      try {
        batch = await api.getUpdates({ offset: offset(), limit: BATCH, timeout: opts.timeoutSeconds, allowed_updates: [...opts.allowedUpdates] as never }, abort.signal as never);
        failures = 0;
      } catch (err) {
        if (!running) return;
        const status = err instanceof GrammyError ? err.error_code : undefined;
        if (status === 401 || status === 404 || status === 409) {
          logger.error({ status, name: (err as Error).name }, 'telegram: polling stopped');
          running = false;
          opts.onFatal(err as Error);
          return;
        }
        const wait = status === 429 ? Math.max(1, (err as GrammyError).parameters.retry_after ?? 1) * 1000 : heldRetryDelay(failures, 1000, retry.maxMs);
        logger.warn({ status, name: (err as Error).name, failures: ++failures }, 'telegram: getUpdates failed; trying again');
        await sleep(wait);
        continue;
      }
      const from = offset();
      const fresh = batch.filter((u) => u.update_id >= from && !held.has(u.update_id) && !stored.has(u.update_id));
      for (const update of fresh) take(update);
      // Everything Telegram returned is held or done: do not ask again at once for the same updates.
      if (fresh.length === 0 && held.size > 0) await sleep(HELD_POLL_MS);
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = fetchLoop();
    },
    /**
     * Stops fetching and waits for the updates being handled. Confirms what was stored; an update still
     * held stays unconfirmed at Telegram, which hands it out again to the next process that polls.
     */
    async stop(): Promise<void> {
      running = false;
      abort?.abort();
      wakeAll();
      await loop;
      await Promise.allSettled([...chains.values()]);
      const confirmed = offset();
      if (confirmed > 0) {
        await api.getUpdates({ offset: confirmed, limit: 1, timeout: 0 }, AbortSignal.timeout(3000) as never).catch(() => undefined);
      }
    },
    isRunning: () => running,
    /** Updates handed over and not stored yet (for logs and tests). */
    heldCount: () => held.size,
  };
}

export type Polling = ReturnType<typeof createPolling>;
