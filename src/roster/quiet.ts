/**
 * Members first: counts the updates being handled, so that a background import waits for a quiet moment
 * between its chunks. A member's check-in is a dozen round trips to the database; each one otherwise queues
 * behind a slice of the import's work. The wait is bounded: a steady stream of messages slows an import, it
 * never stops it.
 */
export class UpdatesInFlight {
  private count = 0;
  private waiting: (() => void)[] = [];

  track<T>(handle: () => Promise<T>): Promise<T> {
    this.count++;
    return handle().finally(() => {
      if (--this.count === 0) for (const wake of this.waiting.splice(0)) wake();
    });
  }

  quiet(maxMs = 2_000): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

let membersFirst: (() => Promise<void>) | undefined;

/** The bot's `quiet`, for the long loops deep in reading and writing sheets (one bot per process in practice). */
export function setMembersFirst(quiet: (() => Promise<void>) | undefined): void {
  membersFirst = quiet;
}

/** A turn for pending I/O, and nothing more: the only pause allowed inside a transaction. */
export const yieldOnce = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A turn for others inside a long piece of work: pending I/O runs, and while a member's update is being handled
 * the work waits for it to finish (bounded), so a check-in never queues behind slice after slice of an import.
 * Never inside a transaction: on PGlite the member's update would wait for that transaction, and it for them.
 */
export async function pause(): Promise<void> {
  await yieldOnce();
  await membersFirst?.();
}
