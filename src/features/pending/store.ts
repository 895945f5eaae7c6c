import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { pendingCommands, type PendingKind } from '../../db/schema/index.js';

/** A choice or confirmation older than this is answered as a stale button: the facts may have changed. */
export const PENDING_HOURS = 24;

/** Keeps a command that waits for the person's tap; returns the number its buttons carry. */
export async function savePending(db: DbOrTx, personId: number, command: string, kind: PendingKind, arg: string, now: Date): Promise<number> {
  const [row] = await db.insert(pendingCommands).values({ personId, command, kind, arg, createdAt: now }).returning({ id: pendingCommands.id });
  return row!.id;
}

export type Taken = { kind: 'ok'; command: string; arg: string } | { kind: 'gone' } | { kind: 'not-yours' };

/**
 * The tap on a waiting command: only by the person who typed it, once, within the day. Someone else's tap
 * leaves it waiting for its owner.
 */
export async function takePending(db: DbOrTx, personId: number, id: number, kind: PendingKind, now: Date): Promise<Taken> {
  const [row] = await db.select().from(pendingCommands).where(and(eq(pendingCommands.id, id), eq(pendingCommands.kind, kind), isNull(pendingCommands.usedAt)));
  if (!row || now.getTime() - row.createdAt.getTime() > PENDING_HOURS * 3_600_000) return { kind: 'gone' };
  if (row.personId !== personId) return { kind: 'not-yours' };
  const used = await db.update(pendingCommands).set({ usedAt: now })
    .where(and(eq(pendingCommands.id, id), isNull(pendingCommands.usedAt))).returning({ id: pendingCommands.id });
  return used.length === 1 ? { kind: 'ok', command: row.command, arg: row.arg } : { kind: 'gone' };
}
