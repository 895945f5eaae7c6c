import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, like, lte, or, sql, lt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';
import type { Platform, Transport } from '../bot/types.js';
import { cancelObsolete } from './stillWanted.js';
import { DEFAULT_LIMITS, RateLimiter, type PlatformLimits } from './rateLimits.js';
import { claimRows, type ClaimedRow } from './claims.js';
import { InFlightWindow } from './inFlight.js';
import { BatchLease } from './lease.js';
import { OutcomeRecorder, type ChatMovedHandler, type UnreachableHandler } from './outcomes.js';
import { SendBudget } from './budget.js';
import { SendLedger } from './ledger.js';
import { BatchDelivery, type BatchContext } from './batch.js';

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
  /** Who this sender is, in the claims and in-flight marks it writes (the instance id); by default host, pid and a random part. */
  instanceId?: string;
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
/** Batches an instance sends at once, at most. */
const MAX_BATCHES = 4;
/** How soon a claim that found nothing is tried again while batches are being sent. */
const CLAIM_AGAIN_MS = 250;

/** A claimed batch, about to be sent. */
interface Claimed {
  rows: ClaimedRow[];
  leaseEnd: Date;
  /** Who holds the rows: this instance, and which of its batches (`<instance>#<n>`). */
  claimer: string;
}

/**
 * Delivers the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so several instances can send from one
 * database. A claim is a short lease, renewed while the batch is worked on, so the rows of a killed process
 * are sent by another within seconds. Every send takes a slot of the send budget the instances share (the
 * platform's and the chat's limits, budget.ts) and marks its row in flight; at most `inFlight` sends are ever
 * waiting for their outcome to be recorded: only those can go twice after a crash, and the instance that takes
 * their rows over counts them. While the database cannot record outcomes, sending stops. One chain per chat
 * keeps a chat's messages in order; chats proceed side by side, and more batches are claimed while the chats
 * of those being sent wait for their own limits.
 */
export class OutboxSender {
  private readonly transports = new Map<Platform, Transport>();
  private readonly limiter: RateLimiter;
  private readonly window: InFlightWindow;
  private readonly budget: SendBudget;
  private readonly recorder: OutcomeRecorder;
  readonly instanceId: string;
  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private failedPass = false;
  private prunedAt = 0;
  private batches = 0;
  /** Chains of the batches being sent that are ready to send (not waiting for their chat's limit). */
  private readyChains = 0;

  constructor(private readonly opts: SenderOptions) {
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
    this.window = new InFlightWindow(opts.inFlight ?? DEFAULT_IN_FLIGHT);
    const ledger = new SendLedger(opts.database.db, { running: () => this.running, logger: opts.logger });
    this.budget = new SendBudget(opts.database.db, (p) => this.limiter.limitsOf(p), ledger);
    this.recorder = new OutcomeRecorder({ ...opts, limiter: this.limiter, budget: this.budget, ledger });
    this.instanceId = opts.instanceId ?? `${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`;
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
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops claiming and starting sends; what is in flight is finished and recorded, the rest handed back. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  /**
   * Claims and sends batch after batch. Another batch is claimed while those being sent have few chats ready
   * to send (the others wait for their chat's limit, or are done), so the budget is used while they wait.
   */
  private async run(): Promise<void> {
    const { pollMs = 1000 } = this.opts;
    const sending = new Set<Promise<void>>();
    let emptyAt = -Infinity;
    while (this.running) {
      if (this.failedPass) {
        this.failedPass = false;
        await this.idle(Math.min(pollMs * 5, 5000));
      }
      const kicked = this.kicked;
      this.kicked = false;
      // After a claim that found nothing, the next waits a moment, unless something was queued meanwhile.
      if (sending.size < MAX_BATCHES && this.readyChains <= this.window.size && (kicked || Date.now() - emptyAt >= CLAIM_AGAIN_MS)) {
        const batch = await this.claim().catch((err: unknown) => this.passFailed(err));
        if (batch) {
          const delivered: Promise<void> = this.deliver(batch)
            .then(() => {}, (err: unknown) => void this.passFailed(err))
            .finally(() => {
              sending.delete(delivered);
              this.wake?.();
            });
          sending.add(delivered);
          continue;
        }
        emptyAt = Date.now();
      }
      if (!this.kicked && this.running) await this.idle(sending.size > 0 ? CLAIM_AGAIN_MS : pollMs);
    }
    await Promise.all(sending);
  }

  private passFailed(err: unknown): undefined {
    this.opts.logger.warn({ err }, 'outbox pass failed; will retry');
    this.failedPass = true;
    return undefined;
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
    const batch = await this.claim();
    return batch ? this.deliver(batch) : 0;
  }

  /** Claims a batch of due rows on the platforms not told to wait, and says which of them a crash cut off. */
  private async claim(): Promise<Claimed | undefined> {
    const { clock, batchSize = 100, leaseMs = DEFAULT_LEASE_MS } = this.opts;
    const now = clock.now();
    await this.pruneBudget(now.getTime());
    const claimable = [...this.transports.keys()].filter((p) => this.limiter.pausedAt(p, now.getTime()) === undefined);
    if (claimable.length === 0) return undefined;
    const leaseEnd = new Date(now.getTime() + leaseMs);
    // Each batch claims under a name of its own: a row one batch lost (its lease ran out) and the next took
    // over is the next one's alone to send, even in the same instance.
    const claimer = `${this.instanceId}#${++this.batches}`;
    const rows = await claimRows(this.opts.database.db, claimable, now, leaseEnd, batchSize, claimer);
    if (rows.length === 0) return undefined;
    const interrupted = rows.filter((r) => r.interrupted);
    if (interrupted.length > 0) {
      this.opts.logger.warn(
        { count: interrupted.length, outboxIds: interrupted.map((r) => r.id), interruptedClaims: [...new Set(interrupted.map((r) => r.interrupted!.by))] },
        'outbox: sends cut off before their outcome was recorded go again; each may arrive twice',
      );
    }
    return { rows, leaseEnd, claimer };
  }

  /** Forgets chats long idle in the shared budget, once a minute; a failure here costs nothing but space. */
  private async pruneBudget(nowMs: number): Promise<void> {
    if (nowMs - this.prunedAt < 60_000) return;
    this.prunedAt = nowMs;
    await this.budget.prune(nowMs).catch((err: unknown) => this.opts.logger.warn({ err }, 'outbox: send budget not pruned'));
  }

  /** Sends a claimed batch. Returns how many rows were handled. */
  private async deliver({ rows: claimed, leaseEnd, claimer }: Claimed): Promise<number> {
    const { clock, logger, leaseMs = DEFAULT_LEASE_MS } = this.opts;
    const db = this.opts.database.db;
    // Every chat of the batch counts as ready from now (before anything is awaited) until its chain ends.
    let ready = new Set(claimed.map((r) => `${r.platform}:${r.chat_id}`)).size;
    this.readyChains += ready;
    const readiness = (delta: 1 | -1) => {
      ready += delta;
      this.readyChains += delta;
      // Few chains left ready: the loop may claim more.
      if (delta < 0 && this.readyChains <= this.window.size) this.wake?.();
    };
    const lease = new BatchLease(db, clock, logger, leaseMs, claimed.map((r) => r.id), leaseEnd).start();
    try {
      // A prompt whose reason went away while it waited (the member reported) is cancelled, not sent.
      const obsolete = await cancelObsolete(db, claimed.filter((r) => r.person_id !== null && r.purpose !== 'reply').map((r) => r.id));
      for (const id of obsolete) lease.release(id);
      const rows = claimed.filter((r) => !obsolete.has(r.id));
      if (rows.length === 0) return claimed.length;
      await new BatchDelivery(this.context(claimer, readiness), lease).deliver(rows);
      await this.broadcastRowsDone(claimed);
      this.limiter.prune(clock.now().getTime());
      return rows.length;
    } finally {
      lease.stop();
      // Chats cancelled before sending, or chains a failure cut short.
      this.readyChains -= ready;
      this.wake?.();
    }
  }

  private context(claimer: string, readiness: BatchContext['readiness']): BatchContext {
    const { clock, logger, horizonMs = 5000 } = this.opts;
    return {
      db: this.opts.database.db, clock, logger, claimer, horizonMs,
      window: this.window, budget: this.budget, limiter: this.limiter, recorder: this.recorder, transports: this.transports,
      running: () => this.running,
      stopping: () => this.stopping,
      readiness,
    };
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

  /**
   * Waits until nothing is due for these platforms and nothing this instance claimed is still being sent
   * (the terminal between lines, tests). With `everything`, waits until nothing is left at all, including
   * messages held back for a rate limit or a retry.
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
                  // Being sent by this instance's own loop (started): not done yet either.
                  and(eq(outboxMessages.status, 'sending'), like(outboxMessages.claimedBy, `${this.instanceId}#%`)),
                ),
          ),
        );
      if (!due || due.n === 0) return;
      await new Promise((r) => setTimeout(r, everything ? 100 : 10));
    }
    throw new Error('outbox did not drain in time');
  }
}
