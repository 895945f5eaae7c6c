import type { OutgoingButton } from '../../src/bot/types.js';

/** A message as a member saw it on the platform, read back from the fake platform server (or terminal). */
export interface SeenMessage {
  text: string;
  buttons: OutgoingButton[][];
}

/**
 * Drives one adapter through its real platform library against a local fake platform, so the same
 * conversation contract can run against every adapter. `user` is a test-local label ('u1'); each driver
 * maps it to a platform account of its own.
 */
export interface AdapterDriver {
  readonly name: string;
  /** Start the adapter (and its fake platform) on the given bot core. */
  start(ctx: import('./harness.js').ContractContext): Promise<void>;
  stop(): Promise<void>;
  sendText(user: string, text: string): Promise<void>;
  /** Press the button with this payload on the last message that offered it. */
  pressButton(user: string, payload: string): Promise<void>;
  shareLocation(user: string, lat: number, lng: number): Promise<void>;
  /** Sends a photo (a page of a handwritten report); returns the platform's reference to it. */
  sendPhoto?(user: string): Promise<string>;
  sendSticker?(user: string): Promise<void>;
  /** Messages delivered to the user's private chat so far, oldest first; waits until `count` have arrived. */
  messages(user: string, count: number): Promise<SeenMessage[]>;
}
