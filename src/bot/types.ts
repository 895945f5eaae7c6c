/**
 * What every adapter speaks. The core never sees a platform type: an adapter turns a Telegram update or a
 * Slack event into one `Incoming`, and renders one `OutgoingMessage` back.
 */
export type Platform = 'telegram' | 'slack' | 'terminal';
export type ChatKind = 'private' | 'group';

export type IncomingBody =
  | { kind: 'text'; text: string }
  | { kind: 'button'; payload: string }
  | { kind: 'location'; lat: number; lng: number }
  | { kind: 'file'; fileRef: string; mime?: string; caption?: string };

export interface Incoming {
  platform: Platform;
  /** Telegram update_id, Slack event_id, or the terminal's line counter: applied once. */
  updateId: string;
  chatId: string;
  chatKind: ChatKind;
  userId: string;
  body: IncomingBody;
}

export interface OutgoingButton {
  label: string;
  payload: string;
}

/** A message rendered in the recipient's language, ready for an adapter. Stored as the outbox payload. */
export interface OutgoingMessage {
  text: string;
  /** The language the text is in, so an adapter's own labels (a modal title, say) can match it. */
  language?: 'zh-CN' | 'en';
  /** Rows of buttons. Platforms without buttons show numbered choices. */
  buttons?: OutgoingButton[][];
  /** Offer the platform's "share my location" button where it has one. */
  askLocation?: boolean;
  /** The bot waits for a longer free text (Slack may offer a multi-line box). */
  expects?: 'text' | 'multiline';
}

/** What an adapter reports back after trying to send one message. */
export type SendOutcome =
  | { ok: true; messageId?: string }
  /** The platform asked us to wait (Telegram retry_after, Slack Retry-After); applies to the whole bot. */
  | { ok: false; kind: 'retry_after'; seconds: number; code: string }
  /** Worth trying again later: 5xx, network error, timeout. */
  | { ok: false; kind: 'transient'; code: string }
  /** Never worth retrying: blocked by the user, chat not found, account deactivated. */
  | { ok: false; kind: 'permanent'; code: string }
  /** This message can never be sent (too long, malformed), but the chat is fine: fail the message only. */
  | { ok: false; kind: 'rejected'; code: string };

export interface OutboundChat {
  chatId: string;
  chatKind: ChatKind;
}

/** The sending half of an adapter. */
export interface Transport {
  readonly platform: Platform;
  send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome>;
}
