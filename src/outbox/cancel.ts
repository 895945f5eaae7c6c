import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';

/** A report or a logged contact stops the chase at once: reminders still waiting are not sent. */
export async function cancelPendingReminders(db: DbOrTx, memberId: number, keyPrefixes: string[]): Promise<void> {
  await db.execute(sql`
    update outbox_messages set status = 'cancelled'
    where person_id = ${memberId} and status = 'pending'
      and (${sql.join(keyPrefixes.map((p) => sql`idempotency_key like ${`${p}%`}`), sql` or `)})`);
}
