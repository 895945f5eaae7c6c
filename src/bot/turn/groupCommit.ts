import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { Coalescer } from '../../db/coalescer.js';
import { prepared, query } from '../../db/query.js';
import type { Incoming } from '../types.js';
import { beginItem, OPEN_STATUSES, type BeginRow } from './arrival.js';
import type { Expectation, StampedRow } from './foresight.js';
import { checkedWrite, type FinishItem, type TurnWrite } from './replies.js';

/** A turn in one statement (bot_turn_once): written, applied before, or not as foreseen (what was read instead). */
export type OnceAnswer = { outcome: 'written'; written: TurnWrite; identityId: number } | { outcome: 'duplicate' } | { outcome: 'begun'; row: StampedRow };
type OnceItem = { incoming: Incoming; now: Date; expect: Expectation; finish: FinishItem };
type OnceRow = { idx: number; outcome: 'written' | 'duplicate' | 'begun'; written: TurnWrite | null; begun: (StampedRow & { identity_id: number }) | null };

/** The order the first statement of a turn takes its locks in: by account (bot_turn_begin touches it), then update. */
const accountOrder = ({ incoming: i }: { incoming: Incoming }) => `${i.platform}\u0000${i.userId}\u0000${i.updateId}`;

/** Runs `items` sorted by `key` (the order locks are taken in), answering in the order given. */
async function inLockOrder<I, O>(items: I[], key: (item: I) => string, run: (sorted: I[]) => Promise<Map<number, O>>): Promise<O[]> {
  const order = items.map((_, i) => i).sort((a, b) => (key(items[a]!) < key(items[b]!) ? -1 : key(items[a]!) > key(items[b]!) ? 1 : 0));
  const found = await run(order.map((i) => items[i]!));
  const out = new Array<O>(items.length);
  order.forEach((original, sortedAt) => {
    // idx counts from 1, in the order sent.
    if (!found.has(sortedAt + 1)) throw new Error(`group commit: no answer for item ${sortedAt + 1}`);
    out[original] = found.get(sortedAt + 1)!;
  });
  return out;
}

/**
 * The two statements of a turn outside a transaction (engine.ts), group-committed: bot_turn_begin_many and
 * bot_turn_finish_many (migration 0025) carry the turns of different chats that came in while the last call was
 * under way. Each turn's outcome is its own: a redelivery or a conflict in one leaves the others as they are.
 */
export class TurnBatches {
  private readonly begins: Coalescer<{ incoming: Incoming; now: Date }, BeginRow>;
  private readonly finishes: Coalescer<FinishItem, TurnWrite>;
  private readonly onces: Coalescer<OnceItem, OnceAnswer>;

  constructor(db: Db) {
    this.begins = new Coalescer((items) =>
      inLockOrder(items, accountOrder, async (sorted) => {
        // One json value, not 27 columns a turn: each column of each row costs the driver a parse (PGlite: 0.52 ms for
        // 8 rows against 0.20 as json, measured), and on PGlite's thread that is the thread every turn waits for.
        const [answer] = await query<{ rows: (BeginRow & { idx: number })[] }>(db, prepared(sql`select coalesce(json_agg(b), '[]'::json) as rows
          from bot_turn_begin_many(${JSON.stringify(sorted.map((s) => beginItem(s.incoming, s.now)))}::jsonb, ${OPEN_STATUSES}::text[]) b`));
        return new Map(answer!.rows.map((r): [number, BeginRow] => [Number(r.idx), r]));
      }));
    this.finishes = new Coalescer((items) =>
      inLockOrder(items, (f) => `${String(f.person ?? '~').padStart(12, '0')}\u0000${f.platform}\u0000${f.updateId}`, async (sorted) => {
        const rows = await query<{ idx: number; written: TurnWrite }>(db, prepared(sql`select * from bot_turn_finish_many(${JSON.stringify(sorted)}::jsonb)`));
        return new Map(rows.map((r) => [Number(r.idx), r.written]));
      }));
    // In begin's lock order: each item reads (and touches its account) before it writes.
    this.onces = new Coalescer((items) =>
      inLockOrder(items, accountOrder, async (sorted) => {
        const [answer] = await query<{ rows: OnceRow[] }>(db, prepared(sql`select coalesce(json_agg(o), '[]'::json) as rows
          from bot_turn_once_many(${JSON.stringify(sorted.map((s) => ({ begin: beginItem(s.incoming, s.now), expect: s.expect, finish: s.finish })))}::jsonb, ${OPEN_STATUSES}::text[]) o`));
        return new Map(answer!.rows.map((r): [number, OnceAnswer] => [Number(r.idx), onceAnswer(r)]));
      }));
  }

  /** bot_turn_once: the turn written if bot_turn_begin reads what was foreseen (`expect`), else what it read. */
  async once(incoming: Incoming, now: Date, expect: Expectation, finish: FinishItem): Promise<OnceAnswer> {
    return this.onces.call({ incoming, now, expect, finish });
  }

  /** bot_turn_begin, not claiming the update id: what it read (`fresh` false: applied before). */
  async begin(incoming: Incoming, now: Date): Promise<BeginRow> {
    return this.begins.call({ incoming, now });
  }

  /** bot_turn_finish recording the update id: 'saved' or 'duplicate'; a conflict throws ConcurrentUpdateError. */
  async finish(item: FinishItem): Promise<TurnWrite> {
    return checkedWrite(await this.finishes.call(item));
  }
}

function onceAnswer(r: OnceRow): OnceAnswer {
  if (r.outcome === 'written') return { outcome: 'written', written: r.written!, identityId: r.begun!.identity_id };
  if (r.outcome === 'begun') return { outcome: 'begun', row: r.begun! };
  return { outcome: 'duplicate' };
}
