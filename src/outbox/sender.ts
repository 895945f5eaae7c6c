import { and, eq, inArray, isNotNull, lte, or, sql, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { identities, members, outboxMessages, persons } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';
import { reply } from '../bot/flow.js';
import { liaisonOf, notifyPerson } from '../bot/notify.js';
import type { ChatKind, OutgoingMessage, Platform, SendOutcome, Transport } from '../bot/types.js';
import { rowsOfResult } from '../db/query.js';
import { cancelObsolete } from './stillWanted.js';
import { sentMessageId } from './replaced.js';
import { secretsDroppedOnSend } from './scrub.js';
import { DEFAULT_LIMITS, RateLimiter, type PlatformLimits } from './rateLimits.js';

export interface SenderOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** Rows claimed at once. */
  batchSize?: number;
  /** How long a claim holds before another instance may take the row (a crashed sender's rows come back). */
  leaseMs?: number;
  /** Poll interval when nothing was kicked. */
  pollMs?: number;
  /** A row whose slot is further away than this is handed back rather than held. */
  horizonMs?: number;
}

interface ClaimedRow {
  id: number;
  platform: Platform;
  chat_id: string;
  chat_kind: ChatKind;
  identity_id: number | null;
  person_id: number | null;
  purpose: string;
  payload: OutgoingMessage;
  attempts: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so several instances can send from one
 * database; a claim is a lease, so the rows of a killed process are sent by whoever runs next, and only the
 * message that was on the wire at the kill can go twice.
 */
export class OutboxSender {
  private readonly transports = new Map<Platform, Transport>();
  private readonly limiter: RateLimiter;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(private readonly opts: SenderOptions) {
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
  }

  register(transport: Transport): void {
    this.transports.set(transport.platform, transport);
    this.kick();
  }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming; what is in flight is finished and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { logger, pollMs = 1000 } = this.opts;
    while (this.running) {
      this.kicked = false;
      let sent = 0;
      try {
        sent = await this.runOnce();
      } catch (err) {
        logger.warn({ err }, 'outbox pass failed; will retry');
        await new Promise((r) => setTimeout(r, Math.min(pollMs * 5, 5000)));
      }
      if (sent > 0 || this.kicked || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Claims one batch and delivers it. Returns how many rows were handled. */
  async runOnce(): Promise<number> {
    const platforms = [...this.transports.keys()];
    if (platforms.length === 0) return 0;
    const { clock, batchSize = 100, leaseMs = 120_000 } = this.opts;
    const now = clock.now();
    // Raw SQL takes timestamps as text: postgres.js and PGlite serialise Date parameters differently.
    const nowText = now.toISOString();
    const leaseEndText = new Date(now.getTime() + leaseMs).toISOString();
    const claimable = platforms.filter((p) => this.limiter.pausedAt(p, now.getTime()) === undefined);
    if (claimable.length === 0) return 0;
    const result = await this.opts.database.db.execute(sql`
      update outbox_messages set status = 'sending', claimed_until = ${leaseEndText}::timestamptz, attempts = attempts + 1
      where id in (
        select id from outbox_messages
        where platform in ${claimable} and next_attempt_at <= ${nowText}::timestamptz
          and (status = 'pending' or (status = 'sending' and claimed_until < ${nowText}::timestamptz))
        order by next_attempt_at, id
        limit ${batchSize}
        for update skip locked)
      returning id, platform, chat_id, chat_kind, identity_id, person_id, purpose, payload, attempts`);
    const claimed = rowsOfResult<ClaimedRow>(result).sort((a, b) => Number(a.id) - Number(b.id));
    if (claimed.length === 0) return 0;
    // A prompt whose reason went away while it waited (the member reported) is cancelled, not sent.
    const obsolete = await cancelObsolete(this.opts.database.db, claimed.filter((r) => r.person_id !== null && r.purpose !== 'reply').map((r) => Number(r.id)));
    const rows = claimed.filter((r) => !obsolete.has(Number(r.id)));
    if (rows.length === 0) return claimed.length;
    const unreachable = await this.unreachableIdentities(rows);
    // One chain per chat keeps a chat's messages in order; chats proceed side by side.
    const chains = new Map<string, ClaimedRow[]>();
    for (const row of rows) {
      const key = `${row.platform}:${row.chat_id}`;
      chains.set(key, [...(chains.get(key) ?? []), row]);
    }
    await Promise.all([...chains.values()].map((chain) => this.deliverChain(chain, unreachable)));
    this.limiter.prune(clock.now().getTime());
    return rows.length;
  }

  private async unreachableIdentities(rows: ClaimedRow[]): Promise<Set<number>> {
    const ids = [...new Set(rows.map((r) => r.identity_id).filter((x): x is number => x !== null))];
    if (ids.length === 0) return new Set();
    const found = await this.opts.database.db
      .select({ id: identities.id })
      .from(identities)
      .where(and(inArray(identities.id, ids), isNotNull(identities.unreachableSince)));
    return new Set(found.map((f) => f.id));
  }

  private async deliverChain(chain: ClaimedRow[], unreachable: Set<number>): Promise<void> {
    const { clock, horizonMs = 5000 } = this.opts;
    for (let i = 0; i < chain.length; i++) {
      const row = chain[i]!;
      if (row.identity_id !== null && unreachable.has(row.identity_id)) {
        await this.finish(row.id, { status: 'failed', lastError: 'unreachable' });
        continue;
      }
      const nowMs = clock.now().getTime();
      const at = this.limiter.reserve(row.platform, row.chat_id, row.chat_kind, nowMs, nowMs + horizonMs);
      if (at - nowMs > horizonMs) {
        await this.handBack(chain.slice(i), new Date(at));
        return;
      }
      if (at > nowMs) await clock.sleep(at - nowMs);
      const paused = this.limiter.pausedAt(row.platform, clock.now().getTime());
      if (paused !== undefined) {
        await this.handBack(chain.slice(i), new Date(paused));
        return;
      }
      const outcome = await this.send(row);
      if (!outcome.ok && outcome.kind === 'permanent' && row.identity_id !== null) unreachable.add(row.identity_id);
      const keepGoing = await this.record(row, outcome);
      if (!keepGoing) {
        await this.handBack(chain.slice(i + 1), new Date(this.limiter.pausedAt(row.platform, clock.now().getTime()) ?? clock.now().getTime() + 1000));
        return;
      }
    }
  }

  private async send(row: ClaimedRow): Promise<SendOutcome> {
    const transport = this.transports.get(row.platform)!;
    const chat = { chatId: row.chat_id, chatKind: row.chat_kind };
    try {
      // A message that replaces an earlier one is an edit where the platform can edit and the earlier one went out.
      const earlier = row.payload.replaces && transport.edit ? await sentMessageId(this.opts.database.db, row.platform, row.chat_id, row.payload.replaces) : undefined;
      return earlier ? await transport.edit!(chat, earlier, row.payload) : await transport.send(chat, row.payload);
    } catch (err) {
      return { ok: false, kind: 'transient', code: (err as { code?: string }).code ?? (err as Error).name ?? 'error' };
    }
  }

  /** Records what happened. Returns false when the rest of this chat's messages must wait. */
  private async record(row: ClaimedRow, outcome: SendOutcome): Promise<boolean> {
    const { clock, logger, maxAttempts } = this.opts;
    const now = clock.now();
    if (outcome.ok) {
      // An invite code stays in the stored copy only until it is sent.
      await this.finish(row.id, { status: 'sent', sentAt: now, platformMessageId: outcome.messageId ?? null, ...secretsDroppedOnSend(row.payload) });
      return true;
    }
    logger.warn({ outboxId: row.id, platform: row.platform, kind: outcome.kind, code: outcome.code, attempts: row.attempts }, 'send failed');
    switch (outcome.kind) {
      case 'retry_after': {
        const until = now.getTime() + Math.max(1, outcome.seconds) * 1000;
        this.limiter.pause(row.platform, until);
        // Being told to wait is not the message's fault: the attempt does not count.
        await this.finish(row.id, { status: 'pending', nextAttemptAt: new Date(until), attempts: Math.max(0, row.attempts - 1), lastError: outcome.code });
        return false;
      }
      case 'transient': {
        if (row.attempts >= maxAttempts) {
          await this.finish(row.id, { status: 'failed', lastError: outcome.code });
          return true;
        }
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts) * (0.75 + Math.random() * 0.5);
        await this.finish(row.id, { status: 'pending', nextAttemptAt: new Date(now.getTime() + backoff), lastError: outcome.code });
        return false;
      }
      case 'rejected':
        await this.finish(row.id, { status: 'failed', lastError: outcome.code });
        return true;
      case 'permanent':
        await this.opts.database.db.transaction(async (tx) => {
          await tx.update(outboxMessages).set({ status: 'failed', lastError: outcome.code, claimedUntil: null }).where(eq(outboxMessages.id, row.id));
          if (row.identity_id !== null) await this.markUnreachable(tx, row, now);
        });
        return true;
    }
  }

  /** Stop writing to an account that blocked us, and put the member in front of their liaison instead. */
  private async markUnreachable(tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0], row: ClaimedRow, now: Date) {
    const marked = await tx
      .update(identities)
      .set({ unreachableSince: now })
      .where(and(eq(identities.id, row.identity_id!), sql`${identities.unreachableSince} is null`))
      .returning({ personId: identities.personId });
    const personId = marked[0]?.personId;
    if (personId === null || personId === undefined) return;
    const [member] = await tx.select({ id: members.personId, name: persons.name }).from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, personId));
    if (!member) return;
    const liaisonId = await liaisonOf(tx, personId);
    if (liaisonId === undefined) return;
    await notifyPerson(tx, liaisonId, reply('liaison-member-unreachable', { args: { name: member.name, platform: row.platform } }), {
      key: `unreachable:${row.identity_id}:${now.toISOString().slice(0, 10)}`,
      purpose: 'notify',
      now,
    });
  }

  private async handBack(rows: ClaimedRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    await this.opts.database.db
      .update(outboxMessages)
      .set({ status: 'pending', nextAttemptAt: at, claimedUntil: null, attempts: sql`greatest(${outboxMessages.attempts} - 1, 0)` })
      .where(inArray(outboxMessages.id, rows.map((r) => r.id)));
  }

  private async finish(id: number, set: Partial<typeof outboxMessages.$inferInsert>): Promise<void> {
    await this.opts.database.db.update(outboxMessages).set({ claimedUntil: null, ...set }).where(eq(outboxMessages.id, id));
  }

  /**
   * Waits until nothing is due for these platforms (the terminal between lines, tests). With `everything`,
   * waits until nothing is left at all, including messages held back for a rate limit or a retry.
   */
  async drain(platforms: Platform[] = [...this.transports.keys()], timeoutMs = 30_000, everything = false): Promise<void> {
    const { clock } = this.opts;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const handled = await this.runOnce();
      if (handled > 0) continue;
      const now = clock.now();
      const [due] = await this.opts.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(outboxMessages)
        .where(
          and(
            inArray(outboxMessages.platform, platforms),
            everything
              ? inArray(outboxMessages.status, ['pending', 'sending'])
              : or(
                  and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, now)),
                  and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.claimedUntil, now)),
                ),
          ),
        );
      if (!due || due.n === 0) return;
      await new Promise((r) => setTimeout(r, everything ? 100 : 10));
    }
    throw new Error('outbox did not drain in time');
  }
}
