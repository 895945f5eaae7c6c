import type { Core } from '../../bot/core.js';
import type { Incoming } from '../../bot/types.js';
import type { Logger } from '../../logger.js';
import { ChatOrder } from '../chatOrder.js';
import { Naps } from '../naps.js';
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
  const chains = new ChatOrder();
  /** Waits that stop() cuts short. */
  const naps = new Naps();
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
      await naps.sleep(heldRetryDelay(attempt));
    }
  }

  return {
    /** Resolves once the event is stored (or given up at a stop). */
    handle(incoming: Incoming): Promise<void> {
      return chains.run(incoming.chatId, () => untilStored(incoming));
    },
    /** Stops waiting for the database; events still held are tried once more and then given up. */
    async stop(): Promise<void> {
      stopping = true;
      naps.wakeAll();
      await chains.settled();
    },
  };
}
