import type { CommandInfo } from './registry.js';
import type { Incoming, Platform, Transport } from './types.js';

export type HandleResult =
  /** Applied; replies are in the outbox. */
  | { status: 'applied' }
  /** This update id was applied before: acknowledge and do nothing. */
  | { status: 'duplicate' }
  /** The database could not be reached: the member was not answered; the platform may redeliver. */
  | { status: 'unavailable' };

/** What an adapter needs from the core: hand in what a person sent, register how to send. */
export interface Core {
  /** The declared commands, for the platforms' menus and slash commands. */
  readonly commands: readonly CommandInfo[];
  handle(incoming: Incoming): Promise<HandleResult>;
  /** Register the sending half of an adapter with the outbox. */
  registerTransport(transport: Transport): void;
  /** Ask the outbox to send now rather than at its next poll. */
  kick(platform?: Platform): void;
}
