/** Waits that end early on demand: a held update's retry delay cut short by a stop, or by the database coming back. */
export class Naps {
  private readonly sleepers = new Set<() => void>();

  /** Waits `ms`, or less when `wakeAll` is called meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }
}
