import { and, eq, inArray, isNotNull, lte, or, sql, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { isDatabaseOutage } from '../db/errors.js';
import { identities, outboxMessages } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';
import type { OutgoingMessage, Platform, SendOutcome, Transport } from '../bot/types.js';
import { cancelObsolete } from './stillWanted.js';
import { sentMessageId } from './replaced.js';
import { DEFAULT_LIMITS, RateLimiter, type PlatformLimits } from './rateLimits.js';
import { claimRows, finishRow, handBackRows, type ClaimedRow } from './claims.js';
import { InFlightWindow } from './inFlight.js';
import { BatchLease } from './lease.js';
import { OutcomeRecorder, type AfterSend, type ChatMovedHandler, type UnreachableHandler } from './outcomes.js';
import { partsOf } from './parts.js';

export interface SenderOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** Rows claimed at once. */
  batchSize?: number;
  /** How long a claim holds unless renewed: an instance that died has its rows taken over after at most this. */
  leaseMs?: number;
  /** Sends at most whose outcome is not yet recorded: after a crash, at most this many messages go twice. */
  inFlight?: number;
  /** Poll interval when nothing was kicked. */
  pollMs?: number;
  /** What else happens when an account turns out unreachable (the core tells the member's liaison). */
  onUnreachable?: UnreachableHandler;
  /** What else happens when a chat turns out to have moved (the core updates bindings and waiting messages). */
  onChatMoved?: ChatMovedHandler;
  /** A row whose slot is further away than this is handed back rather than held. */
  horizonMs?: number;
  /** After a batch, the broadcasts it carried rows of: what follows when one has ended (its sender is told) is not the outbox's. */
  onBroadcastRows?: (broadcastIds: number[]) => Promise<void>;
}

export const DEFAULT_LEASE_MS = 10_000;
export const DEFAULT_IN_FLIGHT = 3;

/** What became of one row in a batch: done with, handed back to wait, or no longer this instance's. */
type RowResult = AfterSend | { abandoned: true };

/**
 * Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so several instances can send from one
 * database. A claim is a short lease, renewed while the batch is worked on, so the rows of a killed process
 * are sent by another within seconds. At most `inFlight` sends are ever waiting for their outcome to be
 * recorded: only those can go twice after a crash, and while the database cannot record outcomes, sending
 * stops. One chain per chat keeps a chat's messages in order; chats proceed side by side.
 */
export class OutboxSender {
  private readonly transports = new Map<Platform, Transport>();
  private readonly limiter: RateLimiter;
  private readonly window: InFlightWindow;
  private readonly recorder: OutcomeRecorder;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(private readonly opts: SenderOptions) {
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
    this.window = new InFlightWindow(opts.inFlight ?? DEFAULT_IN_FLIGHT);
    this.recorder = new OutcomeRecorder({ ...opts, limiter: this.limiter });
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
        await this.idle(Math.min(pollMs * 5, 5000));
        continue;
      }
      if (sent > 0 || this.kicked || !this.running) continue;
      await this.idle(pollMs);
    }
  }

  /** Waits, until kicked or stopped. */
  private async idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  /** Claims one batch and delivers it. Returns how many rows were handled. */
  async runOnce(): Promise<number> {
    const platforms = [...this.transports.keys()];
    const { clock, logger, batchSize = 100, leaseMs = DEFAULT_LEASE_MS } = this.opts;
    const db = this.opts.database.db;
    const now = clock.now();
    const claimable = platforms.filter((p) => this.limiter.pausedAt(p, now.getTime()) === undefined);
    if (claimable.length === 0) return 0;
    const leaseEnd = new Date(now.getTime() + leaseMs);
    const claimed = await claimRows(db, claimable, now, leaseEnd, batchSize);
    if (claimed.length === 0) return 0;
    const lease = new BatchLease(db, clock, logger, leaseMs, claimed.map((r) => r.id), leaseEnd).start();
    try {
      // A prompt whose reason went away while it waited (the member reported) is cancelled, not sent.
      const obsolete = await cancelObsolete(db, claimed.filter((r) => r.person_id !== null && r.purpose !== 'reply').map((r) => r.id));
      for (const id of obsolete) lease.release(id);
      const rows = claimed.filter((r) => !obsolete.has(r.id));
      if (rows.length === 0) return claimed.length;
      const unreachable = await this.unreachableIdentities(rows);
      const chains = new Map<string, ClaimedRow[]>();
      for (const row of rows) chains.set(`${row.platform}:${row.chat_id}`, [...(chains.get(`${row.platform}:${row.chat_id}`) ?? []), row]);
      const batch = { failed: false };
      const results = await Promise.allSettled([...chains.values()].map((chain) => this.deliverChain(chain, unreachable, lease, batch)));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      await this.broadcastRowsDone(claimed);
      this.limiter.prune(clock.now().getTime());
      return rows.length;
    } finally {
      lease.stop();
    }
  }

  /** A failure here costs only timeliness: the hourly sweep tells the sender instead. */
  private async broadcastRowsDone(rows: ClaimedRow[]): Promise<void> {
    const ids = [...new Set(rows.map((r) => r.broadcast_id).filter((x): x is number => x !== null))];
    if (ids.length === 0 || !this.opts.onBroadcastRows) return;
    try {
      await this.opts.onBroadcastRows(ids);
    } catch (err) {
      this.opts.logger.warn({ broadcastIds: ids, err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'outbox: broadcast end not checked');
    }
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

  /** One chat's rows, in order. A row that has to wait holds back the ones after it. */
  private async deliverChain(chain: ClaimedRow[], unreachable: Set<number>, lease: BatchLease, batch: { failed: boolean }): Promise<void> {
    const db = this.opts.database.db;
    try {
      for (let i = 0; i < chain.length; i++) {
        if (batch.failed) return;
        const row = chain[i]!;
        if (row.identity_id !== null && unreachable.has(row.identity_id)) {
          await this.persist(row, () => finishRow(db, row.id, { status: 'failed', lastError: 'unreachable' }));
          lease.release(row.id);
          continue;
        }
        const result = await this.deliverRow(row, lease, batch, unreachable);
        if ('abandoned' in result) return;
        if (result.goOn) continue;
        const rest = chain.slice(result.handBackSelf ? i : i + 1);
        await handBackRows(db, rest.map((r) => r.id), result.until);
        for (const r of rest) lease.release(r.id);
        return;
      }
    } catch (err) {
      batch.failed = true;
      throw err;
    }
  }

  /** Sends a row's remaining parts, each in its own slot, and records each. */
  private async deliverRow(row: ClaimedRow, lease: BatchLease, batch: { failed: boolean }, unreachable: Set<number>): Promise<RowResult & { handBackSelf?: boolean }> {
    const { clock, horizonMs = 5000 } = this.opts;
    const parts = partsOf(row.payload, this.limiter.maxTextLength(row.platform));
    for (let part = row.parts_sent; part < parts.length; part++) {
      const nowMs = clock.now().getTime();
      const at = this.limiter.reserve(row.platform, row.chat_id, row.chat_kind, nowMs, nowMs + horizonMs);
      if (at - nowMs > horizonMs) return { goOn: false, until: new Date(at), handBackSelf: true };
      if (at > nowMs) await clock.sleep(at - nowMs);
      const release = await this.window.acquire();
      try {
        const startAt = this.limiter.startAt(row.platform, row.chat_id, row.chat_kind, clock.now().getTime());
        if (startAt > clock.now().getTime()) await clock.sleep(startAt - clock.now().getTime());
        if (batch.failed || !(await lease.mayStillSend(row.id))) return { abandoned: true };
        // Checked at the last moment: the platform may have asked to wait while this send queued for its slot.
        const waiting = this.limiter.chatPausedAt(row.platform, row.chat_id, clock.now().getTime());
        if (waiting !== undefined) return { goOn: false, until: new Date(waiting), handBackSelf: true };
        const outcome = await this.send(row, parts[part]!);
        if (!outcome.ok && outcome.kind === 'permanent' && row.identity_id !== null) unreachable.add(row.identity_id);
        const last = part === parts.length - 1;
        if (outcome.ok && !last) {
          await this.persist(row, () => this.recorder.partSent(row, part + 1));
          continue;
        }
        const after = await this.persist(row, () => this.recorder.record(row, outcome, outcome.ok ? parts.length : part));
        lease.release(row.id);
        return after;
      } finally {
        release();
      }
    }
    return { goOn: true };
  }

  private async send(row: ClaimedRow, message: OutgoingMessage): Promise<SendOutcome> {
    const transport = this.transports.get(row.platform)!;
    const chat = { chatId: row.chat_id, chatKind: row.chat_kind };
    try {
      // A message that replaces an earlier one is an edit where the platform can edit and the earlier one went out.
      const earlier = message.replaces && transport.edit ? await sentMessageId(this.opts.database.db, row.platform, row.chat_id, message.replaces) : undefined;
      return earlier ? await transport.edit!(chat, earlier, message) : await transport.send(chat, message);
    } catch (err) {
      return { ok: false, kind: 'transient', code: (err as { code?: string }).code ?? (err as Error).name ?? 'error' };
    }
  }

  /**
   * Stores an outcome. While the database is out of reach and the sender runs, it tries again and keeps the
   * in-flight slot meanwhile, so sending stops rather than piling up messages nobody recorded.
   */
  private async persist<T>(row: ClaimedRow, write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (!this.running || !isDatabaseOutage(err)) throw err;
        if (attempt === 0) this.opts.logger.warn({ outboxId: row.id, err }, 'outbox: outcome not recorded yet, the database is away');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
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
