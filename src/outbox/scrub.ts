import { and, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from '../db/schema/index.js';
import { withoutPlaces, withoutSecrets, type StoredMessage } from './sensitive.js';

/**
 * What the outbox keeps once a message has done its work (see sensitive.ts for how the parts are
 * marked): no invite code once it is sent, no place once its member withdrew consent, and no text at all
 * past the retention period. The sender and consent withdrawal call in at once; housekeeping catches up
 * what a crash, a failed send or an older row left.
 */

/** Statuses a row never leaves again (a 'sending' row may still be sent). */
const FINAL = ['sent', 'failed', 'cancelled'] as const;
const PURGED: StoredMessage = { text: '', purged: true };
const hasSecrets = sql`${outboxMessages.payload} -> 'sensitive' -> 'secrets' is not null`;
const hasDocument = sql`${outboxMessages.payload} -> 'document' is not null`;
const hasPlaces = sql`${outboxMessages.payload} -> 'sensitive' -> 'places' is not null`;

/**
 * Fields to set together with status 'sent': the stored copy without its secrets. Written only if the stored
 * payload is still the one that was sent (a withdrawal may have masked it meanwhile; housekeeping finishes).
 */
export function secretsDroppedOnSend(payload: unknown): { payload?: SQL } {
  const stored = payload as StoredMessage | null;
  if (!stored?.sensitive?.secrets?.length) return {};
  const before = JSON.stringify(stored);
  const after = JSON.stringify(withoutSecrets(stored));
  return { payload: sql`case when ${outboxMessages.payload} = ${before}::jsonb then ${after}::jsonb else ${outboxMessages.payload} end` };
}

/**
 * An exported file (a roster, the cards, invite codes) travels inside its row; once delivered or given up,
 * the next housekeeping run drops the bytes and keeps only the file's name, to say what was sent.
 */
function withoutDocument(message: StoredMessage): StoredMessage {
  if (!message.document) return message;
  const { document, ...rest } = message;
  return { ...rest, documentName: document.fileName };
}

async function rewrite(db: DbOrTx, rows: { id: number; status: string; payload: unknown }[], change: (m: StoredMessage) => StoredMessage, cancelWaiting: boolean) {
  for (const r of rows) {
    const cancel = cancelWaiting && r.status === 'pending';
    await db
      .update(outboxMessages)
      .set({ payload: change(r.payload as StoredMessage), ...(cancel ? { status: 'cancelled' as const, lastError: 'consent_withdrawn' } : {}) })
      .where(eq(outboxMessages.id, r.id));
  }
  return rows.length;
}

const columns = { id: outboxMessages.id, status: outboxMessages.status, payload: outboxMessages.payload };

/**
 * A member withdrew consent to keeping their whereabouts: every message to them that names a place keeps its
 * text with the place masked; one still waiting is not sent at all (it was about a place they took back).
 */
export async function forgetPlacesOf(db: DbOrTx, personId: number): Promise<number> {
  const rows = await db.select(columns).from(outboxMessages).where(and(eq(outboxMessages.personId, personId), hasPlaces));
  return rewrite(db, rows, withoutPlaces, true);
}

/** Catch-up: places in messages to people who have no consent (now) to keeping them. */
export async function forgetPlacesWithoutConsent(db: DbOrTx, limit = 500): Promise<number> {
  const rows = await db
    .select(columns)
    .from(outboxMessages)
    .where(and(hasPlaces, isNotNull(outboxMessages.personId), sql`not exists (
      select 1 from location_consents lc
      where lc.member_id = ${outboxMessages.personId} and lc.granted_at is not null and lc.withdrawn_at is null)`))
    .limit(limit);
  return rewrite(db, rows, withoutPlaces, true);
}

/** Catch-up: secrets and files in rows that will not be sent again (sent before a crash recorded it, failed, cancelled). */
export async function dropFinishedSecrets(db: DbOrTx, limit = 500): Promise<number> {
  const rows = await db.select(columns).from(outboxMessages).where(and(or(hasSecrets, hasDocument), inArray(outboxMessages.status, [...FINAL]))).limit(limit);
  return rewrite(db, rows, (m) => withoutDocument(withoutSecrets(m)), false);
}

/** Texts of messages done with (sent, failed or cancelled) for longer than the retention period. */
export async function purgeOldTexts(db: DbOrTx, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const purged = await db
    .update(outboxMessages)
    .set({ payload: PURGED })
    .where(and(
      inArray(outboxMessages.status, [...FINAL]),
      // Raw SQL takes timestamps as text: postgres.js and PGlite serialise Date parameters differently.
      sql`coalesce(${outboxMessages.sentAt}, ${outboxMessages.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      sql`${outboxMessages.payload} -> 'purged' is null`,
    ))
    .returning({ id: outboxMessages.id });
  return purged.length;
}
