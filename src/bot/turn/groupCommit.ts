import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { Coalescer } from '../../db/coalescer.js';
import { query } from '../../db/query.js';
import type { Incoming } from '../types.js';
import { arrivalOf, beginItem, OPEN_STATUSES, type Arrival, type BeginRow } from './arrival.js';
import { checkedWrite, type FinishItem, type TurnWrite } from './replies.js';

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

  constructor(db: Db) {
    this.begins = new Coalescer((items) =>
      inLockOrder(items, ({ incoming: i }) => `${i.platform}\u0000${i.userId}\u0000${i.updateId}`, async (sorted) => {
        // One json value, not 27 columns a turn: each column of each row costs the driver a parse (PGlite: 0.52 ms for
        // 8 rows against 0.20 as json, measured), and on PGlite's thread that is the thread every turn waits for.
        const [answer] = await query<{ rows: (BeginRow & { idx: number })[] }>(db, sql`select coalesce(json_agg(b), '[]'::json) as rows
          from bot_turn_begin_many(${JSON.stringify(sorted.map((s) => beginItem(s.incoming, s.now)))}::jsonb, ${OPEN_STATUSES}::text[]) b`);
        return new Map(answer!.rows.map((r): [number, BeginRow] => [Number(r.idx), r]));
      }));
    this.finishes = new Coalescer((items) =>
      inLockOrder(items, (f) => `${String(f.person ?? '~').padStart(12, '0')}\u0000${f.platform}\u0000${f.updateId}`, async (sorted) => {
        const rows = await query<{ idx: number; written: TurnWrite }>(db, sql`select * from bot_turn_finish_many(${JSON.stringify(sorted)}::jsonb)`);
        return new Map(rows.map((r) => [Number(r.idx), r.written]));
      }));
  }

  /** bot_turn_begin, not claiming the update id. Undefined: applied before. */
  async arrive(incoming: Incoming, now: Date): Promise<Arrival | undefined> {
    return arrivalOf(await this.begins.call({ incoming, now }), incoming, now);
  }

  /** bot_turn_finish recording the update id: 'saved' or 'duplicate'; a conflict throws ConcurrentUpdateError. */
  async finish(item: FinishItem): Promise<TurnWrite> {
    return checkedWrite(await this.finishes.call(item));
  }
}
