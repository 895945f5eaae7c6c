import { createHash, randomInt } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { identities, inviteCodes, members, trackingEntries } from '../db/schema/index.js';
import { recordFailedCode } from './inviteAudit.js';

/** No 0/O, 1/I/L: codes are read out over the phone and typed on small keyboards. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function normaliseCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_]/g, '');
}

/** Looks like a code someone typed (with or without the dash we print). */
export function looksLikeCode(input: string): boolean {
  const code = normaliseCode(input);
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));
}

export function hashCode(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex');
}

/** 'ABCD-EFGH': the dash makes it easier to read out. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function createInviteCode(db: DbOrTx, personId: number, createdBy: number | null, now: Date, ttlDays: number): Promise<{ code: string; expiresAt: Date }> {
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
  await db.insert(inviteCodes).values({ codeHash: hashCode(code), personId, createdBy, expiresAt });
  return { code, expiresAt };
}

export type RedeemOutcome =
  | { kind: 'linked'; personId: number }
  | { kind: 'already-linked'; personId: number }
  | { kind: 'locked'; minutes: number }
  | { kind: 'bad-code'; attemptsLeft: number };

export interface RedeemLimits {
  maxAttempts: number;
  lockMinutes: number;
  /** Wrong tries in an hour, all accounts together, past which the top staff are alerted. */
  alertThreshold?: number;
}

type IdentityRow = typeof identities.$inferSelect;

/**
 * Redeems a code for this platform account. A wrong code counts against the account; after too many it is
 * locked for a while, so codes cannot be guessed. Every wrong try, locked or not, is audited (inviteAudit.ts).
 */
export async function redeemInviteCode(db: DbOrTx, identity: IdentityRow, input: string, now: Date, limits: RedeemLimits): Promise<RedeemOutcome> {
  if (identity.codeLockedUntil && identity.codeLockedUntil > now) {
    await recordFailedCode(db, { identityId: identity.id, platform: identity.platform, attempt: null, locked: true }, now, limits.alertThreshold);
    return { kind: 'locked', minutes: Math.ceil((identity.codeLockedUntil.getTime() - now.getTime()) / 60_000) };
  }
  const [invite] = await db
    .select()
    .from(inviteCodes)
    .where(and(eq(inviteCodes.codeHash, hashCode(input)), isNull(inviteCodes.usedAt), gt(inviteCodes.expiresAt, now)));
  if (!invite) {
    const attempts = identity.failedCodeAttempts + 1;
    const locked = attempts >= limits.maxAttempts;
    await db
      .update(identities)
      .set({
        failedCodeAttempts: locked ? 0 : attempts,
        codeLockedUntil: locked ? new Date(now.getTime() + limits.lockMinutes * 60_000) : identity.codeLockedUntil,
      })
      .where(eq(identities.id, identity.id));
    await recordFailedCode(db, { identityId: identity.id, platform: identity.platform, attempt: attempts, locked }, now, limits.alertThreshold);
    if (locked) return { kind: 'locked', minutes: limits.lockMinutes };
    return { kind: 'bad-code', attemptsLeft: limits.maxAttempts - attempts };
  }
  if (identity.personId !== null) {
    // A second tap on the same link changes nothing; a code for someone else never moves an account.
    return { kind: 'already-linked', personId: identity.personId };
  }
  // Single use even under a race: only the update that finds it unused wins.
  const used = await db
    .update(inviteCodes)
    .set({ usedAt: now, usedByIdentityId: identity.id })
    .where(and(eq(inviteCodes.id, invite.id), isNull(inviteCodes.usedAt)))
    .returning({ id: inviteCodes.id });
  if (used.length === 0) return { kind: 'bad-code', attemptsLeft: limits.maxAttempts - identity.failedCodeAttempts };
  await db
    .update(identities)
    .set({ personId: invite.personId, linkedAt: now, failedCodeAttempts: 0, codeLockedUntil: null })
    .where(eq(identities.id, identity.id));
  const [member] = await db.select({ id: members.personId }).from(members).where(eq(members.personId, invite.personId));
  if (member) {
    await db.insert(trackingEntries).values({ memberId: invite.personId, at: now, kind: 'onboarded', details: { platform: identity.platform } });
  }
  return { kind: 'linked', personId: invite.personId };
}
