import { and, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { inviteCodes, locationRecords } from '../db/schema/index.js';
import type { ScheduleConfig } from './settings.js';

/**
 * Keeps stored personal data to what is still needed: places past the retention period (withdrawal already
 * deletes at once, this catches anything a crash left), unused invite codes well past expiry.
 */
export async function runHousekeeping(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ locations: number; codes: number }> {
  const retention = new Date(now.getTime() - config.LOCATION_RETENTION_DAYS * 86_400_000);
  const old = await db.delete(locationRecords).where(lt(locationRecords.recordedAt, retention)).returning({ id: locationRecords.id });
  const withdrawn = await db.execute(sql`
    delete from location_records lr using location_consents lc
    where lc.member_id = lr.member_id and (lc.withdrawn_at is not null or lc.granted_at is null)
    returning lr.id`);
  const expired = await db
    .delete(inviteCodes)
    .where(and(isNull(inviteCodes.usedAt), lt(inviteCodes.expiresAt, new Date(now.getTime() - 30 * 86_400_000))))
    .returning({ id: inviteCodes.id });
  const withdrawnCount = Array.isArray(withdrawn) ? withdrawn.length : ((withdrawn as { rows?: unknown[] }).rows?.length ?? 0);
  return { locations: old.length + withdrawnCount, codes: expired.length };
}
