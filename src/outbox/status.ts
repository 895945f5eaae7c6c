import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { rowsOf } from '../bot/commands/scope.js';

export interface DeliveryCounts {
  pending: number;
  sent: number;
  failed: number;
  cancelled: number;
}

const EMPTY: DeliveryCounts = { pending: 0, sent: 0, failed: 0, cancelled: 0 };

/** Where the messages of one broadcast (or study notice, or reminder round) stand, by idempotency key prefix. */
export async function deliveryByKeyPrefix(db: DbOrTx, prefix: string): Promise<DeliveryCounts> {
  const rows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from outbox_messages where idempotency_key like ${`${prefix}%`} group by status`),
  );
  return tally(rows);
}

/** The same for a broadcast row id. */
export async function deliveryByBroadcast(db: DbOrTx, broadcastId: number): Promise<DeliveryCounts> {
  const rows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`select status, count(*)::int as n from outbox_messages where broadcast_id = ${broadcastId} group by status`),
  );
  return tally(rows);
}

/** What the bot sent one member lately, by purpose and state: ids and states only, no texts. */
export async function deliveryForMember(db: DbOrTx, personId: number, since: Date): Promise<{ purpose: string; status: string; n: number }[]> {
  return rowsOf(
    await db.execute(sql`
      select purpose, status, count(*)::int as n from outbox_messages
      where person_id = ${personId} and created_at >= ${since.toISOString()}::timestamptz
      group by purpose, status order by purpose, status`),
  );
}

function tally(rows: { status: string; n: number }[]): DeliveryCounts {
  const out = { ...EMPTY };
  for (const r of rows) {
    if (r.status === 'sending') out.pending += r.n;
    else if (r.status in out) out[r.status as keyof DeliveryCounts] += r.n;
  }
  return out;
}
