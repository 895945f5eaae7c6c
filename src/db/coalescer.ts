import { isDatabaseOutage } from './errors.js';

/** Calls at most in one statement. */
const MAX_BATCH = 64;

/**
 * Group commit: calls made while one is under way wait for it, then go together in one statement. An idle bot
 * pays nothing for it (a call goes at once); a busy one pays one round trip for many calls instead of one each
 * (turns: bot/turn/groupCommit.ts; the sender has its own, outbox/ledger.ts). A batch that fails for something other than
 * an outage is tried again an item at a time, so that one item's bug fails that item only.
 */
export class Coalescer<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private busy = false;

  constructor(private readonly run: (items: I[]) => Promise<O[]>) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    const batch = this.queue.splice(0, MAX_BATCH);
    void this.runBatch(batch).finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async runBatch(batch: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[]): Promise<void> {
    try {
      const out = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1 || isDatabaseOutage(err)) {
        for (const b of batch) b.reject(err);
        return;
      }
      for (const b of batch) await this.run([b.item]).then(([o]) => b.resolve(o!), b.reject);
    }
  }
}
