import { and, eq, lt } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Database, DbOrTx } from '../db/client.js';
import { databaseErrorCode, isDatabaseOutage } from '../db/errors.js';
import { identities, persons, processedUpdates } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import { enqueue } from '../outbox/enqueue.js';
import type { Clock } from './clock.js';
import { ConcurrentUpdateError, type PendingSave } from './conversation.js';
import type { HandleResult } from './core.js';
import { reply, type Reply } from './flow.js';
import { t, type Language } from './i18n/index.js';
import { renderReply } from './render.js';
import type { DeferredEffect, Registry } from './registry.js';
import { arrivalOf, arrive, firstArrival, followAccountTimezone, type Arrival, type BeginRow, type Identity } from './turn/arrival.js';
import { Foresight, type Foreseen, type StampedRow } from './turn/foresight.js';
import { onboard } from './turn/onboarding.js';
import { answerItems, checkedWrite, finishItem, writeTurn, type TurnWrite } from './turn/replies.js';
import { TurnBatches } from './turn/groupCommit.js';
import { transactionGuard } from './turn/guard.js';
import { expireConversations } from './turn/expiry.js';
import { converse } from './turn/route.js';
import { Session, turnContext, type SessionOptions } from './turn/session.js';
import type { Incoming, OutgoingMessage } from './types.js';

export type EngineConfig = Pick<
  Config,
  'INVITE_CODE_MAX_ATTEMPTS' | 'INVITE_CODE_LOCK_MINUTES' | 'INVITE_CODE_ALERT_THRESHOLD' | 'CONVERSATION_TIMEOUT_HOURS' | 'REPORT_DUE_DAY'
>;

export interface EngineOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  config: EngineConfig;
  registry: Registry;
  /** Called after a transaction that queued messages has committed. */
  onQueued?: () => void;
}

const MAX_RACE_RETRIES = 5;
/** A deadlock or a serialization failure: the database chose this turn to give way; it runs again. */
const RACES = new Set(['40P01', '40001']);

/**
 * One update is one transaction: arrival (dedupe) → identity → route → step → effects → render → outbox.
 * The pieces live in turn/; this class holds the transaction, its retries, and the jobs that feed timeouts in.
 */
export class Engine {
  private readonly db: Database['db'];
  private readonly sessionOptions: SessionOptions;
  private readonly batches: TurnBatches;
  private readonly foresight = new Foresight();

  constructor(private readonly opts: EngineOptions) {
    this.db = opts.database.db;
    this.batches = new TurnBatches(this.db);
    this.sessionOptions = { registry: opts.registry, reportDueDay: opts.config.REPORT_DUE_DAY, timeoutHours: opts.config.CONVERSATION_TIMEOUT_HOURS };
  }

  async handle(incoming: Incoming): Promise<HandleResult> {
    const { logger } = this.opts;
    for (let attempt = 0; ; attempt++) {
      try {
        const fast = await this.applyOutsideTransaction(incoming);
        const outcome = 'status' in fast ? fast : await this.db.transaction((tx) => this.applyUpdate(tx, incoming, fast.again));
        if (outcome.status === 'applied') this.opts.onQueued?.();
        return outcome;
      } catch (err) {
        if ((err instanceof ConcurrentUpdateError || RACES.has(databaseErrorCode(err) ?? '')) && attempt < MAX_RACE_RETRIES) continue;
        if (isDatabaseOutage(err)) return this.unavailable(incoming, err);
        logger.error({ platform: incoming.platform, updateId: incoming.updateId, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'handling failed');
        return this.answerWithApology(incoming);
      }
    }
  }

  /** Nothing was applied: the adapter keeps the update (or the platform redelivers it) until the database is back. */
  private unavailable(incoming: Incoming, err: unknown): HandleResult {
    this.opts.logger.warn({ platform: incoming.platform, updateId: incoming.updateId, code: databaseErrorCode(err) }, 'database unavailable');
    return { status: 'unavailable' };
  }

  /** A bug must not leave the member talking to a wall: record the update and say sorry. */
  private async answerWithApology(incoming: Incoming): Promise<HandleResult> {
    try {
      await this.db.transaction(async (tx) => {
        const now = this.opts.clock.now();
        if (!(await firstArrival(tx, incoming, now))) return;
        const language = await languageOfAccount(tx, incoming);
        await enqueue(tx, [{ idempotencyKey: `reply:${incoming.platform}:${incoming.updateId}:0`, platform: incoming.platform, chatId: incoming.chatId, purpose: 'reply', message: { text: t(language, 'common-error'), language }, notBefore: now }], now);
      });
    } catch (err) {
      // The database went away between the failure and the apology: nothing is recorded, so nothing is lost.
      if (isDatabaseOutage(err)) return this.unavailable(incoming, err);
      throw err;
    }
    this.opts.onQueued?.();
    return { status: 'applied' };
  }

  /**
   * Most updates in one or two statements and no transaction. When the reading can be foreseen (turn/foresight.ts: a
   * first contact, or a member whose last turn this process wrote) the step runs on the foresight and bot_turn_once
   * reads and writes in one statement, or writes nothing and answers what it read when that was not foreseen. Else
   * bot_turn_begin (turn/arrival.ts) looks up the update id and reads what the step needs, the step runs, and
   * bot_turn_finish (turn/replies.ts) records the update id with the conversation and the replies, atomically. All
   * group-committed with other chats' turns (turn/groupCommit.ts). A monthly report is written by the last statement
   * too, after the version check (`deferred`, migration 0030). A step that touches the database (another effect, a
   * command that reads, linking an account) is stopped at its first use of it and run again in a transaction
   * (applyUpdate): `again`, with what a linked member's turn can start from.
   */
  private async applyOutsideTransaction(incoming: Incoming): Promise<HandleResult | { again?: Started }> {
    const now = this.opts.clock.now();
    let row: BeginRow | undefined;
    const foreseen = this.foresight.foresee(incoming, now);
    if (foreseen) {
      const tried = await this.inOneStatement(incoming, now, foreseen);
      if ('status' in tried) return tried;
      row = tried.begun;
    }
    row ??= await this.batches.begin(incoming, now);
    const kept = this.foresight.keep(row);
    const arrival = arrivalOf(row, incoming, now);
    if (!arrival) return { status: 'duplicate' };
    // The stopped try runs on a copy: what it changed in passing (a state, the facts) is not what the next try starts from.
    const started: Started | undefined = incoming.chatKind === 'private' && arrival.identity.personId !== null ? { arrival: structuredClone(arrival), now } : undefined;
    const stepped = await this.stepOutside(arrival, incoming, now);
    if (!stepped) return started ? { again: started } : {};
    const { turn, deferred } = stepped;
    let written: TurnWrite;
    try {
      written = await this.batches.finish(finishItem(turn.save, answerItems(incoming, arrival.identity, turn.messages, now), now, { platform: incoming.platform, updateId: incoming.updateId }, deferred));
    } catch (err) {
      this.foresight.forget(incoming);
      throw err;
    }
    if (written === 'duplicate') return { status: 'duplicate' };
    if (kept) this.foresight.remember(incoming, kept, turn.save, deferred.length > 0, now);
    else this.foresight.forget(incoming);
    this.opts.logger.debug({ platform: incoming.platform, updateId: incoming.updateId, identityId: arrival.identity.id, replies: turn.messages.length }, 'update applied');
    return { status: 'applied' };
  }

  /**
   * The turn on what was foreseen, in one statement (bot_turn_once). `begun`: not as foreseen, nothing written, and
   * this is what was read; undefined when the step needs the database (then it is begun as any other turn).
   */
  private async inOneStatement(incoming: Incoming, now: Date, foreseen: Foreseen): Promise<HandleResult | { begun?: StampedRow }> {
    const arrival = arrivalOf(foreseen.row, incoming, now)!;
    const stepped = await this.stepOutside(arrival, incoming, now);
    if (!stepped) {
      this.foresight.forget(incoming);
      return {};
    }
    const { turn, deferred } = stepped;
    const item = finishItem(turn.save, answerItems(incoming, arrival.identity, turn.messages, now), now, { platform: incoming.platform, updateId: incoming.updateId }, deferred);
    const answer = await this.batches.once(incoming, now, foreseen.expect, item);
    if (answer.outcome === 'duplicate') return { status: 'duplicate' };
    if (answer.outcome === 'begun') return { begun: answer.row };
    let written: TurnWrite;
    try {
      written = checkedWrite(answer.written);
    } catch (err) {
      this.foresight.forget(incoming);
      throw err;
    }
    if (written === 'duplicate') return { status: 'duplicate' };
    this.foresight.advance(incoming, turn.save, deferred.length > 0, now);
    this.opts.logger.debug({ platform: incoming.platform, updateId: incoming.updateId, identityId: answer.identityId, replies: turn.messages.length }, 'update applied in one statement');
    return { status: 'applied' };
  }

  /** The step with no transaction, stopped at its first use of the database (undefined then: it needs one). */
  private async stepOutside(arrival: Arrival, incoming: Incoming, now: Date): Promise<{ turn: Turn; deferred: DeferredEffect[] } | undefined> {
    const guard = transactionGuard();
    const deferred: DeferredEffect[] = [];
    let turn: Turn;
    try {
      turn = await this.turn(guard.tx, arrival, incoming, now, deferred);
    } catch (err) {
      if (guard.touched()) return undefined;
      throw err;
    }
    // A use of the database caught inside the step still needs the transaction: what it computed is discarded.
    return guard.touched() ? undefined : { turn, deferred };
  }

  /**
   * An update whose step touches the database, in one transaction: the update id recorded first (a redelivery waits
   * there for the first delivery, then stops), the step and its effects, bot_turn_finish. A linked member's turn
   * starts from what the stopped try read (`again`: facts and conversation, read committed as any statement of the
   * transaction would; the version check guards the conversation); any other reads the account again under bot_turn_begin's
   * row lock (redeeming an invite code counts the account's failed attempts: two at once must not both count from
   * the same number).
   */
  private async applyUpdate(tx: DbOrTx, incoming: Incoming, again: Started | undefined): Promise<HandleResult> {
    const { logger } = this.opts;
    const now = again?.now ?? this.opts.clock.now();
    const arrival = again ? ((await firstArrival(tx, incoming, now)) ? again.arrival : undefined) : await arrive(tx, incoming, now, true);
    if (!arrival) return { status: 'duplicate' };
    const turn = await this.turn(tx, arrival, incoming, now);
    await writeTurn(tx, turn.save, answerItems(incoming, arrival.identity, turn.messages, now), now);
    logger.debug({ platform: incoming.platform, updateId: incoming.updateId, identityId: arrival.identity.id, replies: turn.messages.length }, 'update applied');
    return { status: 'applied' };
  }

  /** The step: what to answer, and the conversation to write with it. An account linked in this turn follows its platform's time zone. */
  private async turn(tx: DbOrTx, arrival: Arrival, incoming: Incoming, now: Date, deferred?: DeferredEffect[]): Promise<Turn> {
    const { identity } = arrival;
    if (incoming.chatKind === 'private' && identity.personId !== null) return this.inPrivate(tx, arrival, incoming, now, deferred);
    const linkedBefore = identity.personId !== null;
    const messages = await this.elsewhere(tx, identity, incoming, now);
    if (!linkedBefore) await followAccountTimezone(tx, identity.personId, incoming);
    return { messages };
  }

  /** A group, or an account not linked yet (onboarding: it may get linked in this turn). */
  private async elsewhere(tx: DbOrTx, identity: Identity, incoming: Incoming, now: Date): Promise<OutgoingMessage[]> {
    const { config } = this.opts;
    let replies: Reply[];
    let language: Language | undefined;
    if (incoming.chatKind === 'group') {
      replies = await this.inGroup(tx, identity.personId, incoming, now);
    } else {
      const onboarded = await onboard(tx, identity, incoming, now, { ...this.sessionOptions, maxAttempts: config.INVITE_CODE_MAX_ATTEMPTS, lockMinutes: config.INVITE_CODE_LOCK_MINUTES, alertThreshold: config.INVITE_CODE_ALERT_THRESHOLD });
      replies = onboarded.replies;
      if (onboarded.linked) {
        identity.personId = onboarded.linked.personId;
        language = onboarded.linked.language;
      }
    }
    language ??= identity.personId === null ? 'zh-CN' : await languageOf(tx, identity.personId);
    return replies.map((r) => renderReply(language, r));
  }

  /**
   * Member flows run in private only: nothing personal is asked where others read. Only a command gets an
   * answer; the bot does not chime in on a branch group's conversation.
   */
  private async inGroup(tx: DbOrTx, personId: number | null, incoming: Incoming, now: Date): Promise<Reply[]> {
    if (incoming.body.kind !== 'text' || !incoming.body.text.trim().startsWith('/')) return [];
    const parsed = this.opts.registry.parse(incoming.body.text);
    if (parsed && 'spec' in parsed && parsed.spec.inGroup) return parsed.spec.inGroup({ tx, personId, incoming, now }, parsed.arg);
    return [reply('group-private-only')];
  }

  /**
   * A linked person in their private chat: facts and conversation came with the arrival; every reply rendered
   * once, in their language after the turn; the conversation left for writeTurn to write with the replies.
   */
  private async inPrivate(tx: DbOrTx, arrival: Arrival, incoming: Incoming, now: Date, deferred?: DeferredEffect[]): Promise<Turn> {
    if (!arrival.facts) return { messages: [renderReply('zh-CN', reply('common-error'))] };
    const session = new Session(turnContext(tx, arrival.facts, now, incoming.platform, arrival.current, this.opts.registry, deferred), { ...this.sessionOptions, deferSave: true });
    const replies = await converse(session, incoming.body, this.opts.registry);
    const messages = replies.map((r) => session.render(r));
    return { messages, ...(session.pendingSave ? { save: session.pendingSave } : {}) };
  }

  /** Feeds the timeout event to conversations left unfinished; most end quietly. */
  async expireConversations(limit = 200): Promise<number> {
    return expireConversations(this.db, this.opts.clock.now(), this.opts.registry, this.sessionOptions, limit);
  }

  /** Update ids are only needed while a platform may still redeliver (Telegram: 24 hours). */
  async forgetOldUpdates(olderThanHours = 72): Promise<void> {
    const cutoff = new Date(this.opts.clock.now().getTime() - olderThanHours * 3_600_000);
    await this.db.delete(processedUpdates).where(lt(processedUpdates.processedAt, cutoff));
  }
}

/** Read after the step: a language chosen while linking applies to its own confirmation. */
async function languageOf(tx: DbOrTx, personId: number): Promise<Language> {
  const [person] = await tx.select({ language: persons.language }).from(persons).where(eq(persons.id, personId));
  return person?.language ?? 'zh-CN';
}

/** The language of whoever sent this, if their account is linked (the apology after a bug is in it too). */
async function languageOfAccount(tx: DbOrTx, incoming: Incoming): Promise<Language> {
  const [row] = await tx
    .select({ language: persons.language })
    .from(identities)
    .innerJoin(persons, eq(persons.id, identities.personId))
    .where(and(eq(identities.platform, incoming.platform), eq(identities.externalUserId, incoming.userId)));
  return row?.language ?? 'zh-CN';
}

/** What a linked member's stopped turn read, for its run in a transaction. */
type Started = { arrival: Arrival; now: Date };

/** What a step left: the replies, and the conversation to write with them. */
type Turn = { messages: OutgoingMessage[]; save?: PendingSave };

export function createEngine(opts: EngineOptions): Engine {
  return new Engine(opts);
}
