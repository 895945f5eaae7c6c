import type { HomeView } from './views/homeView.js';
import type { StaffRole } from '../db/schema/people.js';

/** A staff role's name, for the menus an adapter shows (liaison, helper, secretary, org_admin). */
export type { StaffRole };

/** The platform-neutral home screen the core computes (src/bot/views/homeView.ts). */
export type { HomeView };

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
  | { kind: 'file'; fileRef: string; mime?: string; caption?: string }
  /** Something the bot cannot read (a sticker, a GIF, a contact card): passed on so the person gets an answer. */
  | { kind: 'unreadable'; what: UnreadableKind };

export const UNREADABLE_KINDS = ['sticker', 'animation', 'contact', 'poll', 'other'] as const;
export type UnreadableKind = (typeof UNREADABLE_KINDS)[number];

export interface Incoming {
  platform: Platform;
  /** Telegram update_id, Slack event_id, or the terminal's line counter: applied once. */
  updateId: string;
  chatId: string;
  chatKind: ChatKind;
  userId: string;
  body: IncomingBody;
  /**
   * The sender's time zone as their platform reports it (an IANA name, Slack's users.info `tz`): stored with
   * the account, and the linked person's dates and quiet hours follow it. Absent where the platform says none.
   */
  timezone?: string;
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
  /** A file to hand over (an export); `text` is its caption. Stored in the outbox row, so kept small. */
  document?: OutgoingDocument;
  /** A photo a person sent earlier, shown again by its platform file reference (a handwritten thought report). */
  photo?: OutgoingPhoto;
  /**
   * The idempotency key of an earlier outbox message this one replaces (a progress message): where the
   * platform can edit and that message was sent, it is edited in place; otherwise this goes as a new message.
   */
  replaces?: string;
  /**
   * Not a message: the person's command menu is to be shown anew (their staff roles changed). Goes through
   * the outbox like a message, so it happens after the change is committed, and again after a failure;
   * where the platform has no menus (`showMenu`) it is done with at once.
   */
  menu?: MenuRequest;
}

/** Which menu a private chat should show: the member's, or a staff member's with the tools of their roles. */
export interface MenuRequest {
  audience: 'member' | 'staff';
  roles?: StaffRole[];
}

/** A file in a message: bytes as base64, so the whole message stays one JSON outbox payload. */
export interface OutgoingDocument {
  fileName: string;
  mime: string;
  base64: string;
}

/** A photo by reference: only the platform it was sent on can show it again. */
export interface OutgoingPhoto {
  platform: Platform;
  fileRef: string;
  mime?: string;
}

/** What an adapter reports back after trying to send one message. */
export type SendOutcome =
  /** `movedTo`: the chat has a new id (a Telegram group upgraded to a supergroup); the message went there. */
  | { ok: true; messageId?: string; movedTo?: string }
  /** The platform asked us to wait (Telegram retry_after, Slack Retry-After); applies to the whole bot. */
  | { ok: false; kind: 'retry_after'; seconds: number; code: string }
  /** Worth trying again later: 5xx, network error, timeout. */
  | { ok: false; kind: 'transient'; code: string }
  /** Never worth retrying: blocked by the user, chat not found, account deactivated. */
  | { ok: false; kind: 'permanent'; code: string }
  /** This message can never be sent (too long, malformed), but the chat is fine: fail the message only. */
  | { ok: false; kind: 'rejected'; code: string };

/**
 * What a platform tells about a chat or an account rather than a message: the core keeps its records in step.
 * - `blocked` / `unblocked`: a person blocked the bot (or unblocked it) in their private chat.
 * - `removed-from-group`: the bot is no longer in a group: its binding to an organisation ends.
 * - `chat-moved`: a group got a new id (a Telegram group upgraded to a supergroup).
 * - `workspace-gone`: the app was uninstalled or its token revoked: nothing can be sent there any more.
 */
export type PlatformEvent =
  | { kind: 'blocked' | 'unblocked'; platform: Platform; userId: string }
  | { kind: 'removed-from-group'; platform: Platform; chatId: string }
  | { kind: 'chat-moved'; platform: Platform; from: string; to: string }
  | { kind: 'workspace-gone'; platform: Platform; reason: string };

export interface OutboundChat {
  chatId: string;
  chatKind: ChatKind;
}

/** A file a person sent, as the platform handed it over. */
export interface FetchedFile {
  data: Buffer;
  name?: string;
  mime?: string;
}

/**
 * A form for a longer answer where the platform has one (a Slack modal). `trigger` is the platform's
 * short-lived handle of the tap that asked for it; the answer comes back to the core as a text message.
 */
export interface FormRequest {
  trigger: string;
  /** The chat the answer belongs to. */
  chatId: string;
  language: 'zh-CN' | 'en';
  /** The question, shown above the box. */
  prompt?: string;
  /** The platform id of the message that asked, to mark it answered. */
  askedIn?: string;
}

/**
 * The port every adapter implements: `send` is required; the rest are capabilities a platform declares by
 * having them (as vercel/chat's Adapter does). The core asks whether one exists and degrades when it does not
 * (src/bot/port.ts): a document without `sendDocument` becomes its caption and a note, an edit without `edit`
 * becomes a new message, a home view or menu without the capability is simply not shown.
 */
export interface Transport {
  readonly platform: Platform;
  /** Text and buttons. Documents and edits arrive through the capabilities below. */
  send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome>;
  /** Replaces the text (and buttons) of a message sent earlier, by its platform message id. */
  edit?(chat: OutboundChat, messageId: string, message: OutgoingMessage): Promise<SendOutcome>;
  /** Hands over a file, `message.text` as its caption. A picture (PNG/JPEG: the /stats chart) is shown as one where the platform can. */
  sendDocument?(chat: OutboundChat, document: OutgoingDocument, message: OutgoingMessage): Promise<SendOutcome>;
  /** Shows a photo a person sent on this platform, by its file reference, `message.text` as its caption. */
  sendPhoto?(chat: OutboundChat, photo: OutgoingPhoto, message: OutgoingMessage): Promise<SendOutcome>;
  /** Opens a form for a longer answer (Slack modal). */
  openForm?(form: FormRequest): Promise<void>;
  /** Publishes a person's home screen (Slack App Home); `view` undefined: the account is not linked yet. */
  publishHome?(userId: string, view: HomeView | undefined): Promise<void>;
  /** Shows the command menu that fits the person in their private chat (Telegram's per-chat commands). */
  showMenu?(chatId: string, language: 'zh-CN' | 'en', audience: 'member' | 'staff', roles?: readonly StaffRole[]): Promise<void>;
  /** Downloads a file a person sent, by the reference their message carried. */
  fetchFile?(fileRef: string): Promise<FetchedFile>;
}
