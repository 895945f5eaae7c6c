import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { conversations } from '../../db/schema/index.js';
import { ConcurrentUpdateError, loadConversation, saveConversation } from '../conversation.js';
import { loadFacts } from '../facts.js';
import type { Registry } from '../registry.js';
import { queueTimeoutReplies } from './replies.js';
import { Session, turnContext, type SessionOptions } from './session.js';

/** Feeds the timeout event to conversations left unfinished (`limit` at most); most end quietly. */
export async function expireConversations(db: Db, now: Date, registry: Registry, options: SessionOptions, limit: number): Promise<number> {
  const due = await db
    .select({ personId: conversations.personId })
    .from(conversations)
    .where(and(isNotNull(conversations.timeoutAt), lte(conversations.timeoutAt, now)))
    .limit(limit);
  let expired = 0;
  for (const { personId } of due) {
    try {
      await db.transaction((tx) => expireOne(tx, personId, now, registry, options));
      expired++;
    } catch (err) {
      if (!(err instanceof ConcurrentUpdateError)) throw err;
    }
  }
  return expired;
}

async function expireOne(tx: DbOrTx, personId: number, now: Date, registry: Registry, options: SessionOptions): Promise<void> {
  const current = await loadConversation(tx, personId);
  const facts = await loadFacts(tx, personId, now);
  if (!current || !facts) {
    await tx.delete(conversations).where(eq(conversations.personId, personId));
    return;
  }
  const session = new Session(turnContext(tx, facts, now, 'terminal', current, registry), options);
  const turn = await session.runFlows({ kind: 'step', conversation: current, event: { kind: 'timeout' } });
  await saveConversation(tx, personId, current, turn.next, now, session.timeoutFrom(now));
  await queueTimeoutReplies(tx, personId, current.version, facts.language, turn.replies, now);
}
