import { and, count, countDistinct, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog, organisations, staffRoles } from '../db/schema/index.js';
import { reply } from './flow.js';
import { notifyPerson } from './notify.js';

/**
 * Invite codes are guessed one wrong try at a time, from as many accounts as it takes to stay under each
 * account's lock. Every wrong try is written to the audit log (the account's id, never what was typed), and
 * when the wrong tries of the last hour pass a threshold the staff at the top of each organisation tree are
 * told, at most once an hour.
 */
export const CODE_FAILED = 'invite_code_failed';
export const GUESSING_ALERTED = 'invite_guessing_alerted';
const WINDOW_MS = 60 * 60_000;
export const DEFAULT_ALERT_THRESHOLD = 20;

export interface FailedTry {
  identityId: number;
  platform: string;
  /** The account's wrong tries in a row, this one included; null when it was already locked. */
  attempt: number | null;
  /** Whether the account is locked after this try. */
  locked: boolean;
}

export async function recordFailedCode(db: DbOrTx, failed: FailedTry, now: Date, threshold = DEFAULT_ALERT_THRESHOLD): Promise<void> {
  const details = { platform: failed.platform, attempt: failed.attempt, locked: failed.locked };
  await db.insert(auditLog).values({ actorId: null, action: CODE_FAILED, targetKind: 'identity', targetId: String(failed.identityId), at: now, details });
  const since = new Date(now.getTime() - WINDOW_MS);
  // These rows have no actor: the (actor_id, at) index finds the last hour's without a scan.
  const recent = (action: string) => and(isNull(auditLog.actorId), gte(auditLog.at, since), eq(auditLog.action, action));
  const [tries] = await db.select({ failures: count(), accounts: countDistinct(auditLog.targetId) }).from(auditLog).where(recent(CODE_FAILED));
  if (!tries || tries.failures < threshold) return;
  const [alerted] = await db.select({ n: count() }).from(auditLog).where(recent(GUESSING_ALERTED));
  if ((alerted?.n ?? 0) > 0) return;
  const recipients = await topStaff(db);
  await db.insert(auditLog).values({ actorId: null, action: GUESSING_ALERTED, at: now, details: { failures: tries.failures, accounts: tries.accounts, recipients } });
  const hour = now.toISOString().slice(0, 13);
  for (const personId of recipients) {
    await notifyPerson(db, personId, reply('staff-invite-guessing', { args: { failures: tries.failures, accounts: tries.accounts } }), {
      key: `invite-guessing:${hour}:${personId}`,
      purpose: 'notify',
      now,
    });
  }
}

/** Admins and secretaries at the highest level each organisation tree has them: codes belong to no branch. */
async function topStaff(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ personId: staffRoles.personId, path: organisations.path })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(inArray(staffRoles.role, ['org_admin', 'secretary']));
  const rootOf = (path: string) => path.split('/')[1] ?? '';
  const depthOf = (path: string) => path.split('/').length;
  const top = new Map<string, number>();
  for (const r of rows) top.set(rootOf(r.path), Math.min(top.get(rootOf(r.path)) ?? Infinity, depthOf(r.path)));
  return [...new Set(rows.filter((r) => depthOf(r.path) === top.get(rootOf(r.path))).map((r) => r.personId))].sort((a, b) => a - b);
}
