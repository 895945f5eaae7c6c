import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { broadcastReads } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';

/** "已读" under a notice: recorded once for a member the notice was sent to (in their chat, or in the group). */
export async function markNoticeRead(db: DbOrTx, facts: PersonFacts, broadcastId: number, now: Date): Promise<Reply[]> {
  if (!facts.isMember) return [reply('common-members-only')];
  const [notice] = await query<{ id: number }>(db, sql`select id from broadcasts where id = ${broadcastId} and kind = 'notice'`);
  if (!notice) return [reply('common-stale-button')];
  await db.insert(broadcastReads).values({ broadcastId, memberId: facts.personId, readAt: now }).onConflictDoNothing();
  return [reply('broadcast-read-thanks')];
}
