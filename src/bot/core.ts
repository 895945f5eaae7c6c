import type { CommandInfo } from './registry.js';
import type { HomeView, Incoming, Platform, PlatformEvent, Transport } from './types.js';

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
  /** Register an adapter's port (send, and the capabilities it declares) with the outbox and the core. */
  registerTransport(transport: Transport): void;
  /** Ask the outbox to send now rather than at its next poll. */
  kick(platform?: Platform): void;
  /**
   * The home screen of a platform account, computed by the core from its read models; undefined for an
   * account not linked yet. Absent: the core offers no home view, and the adapter publishes none.
   */
  homeView?(platform: Platform, userId: string): Promise<HomeView | undefined>;
  /**
   * A chat or account changed on the platform (blocked, removed from a group, upgraded, uninstalled). Throws
   * when the database cannot be reached, so the adapter can keep the update. Absent: nothing is recorded.
   */
  platformEvent?(event: PlatformEvent): Promise<void>;
  /**
   * The language of the person behind a platform account (undefined: not linked), for the few texts an
   * adapter writes itself (Slack's ephemeral "answered in your DM"). Throws when the database is away.
   */
  languageOf?(platform: Platform, userId: string): Promise<'zh-CN' | 'en' | undefined>;
}
