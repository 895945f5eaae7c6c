import type { HelpCategory, Urgency } from '../db/schema/help.js';
import type { Language } from '../db/schema/people.js';
import type { LocationSource } from '../db/schema/locations.js';
import type { SelfRating } from '../db/schema/membership.js';
import type { WorkSituation } from '../db/schema/reports.js';
import type { MessageArgs } from './i18n/index.js';
import type { IncomingBody, OutgoingDocument, OutgoingPhoto } from './types.js';

/** What a flow step receives: what the person sent, or the timeout a schedule feeds in. */
export type FlowEvent = IncomingBody | { kind: 'timeout' };

/** A button label is a catalogue key, or plain data (a place name) that needs no translation. */
export type ReplyButton = { payload: string } & ({ key: string; args?: MessageArgs } | { label: string });

/** A reply before rendering: a catalogue key, rendered in the person's language when queued. */
export interface Reply {
  key: string;
  args?: MessageArgs;
  buttons?: ReplyButton[][];
  askLocation?: boolean;
  expects?: 'text' | 'multiline';
  /** A file (an export) handed over with this reply; the rendered text becomes its caption. */
  document?: OutgoingDocument;
  /** A photo a person sent, shown again to staff allowed to see it. */
  photo?: OutgoingPhoto;
}

/** What the engine knows about the person when a step runs; flows read it, never the database. */
export interface PersonFacts {
  personId: number;
  language: Language;
  timezone: string;
  isMember: boolean;
  isStaff: boolean;
  locationConsent: 'granted' | 'withdrawn' | 'never';
  lastRegionCode: string | undefined;
  monthlyReportedThisPeriod: boolean;
  thoughtReportedThisPeriod: boolean;
  openHelpRequests: { id: number; category: HelpCategory; status: string }[];
  /** A 下岗失业党员: the menu offers to say what work they want (就业意向). */
  laidOff?: boolean;
}

export interface FlowContext {
  now: Date;
  facts: PersonFacts;
}

/** Changes a flow asks for, as data. The engine applies them in the same transaction as the new state. */
export type Effect =
  | { kind: 'saveMonthlyReport'; movedSinceLast: boolean; work: WorkSituation; hasDifficulty: boolean; studied: boolean }
  /** `photos`: pictures of a handwritten report, by the platform's file reference. */
  | { kind: 'saveThoughtReport'; body: string; photos?: { fileRef: string; mime?: string }[] }
  | { kind: 'recordLocation'; regionCode: string; source: LocationSource }
  | { kind: 'setLocationConsent'; granted: boolean }
  | { kind: 'openHelpRequest'; category: HelpCategory; description: string; urgency: Urgency; attachments: { fileRef: string; mime?: string }[] }
  | { kind: 'setLanguage'; language: Language }
  | { kind: 'sendBroadcast'; filter: string; text: string }
  | { kind: 'saveSelfEvaluation'; rating: SelfRating | null; text: string | null }
  /** 就业意向 in the member's own words: the work wanted, where, the training they would take. */
  | { kind: 'saveJobWish'; work: string[]; place: string | null; training: string[] }
  /** A short text staff wrote for something a feature owns (a note on a help request, a reply to a thought report). */
  | { [P in StaffTextPurpose]: { kind: P; targetId: number; text: string } }[StaffTextPurpose];

export const STAFF_TEXT_PURPOSES = ['helpNote', 'thoughtReply', 'recognitionRevoke'] as const;
export type StaffTextPurpose = (typeof STAFF_TEXT_PURPOSES)[number];

export const FLOW_NAMES = ['checkIn', 'location', 'help', 'thoughtReport', 'consent', 'language', 'broadcast', 'staffText', 'selfEvaluation', 'jobWish'] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

export interface StepResult<S> {
  /** null ends the flow. */
  state: S | null;
  replies: Reply[];
  effects?: Effect[];
  /** Flows to run after this one ends, in order (a check-in that reports a move goes on to the location). */
  then?: { flow: FlowName; arg?: string }[];
}

export interface Flow<S> {
  readonly name: FlowName;
  /** Button payloads of this flow start with `${prefix}:`; a stale one is recognised as this flow's. */
  readonly prefix: string;
  start(ctx: FlowContext, arg?: string): StepResult<S>;
  step(state: S, event: FlowEvent, ctx: FlowContext): StepResult<S>;
}

/** Helpers every flow uses. */
export const reply = (key: string, extra: Omit<Reply, 'key'> = {}): Reply => ({ key, ...extra });
export const button = (key: string, payload: string, args?: MessageArgs): ReplyButton => ({ key, payload, ...(args ? { args } : {}) });
export const dataButton = (label: string, payload: string): ReplyButton => ({ label, payload });

/** Lays buttons out `perRow` to a row: big targets on small screens. */
export function rows(buttons: ReplyButton[], perRow: number): ReplyButton[][] {
  const out: ReplyButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

export function buttonPayload(event: FlowEvent): string | undefined {
  return event.kind === 'button' ? event.payload : undefined;
}

export function textOf(event: FlowEvent): string | undefined {
  return event.kind === 'text' ? event.text.trim() : undefined;
}

/** The kind answer to input a step cannot use: the question again, unchanged state. */
export function stayWith<S>(state: S, question: Reply, nudgeKey = 'common-pick-a-button'): StepResult<S> {
  return { state, replies: [reply(nudgeKey), question] };
}

/** A quiet end: nobody is messaged because they did not finish answering. */
export function endQuietly<S>(): StepResult<S> {
  return { state: null, replies: [] };
}

export const CANCEL_PAYLOAD = 'cancel';
export const cancelButton = (): ReplyButton => button('common-button-cancel', CANCEL_PAYLOAD);
