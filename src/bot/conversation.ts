import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { conversations } from '../db/schema/index.js';
import { FLOW_NAMES, type FlowName } from './flow.js';

/** What is stored per person: the flow in progress, its state, and the flows queued after it. */
export interface StoredConversation {
  flow: FlowName;
  state: unknown;
  queue: { flow: FlowName; arg?: string }[];
  /** The buttons of the last question, as the person saw them: typing a label (or its number) is a tap. */
  offered?: { label: string; payload: string }[];
  /** The last question asked for free text, so a typed number is an answer, not a choice. */
  wantsText?: boolean;
  version: number;
}

/** Full-width digits, spaces, emoji and punctuation do not matter when matching a typed label. */
function normaliseLabel(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The button a typed answer stands for, if it names one exactly or gives its number. */
export function typedChoice(conversation: StoredConversation, text: string): string | undefined {
  const offered = conversation.offered ?? [];
  const typed = normaliseLabel(text);
  if (!typed) return undefined;
  const byLabel = offered.find((o) => normaliseLabel(o.label) === typed);
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
  if (!row || !(FLOW_NAMES as readonly string[]).includes(row.flow)) return undefined;
  const stored = row.state as { s: unknown; queue?: StoredConversation['queue']; offered?: StoredConversation['offered']; wantsText?: boolean };
  return {
    flow: row.flow as FlowName,
    state: stored.s,
    queue: stored.queue ?? [],
    ...(stored.offered ? { offered: stored.offered } : {}),
    ...(stored.wantsText ? { wantsText: true } : {}),
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
  const state = next && { s: next.state, queue: next.queue, offered: next.offered ?? [], wantsText: next.wantsText ?? false };
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
