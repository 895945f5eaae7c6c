import type { Core } from '../../bot/core.js';
import type { Incoming } from '../../bot/types.js';
import type { Logger } from '../../logger.js';
import { heldRetryDelay, OutageNotices } from '../outageNotices.js';

export interface HandoffOptions {
  core: Core;
  logger: Logger;
  /** Tells a chat that its message arrived and will be handled once the database is back. */
  tellHeld(chatId: string): Promise<void>;
}

/**
 * Hands Slack's events to the core, one chat's events in order. Slack has had its ack and will not send an
 * event again, so while the database is away the event is kept here and tried again until it is stored; the
 * member is told once that it will be handled. Only a stop of the bot meanwhile loses it, and the log says so.
 */
export function createHandoff(opts: HandoffOptions) {
  const { core, logger } = opts;
  const notices = new OutageNotices();
  const chains = new Map<string, Promise<unknown>>();
  const sleepers = new Set<() => void>();
  let stopping = false;

  async function untilStored(incoming: Incoming): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let status: string;
      try {
        status = (await core.handle(incoming)).status;
      } catch (err) {
        logger.error({ platform: 'slack', updateId: incoming.updateId, err }, 'slack update failed');
        return;
      }
      logger.debug({ platform: 'slack', updateId: incoming.updateId, kind: incoming.body.kind, status }, 'slack update handled');
      if (status !== 'unavailable') return notices.through(incoming.chatId);
      if (notices.shouldTell(incoming.chatId)) await opts.tellHeld(incoming.chatId);
      if (stopping) {
        logger.error({ platform: 'slack', updateId: incoming.updateId }, 'slack update not stored before the stop: the database stayed away');
        return;
      }
      await pause(heldRetryDelay(attempt));
    }
  }

  /** Waits, but not past stop(). */
  function pause(ms: number): Promise<void> {
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

  return {
    /** Resolves once the event is stored (or given up at a stop). */
    handle(incoming: Incoming): Promise<void> {
      const key = incoming.chatId;
      const run = () => untilStored(incoming);
      const next = (chains.get(key) ?? Promise.resolve()).then(run, run);
      chains.set(key, next);
      const forget = () => {
        if (chains.get(key) === next) chains.delete(key);
      };
      void next.then(forget, forget);
      return next;
    },
    /** Stops waiting for the database; events still held are tried once more and then given up. */
    async stop(): Promise<void> {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await Promise.allSettled([...chains.values()]);
    },
  };
}
