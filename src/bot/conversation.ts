import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { conversations } from '../db/schema/index.js';
import { FLOW_NAMES, type FlowName, type Reply } from './flow.js';

/** What is stored per person: the flow in progress, its state, and the flows queued after it. */
export interface StoredConversation {
  flow: FlowName;
  state: unknown;
  queue: { flow: FlowName; arg?: string }[];
  /** The buttons of the last question, as the person saw them: typing a label (or its number) is a tap. */
  offered?: { label: string; payload: string }[];
  /** The last question asked for free text, so a typed number is an answer, not a choice. */
  wantsText?: boolean;
  /** The last question itself, unrendered: asked again, in the person's language, when they come back to it. */
  asked?: Reply;
  version: number;
}

/**
 * Full-width digits, spaces, emoji (with their variation selectors and joiners) and punctuation do not matter
 * when matching a typed label: '思想汇报' is the button '✍️ 思想汇报'.
 */
export function normaliseLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{M}\p{Cf}]/gu, '');
}

/** The ways a label can be typed: whole, or one language of a two-language label ('🌐 语言 Language' → '语言', 'language'). */
function labelForms(label: string): string[] {
  const whole = normaliseLabel(label);
  const chinese = normaliseLabel(label.replace(/[A-Za-z]+/g, ''));
  const latin = normaliseLabel(label.replace(/[^\x00-\x7F]+/g, ''));
  return [whole, ...(chinese && latin && chinese !== whole && latin !== whole ? [chinese, latin] : [])];
}

/** The button a typed answer stands for, if it names one exactly or gives its number. */
export function typedChoice(conversation: StoredConversation, text: string): string | undefined {
  const offered = conversation.offered ?? [];
  const typed = normaliseLabel(text);
  if (!typed) return undefined;
  const byLabel = offered.find((o) => labelForms(o.label).includes(typed));
  if (byLabel) return byLabel.payload;
  if (!conversation.wantsText && /^\d{1,2}$/.test(typed)) return offered[Number(typed) - 1]?.payload;
  return undefined;
}

/** Two deliveries raced for the same person: the loser runs again on the winner's state. */
export class ConcurrentUpdateError extends Error {
  constructor() {
    super('conversation changed concurrently');
  }
}

export async function loadConversation(db: DbOrTx, personId: number): Promise<StoredConversation | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.personId, personId));
  return row ? conversationOf(row) : undefined;
}

/** A stored row (read here, or by the turn's first statement) as the conversation it holds; a flow no longer known is none. */
export function conversationOf(row: { flow: string; state: unknown; version: number }): StoredConversation | undefined {
  if (!(FLOW_NAMES as readonly string[]).includes(row.flow)) return undefined;
  const stored = row.state as { s: unknown; queue?: StoredConversation['queue']; offered?: StoredConversation['offered']; wantsText?: boolean; asked?: Reply };
  return {
    flow: row.flow as FlowName,
    state: stored.s,
    queue: stored.queue ?? [],
    ...(stored.offered ? { offered: stored.offered } : {}),
    ...(stored.wantsText ? { wantsText: true } : {}),
    ...(stored.asked ? { asked: stored.asked } : {}),
    version: row.version,
  };
}

/**
 * Writes the next conversation (or its end) only if nobody else wrote since `previous` was read.
 * Throws ConcurrentUpdateError otherwise, so the caller's transaction rolls back and retries.
 */
export async function saveConversation(
  db: DbOrTx,
  personId: number,
  previous: StoredConversation | undefined,
  next: Omit<StoredConversation, 'version'> | undefined,
  now: Date,
  timeoutAt: Date,
): Promise<void> {
  if (!previous && !next) return;
  let changed: unknown[];
  const state = next && storedState(next);
  if (!next) {
    changed = await db
      .delete(conversations)
      .where(and(eq(conversations.personId, personId), eq(conversations.version, previous!.version)))
      .returning({ v: conversations.version });
  } else if (!previous) {
    changed = await db
      .insert(conversations)
      .values({ personId, flow: next.flow, state, version: 1, timeoutAt, updatedAt: now })
      .onConflictDoNothing()
      .returning({ v: conversations.version });
  } else {
    changed = await db
      .update(conversations)
      .set({ flow: next.flow, state, version: previous.version + 1, timeoutAt, updatedAt: now })
      .where(and(eq(conversations.personId, personId), eq(conversations.version, previous.version)))
      .returning({ v: conversations.version });
  }
  if (changed.length === 0) throw new ConcurrentUpdateError();
}

/** What the `state` column holds for a conversation. */
export function storedState(next: Omit<StoredConversation, 'version'>) {
  return { s: next.state, queue: next.queue, offered: next.offered ?? [], wantsText: next.wantsText ?? false, ...(next.asked ? { asked: next.asked } : {}) };
}

/** A conversation to write at the end of the turn, with the replies (turn/replies.ts `writeTurn`). */
export interface PendingSave {
  personId: number;
  previous: StoredConversation | undefined;
  next: Omit<StoredConversation, 'version'> | undefined;
  timeoutAt: Date;
}
