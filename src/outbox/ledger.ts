import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { isDatabaseOutage } from '../db/errors.js';
import { prepared, rowsOfResult } from '../db/query.js';
import type { Logger } from '../logger.js';
import type { Platform } from '../bot/types.js';

/** Slot requests in one statement at most. */
const MAX_TAKES = 64;

/** A send that went, as outbox_record_sent takes it (migration 0025), with its late start's move if any. */
export interface SentRecord {
  id: number;
  platform: Platform;
  sentAt: string;
  parts: number;
  messageId: string | null;
  chat?: string;
  planned?: number;
  started?: number;
}

/** One row's slot request as take_send_slots takes it (migration 0025). */
export interface RowSlotRequest {
  id: number;
  claimer: string;
  platform: Platform;
  platformN: number;
  platformW: number;
  platformGap: number;
  chat: string;
  chatN: number;
  chatW: number;
  chatGap: number;
  earliest: number;
  latest: number;
}

export type SlotAnswer = { slot_at: string | number | null; taken: boolean | null; marked: boolean };

type Waiting<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

/**
 * The sender's statements about its sends, one at a time and in one statement each (outbox_sender_step, migration
 * 0027): the records of the sends that went, then the slots asked for since. A send's in-flight place can then
 * be handed on as soon as its record is queued here, not once it is stored: the next send's slot, which marks its
 * row in flight, is taken in the same statement as that record or in a later one, never before it. In the
 * database no more rows are ever marked in flight than the window allows, and a kill at any moment leaves no
 * more possible duplicates than before; a message costs one statement instead of two (record, then take).
 *
 * A record is kept until it is stored: when the database is out of reach, it goes first in the next statement,
 * tried again after a growing wait while the sender runs, and no slot is taken before it. The slots asked for in
 * a statement that failed are refused (their sends give their places back). A statement that fails for anything
 * but an outage is tried again an item at a time, so that one item's bug fails that item only.
 */
export class SendLedger {
  private records: Waiting<SentRecord, void>[] = [];
  private takes: Waiting<RowSlotRequest, SlotAnswer>[] = [];
  private busy = false;
  private waitingOut: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { running(): boolean; logger: Logger },
  ) {}

  /** Resolves once the record is stored (or rejects once the sender stops with it unstored). */
  record(item: SentRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.records.push({ item, resolve, reject });
      this.pump();
    });
  }

  take(item: RowSlotRequest): Promise<SlotAnswer> {
    return new Promise<SlotAnswer>((resolve, reject) => {
      this.takes.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || this.waitingOut || (this.records.length === 0 && this.takes.length === 0)) return;
    this.busy = true;
    const records = this.records.splice(0);
    const takes = this.takes.splice(0, MAX_TAKES);
    void this.run(records, takes).finally(() => {
      this.busy = false;
      this.pump();
    });
  }

  private async run(records: Waiting<SentRecord, void>[], takes: Waiting<RowSlotRequest, SlotAnswer>[]): Promise<void> {
    try {
      const answers = await this.step(records.map((r) => r.item), takes.map((t) => t.item));
      this.failures = 0;
      for (const r of records) r.resolve();
      takes.forEach((t, i) => t.resolve(answers[i]!));
    } catch (err) {
      if (isDatabaseOutage(err)) return this.outage(err, records, takes);
      // A record whose own try meets an outage is kept as above: no slot goes before it.
      const kept: Waiting<SentRecord, void>[] = [];
      let away: unknown;
      for (const r of records) {
        await this.step([r.item], []).then(() => r.resolve(), (e: unknown) => (isDatabaseOutage(e) ? (kept.push(r), (away = e)) : r.reject(e)));
      }
      if (kept.length > 0) return this.outage(away, kept, takes);
      for (const t of takes) await this.step([], [t.item]).then(([a]) => t.resolve(a!), t.reject);
    }
  }

  private outage(err: unknown, records: Waiting<SentRecord, void>[], takes: Waiting<RowSlotRequest, SlotAnswer>[]): void {
    for (const t of takes) t.reject(err);
    if (records.length === 0) return;
    if (!this.opts.running()) {
      for (const r of records) r.reject(err);
      return;
    }
    if (this.failures++ === 0) this.opts.logger.warn({ outboxIds: records.map((r) => r.item.id), err }, 'outbox: outcomes not recorded yet, the database is away');
    this.records.unshift(...records);
    this.waitingOut = setTimeout(() => {
      this.waitingOut = undefined;
      this.pump();
    }, Math.min(5000, 250 * 2 ** (this.failures - 1)));
  }

  /** One statement: the records, then the slots (numbered, so that each answer finds its request). */
  private async step(records: SentRecord[], takes: RowSlotRequest[]): Promise<SlotAnswer[]> {
    const numbered = takes.map((t, i) => ({ ...t, n: i + 1 }));
    const rows = rowsOfResult<SlotAnswer & { idx: number }>(
      await this.db.execute(prepared(sql`select * from outbox_sender_step(${JSON.stringify(records)}::jsonb, ${JSON.stringify(numbered)}::jsonb)`)),
    );
    const out = new Array<SlotAnswer>(takes.length);
    for (const r of rows) out[Number(r.idx) - 1] = r;
    return out;
  }
}
