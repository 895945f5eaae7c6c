import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

/**
 * 月缴党费 from the roster, stored where the dues feature reads the expected amount (dues_amounts). A member new to
 * dues owes from the month of the import, in their own time zone; an amount that changes keeps the months already
 * owed (the roster says what is due each month, not what is forgiven). One statement for the whole chunk.
 */
export async function writeDuesAmounts(tx: DbOrTx, amounts: { personId: number; fen: number }[], actorId: number | null, now: Date): Promise<void> {
  if (amounts.length === 0) return;
  await tx.execute(sql`
    insert into dues_amounts (member_id, monthly_fen, from_month, set_by, set_at)
    select x.person_id, x.fen, to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM'), ${actorId}, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(amounts.map((a) => ({ person_id: a.personId, fen: a.fen })))}::jsonb) as x(person_id int, fen int)
    join persons p on p.id = x.person_id
    on conflict (member_id) do update set monthly_fen = excluded.monthly_fen, set_by = excluded.set_by, set_at = excluded.set_at`);
}
