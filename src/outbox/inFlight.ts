/**
 * At most `size` sends whose outcome is not yet recorded in the database. A process killed at any moment, or a
 * database that goes away between a send and its record, leaves at most this many messages that the platform
 * has but the outbox still thinks unsent: the duplicates after a restart are bounded by it, whatever the load.
 * A slot is taken before the send and given back only once the outcome is stored.
 */
export class InFlightWindow {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`in-flight window must be a whole number from 1, not ${size}`);
    this.free = size;
  }

  /** Waits for a slot; the function returned gives it back (once). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  /** Sends started and not yet recorded. */
  get inUse(): number {
    return this.size - this.free;
  }
}
