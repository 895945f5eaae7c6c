import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, consoleLinks, consoleSessions, persons, staffRoles } from '../../db/schema/index.js';
import type { Language, StaffRole } from '../../db/schema/people.js';

/** The signed-in staff person a console request acts as. */
export interface ConsoleStaff {
  personId: number;
  name: string;
  language: Language;
  roles: { role: StaffRole; orgId: number }[];
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(24).toString('base64url');

/**
 * A one-time link for a staff person, valid `minutes`. Returns the token to put in the link; only its hash is
 * stored. Members have no console: undefined for a person who holds no staff role.
 */
export async function createSignInLink(db: DbOrTx, personId: number, now: Date, minutes: number): Promise<string | undefined> {
  const [role] = await db.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, personId)).limit(1);
  if (!role) return undefined;
  const token = newSecret();
  await db.insert(consoleLinks).values({ tokenHash: hash(token), personId, createdAt: now, expiresAt: new Date(now.getTime() + minutes * 60_000) });
  await db.insert(auditLog).values({ actorId: personId, action: 'console.link', targetKind: 'person', targetId: String(personId), at: now, details: {} });
  return token;
}

/**
 * Uses a link: once, before it expires, for a person who is still staff. The link is spent by the same
 * statement that checks it, so two browsers opening it at once get one session between them.
 */
export async function redeemSignInLink(db: DbOrTx, token: string, now: Date): Promise<{ sessionId: string; personId: number } | undefined> {
  const [link] = await db
    .update(consoleLinks)
    .set({ usedAt: now })
    .where(and(eq(consoleLinks.tokenHash, hash(token)), isNull(consoleLinks.usedAt), gt(consoleLinks.expiresAt, now)))
    .returning({ personId: consoleLinks.personId });
  if (!link) return undefined;
  const [role] = await db.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, link.personId)).limit(1);
  if (!role) return undefined;
  const sessionId = newSecret();
  await db.insert(consoleSessions).values({ idHash: hash(sessionId), personId: link.personId, createdAt: now, lastSeenAt: now });
  await db.insert(auditLog).values({ actorId: link.personId, action: 'console.signin', targetKind: 'person', targetId: String(link.personId), at: now, details: {} });
  return { sessionId, personId: link.personId };
}

/**
 * The staff person behind a session cookie, touching the session; undefined when it ended, idled out, or its
 * person no longer holds any staff role (a revoked secretary is signed out at their next click).
 */
export async function sessionStaff(db: DbOrTx, sessionId: string, now: Date, idleMinutes: number): Promise<ConsoleStaff | undefined> {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const [session] = await db
    .update(consoleSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(consoleSessions.idHash, hash(sessionId)), isNull(consoleSessions.endedAt), gt(consoleSessions.lastSeenAt, idleSince)))
    .returning({ personId: consoleSessions.personId });
  if (!session) return undefined;
  const [person] = await db.select({ name: persons.name, language: persons.language }).from(persons).where(eq(persons.id, session.personId));
  const roles = await db.select({ role: staffRoles.role, orgId: staffRoles.orgId }).from(staffRoles).where(eq(staffRoles.personId, session.personId));
  if (!person || roles.length === 0) return undefined;
  return { personId: session.personId, name: person.name, language: person.language, roles };
}

export async function endSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  const [ended] = await db
    .update(consoleSessions)
    .set({ endedAt: now })
    .where(and(eq(consoleSessions.idHash, hash(sessionId)), isNull(consoleSessions.endedAt)))
    .returning({ personId: consoleSessions.personId });
  if (ended) await db.insert(auditLog).values({ actorId: ended.personId, action: 'console.signout', targetKind: 'person', targetId: String(ended.personId), at: now, details: {} });
}

/** Spent and expired links and long-ended sessions: kept a week for the audit trail's sake, then removed. */
export async function pruneConsoleAuth(db: DbOrTx, now: Date): Promise<void> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  await db.delete(consoleLinks).where(sql`${consoleLinks.expiresAt} < ${weekAgo.toISOString()}::timestamptz`);
  await db.delete(consoleSessions).where(sql`${consoleSessions.lastSeenAt} < ${weekAgo.toISOString()}::timestamptz`);
}
