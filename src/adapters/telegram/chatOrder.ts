/** Work keyed by chat runs one after another per chat, different chats side by side. */
export class ChatOrder {
  private readonly chains = new Map<string, Promise<unknown>>();

  run<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return work();
    const next = (this.chains.get(key) ?? Promise.resolve()).then(work, work);
    this.chains.set(key, next);
    const forget = () => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    };
    next.then(forget, forget);
    return next;
  }
}
