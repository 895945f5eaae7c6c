import { and, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.js';
import { identities, outboxMessages } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';
import type { Platform, SendOutcome } from '../bot/types.js';
import { finishRow, recordPart, type ClaimedRow } from './claims.js';
import type { RateLimiter } from './rateLimits.js';
import { chatKeyOf, lateStartMove, type LateStart, type SendBudget } from './budget.js';
import type { SendLedger, SentRecord } from './ledger.js';
import { secretsDroppedOnSend } from './scrub.js';

const MAX_BACKOFF_MS = 5 * 60_000;

/** What the rest of a chat's messages in this batch do after one was tried: go on, or wait until then. */
export type AfterSend = { goOn: true } | { goOn: false; until: Date };

export interface RecorderOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  limiter: RateLimiter;
  /** Where a wait the platform asked for is written for the other instances. */
  budget?: SendBudget;
  /** Where sends that went are recorded, with the slots taken after them (ledger.ts). */
  ledger: SendLedger;
  onUnreachable?: UnreachableHandler;
  onChatMoved?: ChatMovedHandler;
}

/** An account the platform says is gone or blocked us: injected, so the outbox needs nothing above it. */
export type UnreachableHandler = (tx: Tx, account: { personId: number; identityId: number; platform: string }, now: Date) => Promise<void>;

/** A chat the platform moved to a new id (a group upgraded to a supergroup): the core updates what it stored. */
export type ChatMovedHandler = (platform: Platform, from: string, to: string) => Promise<void>;

/** Stores what became of each send: the outbox row's status, when to try again, an unreachable account. */
export class OutcomeRecorder {
  constructor(private readonly o: RecorderOptions) {}

  /** One more part of a long message went; the row stays claimed for the next. */
  async partSent(row: ClaimedRow, partsSent: number, late?: LateStart): Promise<void> {
    await recordPart(this.o.database.db, row.id, partsSent, late && lateStartMove(late));
  }

  /**
   * `late`: the move of this send's slot in the budget (it started late), written with the outcome. `queued` is
   * called once a sent message's record is in the ledger, before it is stored: its in-flight place may go to the
   * next send, whose slot the ledger takes only with or after this record.
   */
  async record(row: ClaimedRow, outcome: SendOutcome, partsSent: number, lateStart?: LateStart, queued?: () => void): Promise<AfterSend> {
    const { clock, logger, maxAttempts, limiter } = this.o;
    const db = this.o.database.db;
    const now = clock.now();
    const late = lateStart && lateStartMove(lateStart);
    if (outcome.ok) {
      // An invite code stays in the stored copy only until it is sent.
      const scrubbed = secretsDroppedOnSend(row.payload);
      if (scrubbed.payload) await finishRow(db, row.id, { status: 'sent', sentAt: now, partsSent, platformMessageId: outcome.messageId ?? null, ...scrubbed }, late);
      else {
        const stored = this.o.ledger.record(sentRecord(row, now, partsSent, outcome.messageId, lateStart));
        queued?.();
        await stored;
      }
      if (outcome.movedTo) {
        logger.info({ outboxId: row.id, platform: row.platform, from: row.chat_id, to: outcome.movedTo }, 'chat moved: sent to its new id');
        await this.o.onChatMoved?.(row.platform, row.chat_id, outcome.movedTo);
      }
      return { goOn: true };
    }
    logger.warn({ outboxId: row.id, platform: row.platform, kind: outcome.kind, code: outcome.code, attempts: row.attempts }, 'send failed');
    const spent = row.attempts >= maxAttempts;
    switch (outcome.kind) {
      case 'retry_after': {
        // This chat waits as long as the platform asked (the whole platform, when several chats were told to).
        // The try counts: a message refused again and again ends as failed rather than going round for ever.
        const until = new Date(now.getTime() + Math.max(1, outcome.seconds) * 1000);
        const scope = limiter.rateLimited(row.platform, row.chat_id, now.getTime(), until.getTime());
        await this.o.budget?.pause(row.platform, scope === 'chat' ? row.chat_id : undefined, until.getTime());
        await finishRow(db, row.id, spent ? { status: 'failed', lastError: outcome.code } : { status: 'pending', nextAttemptAt: until, lastError: outcome.code }, late);
        return { goOn: false, until };
      }
      case 'transient': {
        if (spent) {
          await finishRow(db, row.id, { status: 'failed', lastError: outcome.code }, late);
          return { goOn: true };
        }
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts) * (0.75 + Math.random() * 0.5);
        await finishRow(db, row.id, { status: 'pending', nextAttemptAt: new Date(now.getTime() + backoff), lastError: outcome.code }, late);
        return { goOn: false, until: new Date(now.getTime() + 1000) };
      }
      case 'rejected':
        await finishRow(db, row.id, { status: 'failed', lastError: outcome.code }, late);
        return { goOn: true };
      case 'permanent':
        await db.transaction(async (tx) => {
          if (late) await tx.execute(late);
          await tx.update(outboxMessages).set({ status: 'failed', lastError: outcome.code, claimedUntil: null, sendStartedAt: null }).where(eq(outboxMessages.id, row.id));
          if (row.identity_id !== null) await this.markUnreachable(tx, row, now);
        });
        return { goOn: true };
    }
  }

  /** Stop writing to an account that blocked us; what else follows (telling the liaison) is the core's to say. */
  private async markUnreachable(tx: Tx, row: ClaimedRow, now: Date): Promise<void> {
    const marked = await tx
      .update(identities)
      .set({ unreachableSince: now })
      .where(and(eq(identities.id, row.identity_id!), sql`${identities.unreachableSince} is null`))
      .returning({ personId: identities.personId });
    const personId = marked[0]?.personId;
    if (personId === null || personId === undefined) return;
    await this.o.onUnreachable?.(tx, { personId, identityId: row.identity_id!, platform: row.platform }, now);
  }
}

/** One send that went, as outbox_record_sent (migration 0025) takes it, with its late start's move if any. */
function sentRecord(row: ClaimedRow, now: Date, parts: number, messageId: string | undefined, late: LateStart | undefined): SentRecord {
  const move = late ? { chat: chatKeyOf(late.req.platform, late.req.chatId), planned: late.plannedMs, started: late.startedMs } : {};
  return { id: row.id, platform: row.platform, sentAt: now.toISOString(), parts, messageId: messageId ?? null, ...move };
}
