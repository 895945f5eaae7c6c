import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { isDatabaseOutage } from '../db/errors.js';
import { identities, outboxMessages } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../bot/clock.js';
import type { OutgoingMessage, Platform, SendOutcome, Transport } from '../bot/types.js';
import { LATE_START_MS, type LateStart, type SendBudget, type Slot, type SlotRequest } from './budget.js';
import { finishRow, handBackRows, type ClaimedRow } from './claims.js';
import type { InFlightWindow } from './inFlight.js';
import type { BatchLease } from './lease.js';
import type { AfterSend, OutcomeRecorder } from './outcomes.js';
import { partsOf } from './parts.js';
import type { RateLimiter } from './rateLimits.js';
import { sentMessageId } from './replaced.js';

/**
 * A send whose slot is further off than this gives its in-flight place back while it waits (a chat's next
 * message, a second after the last), and takes a slot again when the time comes.
 */
const HOLD_SLOT_MS = 400;

/** What a batch needs from its sender. */
export interface BatchContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The name the batch's rows are claimed under (the instance's id and the batch's number). */
  claimer: string;
  horizonMs: number;
  window: InFlightWindow;
  budget: SendBudget;
  limiter: RateLimiter;
  recorder: OutcomeRecorder;
  transports: Map<Platform, Transport>;
  running(): boolean;
  /** The sender is stopping: no send starts any more, what has not started is handed back. */
  stopping(): boolean;
  /**
   * The batch's chains ready to send changed by `delta` (every chain counts as ready from the claim): -1 when
   * one ends or sleeps until its chat may be written to again, +1 when it wakes. The sender claims more while
   * few are ready.
   */
  readiness(delta: 1 | -1): void;
}

/** What became of one row in a batch: done with, handed back to wait, or no longer this instance's. */
type RowResult = (AfterSend & { handBackSelf?: boolean }) | { abandoned: true };
/** One part's try: its outcome, a wait (the rest of the chat is handed back until then), or lost to another instance. */
type Tried = { outcome: SendOutcome; late?: LateStart } | { wait: number } | { abandoned: true };
type PartResult = Exclude<Tried, { outcome: SendOutcome }> | { outcome: SendOutcome; late?: LateStart; release: () => void };

/**
 * Sends one claimed batch: one chain per chat keeps a chat's messages in order; chats proceed side by side,
 * each send taking a slot of the shared budget while it holds one of the instance's in-flight places.
 */
export class BatchDelivery {
  private failed = false;

  constructor(
    private readonly ctx: BatchContext,
    private readonly lease: BatchLease,
  ) {}

  /** Delivers the rows, one chain per chat. */
  async deliver(rows: ClaimedRow[]): Promise<void> {
    const unreachable = await this.unreachableIdentities(rows);
    const chains = new Map<string, ClaimedRow[]>();
    for (const row of rows) chains.set(`${row.platform}:${row.chat_id}`, [...(chains.get(`${row.platform}:${row.chat_id}`) ?? []), row]);
    const { readiness } = this.ctx;
    const results = await Promise.allSettled(
      [...chains.values()].map((chain) => this.deliverChain(chain, unreachable).finally(() => readiness(-1))),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async unreachableIdentities(rows: ClaimedRow[]): Promise<Set<number>> {
    const ids = [...new Set(rows.map((r) => r.identity_id).filter((x): x is number => x !== null))];
    if (ids.length === 0) return new Set();
    const found = await this.ctx.db.select({ id: identities.id }).from(identities).where(and(inArray(identities.id, ids), isNotNull(identities.unreachableSince)));
    return new Set(found.map((f) => f.id));
  }

  /** One chat's rows, in order. A row that has to wait holds back the ones after it. */
  private async deliverChain(chain: ClaimedRow[], unreachable: Set<number>): Promise<void> {
    const { db } = this.ctx;
    try {
      for (let i = 0; i < chain.length; i++) {
        if (this.failed) return;
        const row = chain[i]!;
        if (row.identity_id !== null && unreachable.has(row.identity_id)) {
          await persist(this.ctx, row, () => finishRow(db, row.id, { status: 'failed', lastError: 'unreachable' }));
          this.lease.release(row.id);
          continue;
        }
        const result = await this.deliverRow(row, unreachable);
        if ('abandoned' in result) return;
        if (result.goOn) continue;
        const rest = chain.slice(result.handBackSelf ? i : i + 1);
        await persist(this.ctx, row, () => handBackRows(db, rest.map((r) => r.id), result.until));
        for (const r of rest) this.lease.release(r.id);
        return;
      }
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  /** Sends a row's remaining parts, each in a slot of its own, and records each. */
  private async deliverRow(row: ClaimedRow, unreachable: Set<number>): Promise<RowResult> {
    const { recorder } = this.ctx;
    const parts = partsOf(row.payload, this.ctx.limiter.maxTextLength(row.platform));
    for (let part = row.parts_sent; part < parts.length; part++) {
      const tried = await this.sendPart(row, parts[part]!);
      if ('abandoned' in tried) return tried;
      if ('wait' in tried) return { goOn: false, until: new Date(tried.wait), handBackSelf: true };
      const { outcome, late, release } = tried;
      try {
        if (!outcome.ok && outcome.kind === 'permanent' && row.identity_id !== null) unreachable.add(row.identity_id);
        if (outcome.ok && part < parts.length - 1) {
          await persist(this.ctx, row, () => recorder.partSent(row, part + 1, late));
          continue;
        }
        // A sent message's place goes to the next send as soon as its record is queued (the ledger takes no slot
        // before that record is stored); any other outcome keeps it until stored.
        const after = await persist(this.ctx, row, () => recorder.record(row, outcome, outcome.ok ? parts.length : part, late, release));
        this.lease.release(row.id);
        return after;
      } finally {
        // The in-flight place is given back only once the outcome is stored (or the batch gave up on it).
        release();
      }
    }
    return { goOn: true };
  }

  /**
   * One send: an in-flight place, a slot of the shared budget (marking the row in flight), the wait for it,
   * the send. A slot further off than HOLD_SLOT_MS is not taken: the place is given back while waiting for it.
   */
  private async sendPart(row: ClaimedRow, message: OutgoingMessage): Promise<PartResult> {
    const { clock, budget, limiter, horizonMs, window } = this.ctx;
    const req: SlotRequest = { platform: row.platform, chatId: row.chat_id, chatKind: row.chat_kind, row: { id: row.id, claimer: this.ctx.claimer } };
    for (;;) {
      if (this.ctx.stopping()) return { wait: clock.now().getTime() };
      if (this.failed || !(await this.lease.mayStillSend(row.id))) return { abandoned: true };
      const paused = limiter.chatPausedAt(row.platform, row.chat_id, clock.now().getTime());
      if (paused !== undefined) return { wait: paused };
      const release = await window.acquire();
      const nowMs = clock.now().getTime();
      let slot: Slot;
      try {
        slot = await budget.take(req, nowMs, nowMs + HOLD_SLOT_MS);
      } catch (err) {
        release();
        throw err;
      }
      if (!slot.taken) {
        release();
        if ('lost' in slot) return { abandoned: true };
        if (slot.at - nowMs > horizonMs) return { wait: slot.at };
        this.ctx.readiness(-1);
        await clock.sleep(Math.max(0, slot.at - clock.now().getTime())).finally(() => this.ctx.readiness(1));
        continue;
      }
      const sent = await this.sendInSlot(row, message, req, slot.at).catch((err: unknown) => {
        release();
        throw err;
      });
      if ('outcome' in sent) return { ...sent, release };
      release();
      return sent;
    }
  }

  /** Waits for the slot, checks once more that the send may go, and sends. */
  private async sendInSlot(row: ClaimedRow, message: OutgoingMessage, req: SlotRequest, slotAt: number): Promise<Tried> {
    const { clock, limiter } = this.ctx;
    let earlier: string | undefined;
    try {
      // A message that replaces an earlier one is an edit where the platform can edit and the earlier one went out.
      const transport = this.ctx.transports.get(row.platform)!;
      earlier = message.replaces && transport.edit ? await sentMessageId(this.ctx.db, row.platform, row.chat_id, message.replaces) : undefined;
    } catch (err) {
      return { outcome: failedSend(err) };
    }
    if (slotAt > clock.now().getTime()) await clock.sleep(slotAt - clock.now().getTime());
    // Checked at the last moment: the platform may have asked to wait, or the claim gone, while this send waited.
    const paused = limiter.chatPausedAt(row.platform, row.chat_id, clock.now().getTime());
    if (this.failed || paused !== undefined || !(await this.lease.mayStillSend(row.id))) {
      await persist(this.ctx, row, () => unmarkInFlight(this.ctx.db, row.id, this.ctx.claimer));
      return paused !== undefined && !this.failed ? { wait: paused } : { abandoned: true };
    }
    // The budget counts starts as the platform sees them: a send that starts late moves its slot along, in the
    // statement that records its outcome, a round trip a message fewer. The chat's next slot is taken after that;
    // other sends see the start where it was planned until then (the send's duration; before, the move's own
    // round trip), and a start late by less than 25 ms is within the windows' 2.5% anyway.
    const startedMs = clock.now().getTime();
    const late: LateStart | undefined = startedMs - slotAt > LATE_START_MS ? { req, plannedMs: slotAt, startedMs } : undefined;
    const outcome = await this.send(row, message, earlier);
    return late ? { outcome, late } : { outcome };
  }

  private async send(row: ClaimedRow, message: OutgoingMessage, earlier: string | undefined): Promise<SendOutcome> {
    const transport = this.ctx.transports.get(row.platform)!;
    const chat = { chatId: row.chat_id, chatKind: row.chat_kind };
    try {
      return earlier ? await transport.edit!(chat, earlier, message) : await transport.send(chat, message);
    } catch (err) {
      return failedSend(err);
    }
  }
}

function failedSend(err: unknown): SendOutcome {
  return { ok: false, kind: 'transient', code: (err as { code?: string }).code ?? (err as Error).name ?? 'error' };
}

/** A slot taken but not used: the row is no longer in flight (if this instance still holds it). */
async function unmarkInFlight(db: Db, id: number, claimer: string): Promise<void> {
  await db.update(outboxMessages).set({ sendStartedAt: null }).where(and(eq(outboxMessages.id, id), eq(outboxMessages.claimedBy, claimer)));
}

/**
 * Stores an outcome. While the database is out of reach and the sender runs, it tries again and keeps the
 * in-flight place meanwhile, so sending stops rather than piling up messages nobody recorded.
 */
export async function persist<T>(ctx: Pick<BatchContext, 'logger' | 'running'>, row: ClaimedRow, write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!ctx.running() || !isDatabaseOutage(err)) throw err;
      if (attempt === 0) ctx.logger.warn({ outboxId: row.id, err }, 'outbox: outcome not recorded yet, the database is away');
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
    }
  }
}
