import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { members, persons } from '../db/schema/index.js';
import { reply } from './flow.js';
import { liaisonOf, notifyPerson } from './notify.js';

/**
 * A member's account blocked the bot or is gone: the bot stops writing there, and their liaison is told,
 * so that a person reaches them another way. The outbox calls this when a platform says so.
 */
export async function tellLiaisonUnreachable(tx: DbOrTx, account: { personId: number; identityId: number; platform: string }, now: Date): Promise<void> {
  const [member] = await tx.select({ name: persons.name }).from(members).innerJoin(persons, eq(persons.id, members.personId)).where(eq(members.personId, account.personId));
  if (!member) return;
  const liaisonId = await liaisonOf(tx, account.personId);
  if (liaisonId === undefined) return;
  await notifyPerson(tx, liaisonId, reply('liaison-member-unreachable', { args: { name: member.name, platform: account.platform } }), {
    key: `unreachable:${account.identityId}:${now.toISOString().slice(0, 10)}`,
    purpose: 'notify',
    now,
  });
}
