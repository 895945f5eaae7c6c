import type { Db } from '../db/client.js';
import type { Clock } from '../bot/clock.js';
import type { Logger } from '../logger.js';
import { renewLease } from './claims.js';

/**
 * The claim on one batch of rows. The lease is short, so that the rows of an instance that died are taken over
 * within seconds, and renewed while this instance works on them: by a heartbeat, and before any send once half
 * of it has passed. A row whose lease could not be renewed in time is not sent here any more: another
 * instance may have taken it over.
 */
export class BatchLease {
  private readonly held: Set<number>;
  private renewing: Promise<void> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly leaseMs: number,
    ids: number[],
    private until: Date,
  ) {
    this.held = new Set(ids);
  }

  /** Renews the lease every third of it while the batch is being sent. */
  start(): this {
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.heartbeat.unref?.();
    return this;
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** The row is recorded or handed back: no longer this batch's to renew. */
  release(id: number): void {
    this.held.delete(id);
  }

  /** Whether this row may be sent now: still held, with a lease that does not run out meanwhile. */
  async mayStillSend(id: number): Promise<boolean> {
    if (!this.held.has(id)) return false;
    if (this.until.getTime() - this.clock.now().getTime() < this.leaseMs / 2) await this.renew();
    return this.held.has(id) && this.until.getTime() > this.clock.now().getTime();
  }

  private renew(): Promise<void> {
    this.renewing ??= this.renewNow().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewNow(): Promise<void> {
    if (this.held.size === 0) return;
    const ids = [...this.held];
    const next = new Date(this.clock.now().getTime() + this.leaseMs);
    try {
      const kept = new Set(await renewLease(this.db, ids, this.until, next));
      this.until = next;
      for (const id of ids) if (!kept.has(id)) this.held.delete(id);
      if (kept.size < ids.length) this.logger.warn({ lost: ids.length - kept.size }, 'outbox: rows taken over by another instance');
    } catch (err) {
      this.logger.warn({ err }, 'outbox: lease not renewed');
    }
  }
}
