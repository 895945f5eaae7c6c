import { storedState, type PendingSave } from '../conversation.js';
import type { Incoming } from '../types.js';
import type { BeginRow } from './arrival.js';

/** What bot_turn_once (migration 0034) is to find before it writes the turn it is given. */
export type Expectation =
  | { kind: 'unlinked' }
  | { kind: 'linked'; stamp: string; flow: string | null; version: number | null; state: unknown };

/** A reading of bot_turn_begin's as bot_turn_once answers it: with the stamp of what the step reads. */
export type StampedRow = BeginRow & { stamp: string };

export interface Foreseen {
  /** What the step runs on before anything is read. */
  row: BeginRow;
  expect: Expectation;
}

/** Members remembered at most; the oldest is forgotten first. About 1 kB each. */
const REMEMBERED = 5_000;
/** A reading older than this is not used: the member's conversation has most likely moved on elsewhere, or ended. */
const REMEMBERED_MS = 10 * 60_000;

/**
 * What bot_turn_begin would read for an update, foreseen so that the turn can be one statement (bot_turn_once)
 * instead of two: an account never seen here is foreseen as a first contact (not linked to anyone); a member whose
 * last turn this process wrote, as what that turn read with the conversation as it wrote it. A foresight is only a
 * guess: the statement checks it against what it reads and writes nothing when it is wrong (someone else wrote the
 * conversation, staff changed the record, a report came in, the month turned), and the turn then goes on from what
 * was read. So a wrong guess costs the step run twice, never a wrong answer.
 */
export class Foresight {
  private readonly remembered = new Map<string, { row: StampedRow; at: number }>();

  /** Undefined: nothing to foresee (a group: its commands read the database). */
  foresee(incoming: Incoming, now: Date): Foreseen | undefined {
    if (incoming.chatKind !== 'private') return undefined;
    const key = keyOf(incoming);
    const kept = this.remembered.get(key);
    if (kept && now.getTime() - kept.at < REMEMBERED_MS && now.getTime() >= kept.at) {
      // The step gets a copy: the expectation, sent after the step has run, is the reading as remembered.
      const { stamp, conversation_flow: flow, conversation_version: version, conversation_state: state } = kept.row;
      return { row: structuredClone(kept.row), expect: { kind: 'linked', stamp, flow, version, state: flow === null ? null : state } };
    }
    if (kept) this.remembered.delete(key);
    return { row: firstContact(incoming, now), expect: { kind: 'unlinked' } };
  }

  /**
   * A linked member's turn was written on `row` (as read, before the step ran on it: a step may change what it was
   * given in passing): their next turn is foreseen as reading the same, with the conversation as this turn wrote it.
   * A turn with effects (a report) changed what is read: nothing is foreseen.
   */
  remember(incoming: Incoming, row: BeginRow, save: PendingSave | undefined, hadEffects: boolean, now: Date): void {
    const key = keyOf(incoming);
    this.remembered.delete(key);
    if (hadEffects || !isStamped(row) || row.identity_person_id === null || !row.person_found) return;
    this.remembered.set(key, { row: { ...row, ...conversationAfter(row, save) }, at: now.getTime() });
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }

  /** A foreseen turn was written: the member's next is foreseen from the same reading, as that turn left it. */
  advance(incoming: Incoming, save: PendingSave | undefined, hadEffects: boolean, now: Date): void {
    const kept = this.remembered.get(keyOf(incoming));
    if (kept) this.remember(incoming, kept.row, save, hadEffects, now);
  }

  /** What the step may be given and `remember` still take: a copy, when the reading is one to remember. */
  keep(row: BeginRow): BeginRow | undefined {
    return isStamped(row) && row.identity_person_id !== null && row.person_found ? structuredClone(row) : undefined;
  }

  forget(incoming: Incoming): void {
    this.remembered.delete(keyOf(incoming));
  }

  get size(): number {
    return this.remembered.size;
  }
}

const isStamped = (row: BeginRow): row is StampedRow => typeof (row as Partial<StampedRow>).stamp === 'string';
const keyOf = (incoming: Incoming) => `${incoming.platform}\u0000${incoming.userId}`;

/** The conversation columns as bot_turn_finish leaves them (insert: version 1; update: one more; delete: none). */
function conversationAfter(row: BeginRow, save: PendingSave | undefined): Pick<BeginRow, 'conversation_flow' | 'conversation_state' | 'conversation_version'> {
  const before = { conversation_flow: row.conversation_flow, conversation_state: row.conversation_state, conversation_version: row.conversation_version };
  if (!save || (!save.previous && !save.next)) return before;
  if (!save.next) return { conversation_flow: null, conversation_state: null, conversation_version: null };
  // As stored: through JSON, so that what is compared is what jsonb holds.
  const state: unknown = JSON.parse(JSON.stringify(storedState(save.next)));
  return { conversation_flow: save.next.flow, conversation_state: state, conversation_version: save.previous ? save.previous.version + 1 : 1 };
}

/** bot_turn_begin's reading of an account it has just created; the id is the statement's to fill in. */
function firstContact(incoming: Incoming, now: Date): BeginRow {
  return {
    fresh: true, identity_id: 0, identity_chat_id: incoming.chatId, identity_person_id: null, failed_code_attempts: 0,
    code_locked_until: null, unreachable_since: null, linked_at: null, identity_timezone: incoming.timezone || null,
    last_seen_at: now, identity_created_at: now, person_found: false, person_language: 'zh-CN', person_timezone: 'Asia/Shanghai',
    is_member: false, is_staff: false, is_laid_off: null, granted_at: null, withdrawn_at: null, last_region_code: null,
    reported_months: null, reported_quarters: null, open_help: null, conversation_flow: null, conversation_state: null, conversation_version: null,
  };
}
