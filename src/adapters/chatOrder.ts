/**
 * Work keyed by chat runs one after another per chat, different chats side by side: one chat's updates are applied
 * in the order they came (Telegram's webhook and polling, Slack's events).
 */
export class ChatOrder {
  private readonly chains = new Map<string, Promise<unknown>>();

  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const next = (this.chains.get(key) ?? Promise.resolve()).then(work, work);
    this.chains.set(key, next);
    const forget = () => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    };
    void next.then(forget, forget);
    return next;
  }

  /** Once the work under way now has ended, each chat's last. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }
}
