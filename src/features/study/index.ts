import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { studyReads } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import type { Feature } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID } from '../args.js';

/** "已学习": the read receipt, from the member's own chat or from a group notice. */
export async function markStudied(db: DbOrTx, facts: PersonFacts, itemId: number, now: Date): Promise<Reply[]> {
  if (!facts.isMember) return [reply('common-members-only')];
  const [item] = await query<{ id: number }>(db, sql`select id from study_items where id = ${itemId}`);
  if (!item) return [reply('common-stale-button')];
  await db.insert(studyReads).values({ itemId, memberId: facts.personId, readAt: now }).onConflictDoNothing();
  return [reply('study-read-thanks')];
}

/** Study at a distance (远程教育): the read receipt on pushed material. */
export const studyFeature: Feature = {
  name: 'study',
  buttons: [{ pattern: /^study:done:(\d+)$/, who: 'anyone', run: (ctx, m) => markStudied(ctx.tx, ctx.facts, idOf(m[1]) ?? NO_SUCH_ID, ctx.now) }],
};
