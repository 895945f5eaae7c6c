import { GrammyError, type Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { ChatOrder } from '../chatOrder.js';
import { Naps } from '../naps.js';
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
 * `retry.maxMs`, for as long as it takes: polling never gives up on an outage by itself. While more than a
 * batch (100) is held, newer updates wait at Telegram until older ones are stored.
 */
export class TelegramPolling {
  /** Handed to the bot and not stored yet: they pin the offset. */
  private readonly held = new Set<number>();
  /** Stored, but above a held one, so not confirmed yet: skipped when Telegram hands them out again. */
  private readonly stored = new Set<number>();
  private readonly chains = new ChatOrder();
  /** Waits that stop() and a stored update (the database may be back) cut short. */
  private readonly naps = new Naps();
  private readonly retry: { firstMs: number; maxMs: number };
  private highest = -1;
  private running = false;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: PollingOptions) {
    this.retry = opts.retry ?? { firstMs: 500, maxMs: 30_000 };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.fetchLoop();
  }

  /**
   * Stops fetching and waits for the updates being handled. Confirms what was stored; an update still held
   * stays unconfirmed at Telegram, which hands it out again to the next process that polls.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.naps.wakeAll();
    await this.loop;
    await this.chains.settled();
    const confirmed = this.offset();
    if (confirmed > 0) {
      await this.opts.api.getUpdates({ offset: confirmed, limit: 1, timeout: 0 }, AbortSignal.timeout(3000) as never).catch(() => undefined);
    }
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Updates handed over and not stored yet. */
  heldCount(): number {
    return this.held.size;
  }

  /** The offset that confirms exactly the updates that need nothing more. */
  private offset(): number {
    if (this.held.size === 0) {
      this.stored.clear();
      return this.highest + 1;
    }
    const lowest = Math.min(...this.held);
    for (const id of this.stored) if (id < lowest) this.stored.delete(id);
    return lowest;
  }

  private async fetchLoop(): Promise<void> {
    const { api, logger } = this.opts;
    for (let failures = 0; this.running; ) {
      this.abort = new AbortController();
      let batch: Update[];
      try {
        const params = { offset: this.offset(), limit: BATCH, timeout: this.opts.timeoutSeconds, allowed_updates: [...this.opts.allowedUpdates] };
        batch = await api.getUpdates(params as never, this.abort.signal as never);
        failures = 0;
      } catch (err) {
        if (!this.running) return;
        const status = err instanceof GrammyError ? err.error_code : undefined;
        if (status === 401 || status === 404 || status === 409) {
          logger.error({ status, err }, 'telegram: polling stopped');
          this.running = false;
          this.opts.onFatal(err as Error);
          return;
        }
        const retryAfter = status === 429 ? (err as GrammyError).parameters.retry_after : undefined;
        logger.warn({ status, err, failures: ++failures }, 'telegram: getUpdates failed; trying again');
        await this.naps.sleep(retryAfter ? retryAfter * 1000 : heldRetryDelay(failures - 1, 1000, this.retry.maxMs));
        continue;
      }
      const from = this.offset();
      const fresh = batch.filter((u) => u.update_id >= from && !this.held.has(u.update_id) && !this.stored.has(u.update_id));
      for (const update of fresh) this.take(update);
      // Everything Telegram returned is held or done: do not ask again at once for the same updates.
      if (fresh.length === 0 && this.held.size > 0) await this.naps.sleep(HELD_POLL_MS);
    }
  }

  /** Queues one update behind the earlier ones of its chat. */
  private take(update: Update): void {
    const id = update.update_id;
    this.held.add(id);
    this.highest = Math.max(this.highest, id);
    void this.chains.run(this.opts.orderKey(update) ?? `update:${id}`, () => this.untilStored(update));
  }

  /** Tries one update until it is stored or polling stops. */
  private async untilStored(update: Update): Promise<void> {
    const id = update.update_id;
    for (let attempt = 0; ; attempt++) {
      let ok: boolean;
      try {
        ok = await this.opts.handle(update);
      } catch (err) {
        // Our own code failed on this update: trying it again would fail again and hold the chat for ever.
        this.opts.logger.error({ updateId: id, err }, 'telegram: update failed');
        ok = true;
      }
      if (ok) {
        this.held.delete(id);
        this.stored.add(id);
        // One got through: the database may be back, so the others need not wait out their delay.
        this.naps.wakeAll();
        return;
      }
      if (!this.running) return;
      if (attempt === 0) this.opts.logger.warn({ updateId: id }, 'telegram: update held until the database is back');
      await this.naps.sleep(heldRetryDelay(attempt, this.retry.firstMs, this.retry.maxMs));
      if (!this.running) return;
    }
  }
}
