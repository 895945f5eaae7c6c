import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { liaisonAssignments, persons } from '../db/schema/index.js';
import { query } from '../db/query.js';
import { enqueue, preferredIdentity } from '../outbox/enqueue.js';
import type { Reply } from './flow.js';
import { renderReply } from './render.js';
import type { Platform } from './types.js';

/**
 * Queues a message the bot starts to one person, in their language, on the account they used last.
 * Returns whether a message was newly queued: false when they have no reachable account (the work then shows
 * up in their lists instead) or when this key was queued before.
 */
export async function notifyPerson(db: DbOrTx, personId: number, r: Reply, opts: { key: string; purpose: string; now: Date; notBefore?: Date; broadcastId?: number }): Promise<boolean> {
  const [person] = await db.select({ language: persons.language }).from(persons).where(eq(persons.id, personId));
  const identity = await preferredIdentity(db, personId);
  if (!person || !identity) return false;
  const queued = await enqueue(
    db,
    [{
      idempotencyKey: opts.key,
      platform: identity.platform as Platform,
      chatId: identity.chatId,
      identityId: identity.id,
      personId,
      purpose: opts.purpose,
      ...(opts.broadcastId !== undefined ? { broadcastId: opts.broadcastId } : {}),
      message: renderReply(person.language, r),
      notBefore: opts.notBefore ?? opts.now,
    }],
    opts.now,
  );
  return queued > 0;
}

/**
 * 双向管理: the staff of the inflow organisation a member is attached to (its secretaries, liaisons and admins, at
 * that organisation itself), who give their own opinion and record dues paid there. None for a member not attached.
 */
export async function inflowStaffOf(db: DbOrTx, memberId: number): Promise<number[]> {
  const rows = await query<{ id: number }>(db, sql`
    select distinct sr.person_id as id from members m
    join staff_roles sr on sr.org_id = m.inflow_org_id and sr.role in ('secretary', 'liaison', 'org_admin')
    where m.person_id = ${memberId} order by 1`);
  return rows.map((r) => r.id);
}

export async function liaisonOf(db: DbOrTx, memberId: number): Promise<number | undefined> {
  const [row] = await db.select({ liaisonId: liaisonAssignments.liaisonId }).from(liaisonAssignments).where(eq(liaisonAssignments.memberId, memberId));
  return row?.liaisonId;
}
