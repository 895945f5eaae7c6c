/**
 * Who has been told, while the database is away, that their message arrived and will be handled: each chat
 * once, however many messages it sends and however often each is tried, until one of its messages gets
 * through. A later outage is told again.
 */
export class OutageNotices {
  private readonly told = new Set<string>();

  constructor(private readonly max = 10_000) {}

  /** True the first time a message of this chat could not be stored since the last one that was. */
  shouldTell(chatKey: string): boolean {
    if (this.told.has(chatKey)) return false;
    this.told.add(chatKey);
    if (this.told.size > this.max) this.told.delete(this.told.values().next().value!);
    return true;
  }

  /** A message of this chat was stored. */
  through(chatKey: string): void {
    this.told.delete(chatKey);
  }
}

/** Waits between tries of a message held through an outage: half a second, doubling to half a minute. */
export function heldRetryDelay(attempt: number, firstMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 16));
}
