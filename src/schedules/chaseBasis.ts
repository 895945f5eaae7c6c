import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import type { ScheduleConfig } from './settings.js';

/**
 * The stored next looks were computed with the configured default cycle days (REMINDER_DAY and the rest) where no
 * organisation sets its own. When a restart brings other defaults, every member is looked at again on this run:
 * the database sees organisations' settings change, not the environment's.
 */
export async function lookAgainIfDefaultsChanged(db: DbOrTx, config: ScheduleConfig): Promise<boolean> {
  const basis = JSON.stringify([config.REMINDER_DAY, config.FOLLOW_UP_AFTER_DAYS, config.LIAISON_AFTER_DAYS, config.SECRETARY_AFTER_DAYS]);
  const [stored] = await query<{ basis: string }>(db, sql`select basis from report_chase_basis where id = 1`);
  if (stored?.basis === basis) return false;
  await db.execute(sql`update report_chases set next_look_at = '-infinity', version = version + 1 where next_look_at <> '-infinity'`);
  await db.execute(sql`insert into report_chase_basis (id, basis) values (1, ${basis}) on conflict (id) do update set basis = excluded.basis`);
  return true;
}
