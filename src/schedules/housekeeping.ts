import { and, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { inviteCodes, locationRecords, pendingCommands } from '../db/schema/index.js';
import { PENDING_HOURS } from '../features/pending/store.js';
import { dropFinishedSecrets, forgetPlacesWithoutConsent, purgeOldTexts } from '../outbox/scrub.js';
import type { ScheduleConfig } from './settings.js';

export interface HousekeepingOutcome {
  locations: number;
  codes: number;
  /** Texts of finished outbox messages purged after OUTBOX_TEXT_RETENTION_DAYS. */
  outboxTexts: number;
  /** Finished outbox messages that still held an invite code or a withdrawn place, now masked. */
  outboxMasked: number;
  /** Staff commands that waited for a tap (a note may be in them), past the hours a tap is taken. */
  pending: number;
}

/**
 * Keeps stored personal data to what is still needed: places past the retention period, places of members
 * without a consent in force (withdrawal already deletes at once, this catches anything a crash left, and
 * members who never had a consent row), unused invite codes well past expiry, and what the outbox keeps of
 * messages it is done with, and staff commands no tap can finish any more.
 */
export async function runHousekeeping(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<HousekeepingOutcome> {
  const retention = new Date(now.getTime() - config.LOCATION_RETENTION_DAYS * 86_400_000);
  const old = await db.delete(locationRecords).where(lt(locationRecords.recordedAt, retention)).returning({ id: locationRecords.id });
  const withoutConsent = await db
    .delete(locationRecords)
    .where(sql`not exists (
      select 1 from location_consents lc
      where lc.member_id = ${locationRecords.memberId} and lc.granted_at is not null and lc.withdrawn_at is null)`)
    .returning({ id: locationRecords.id });
  const expired = await db
    .delete(inviteCodes)
    .where(and(isNull(inviteCodes.usedAt), lt(inviteCodes.expiresAt, new Date(now.getTime() - 30 * 86_400_000))))
    .returning({ id: inviteCodes.id });
  const outboxMasked = (await dropFinishedSecrets(db)) + (await forgetPlacesWithoutConsent(db));
  const outboxTexts = await purgeOldTexts(db, now, config.OUTBOX_TEXT_RETENTION_DAYS);
  const pending = await db.delete(pendingCommands).where(lt(pendingCommands.createdAt, new Date(now.getTime() - PENDING_HOURS * 3_600_000))).returning({ id: pendingCommands.id });
  return { locations: old.length + withoutConsent.length, codes: expired.length, outboxTexts, outboxMasked, pending: pending.length };
}
