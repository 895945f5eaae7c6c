import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { studyReads } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import type { Feature } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { isAllowed } from '../access/authorize.js';
import { studyFileOf } from './files.js';

/** "已学习": the read receipt, from the member's own chat or from a group notice. */
export async function markStudied(db: DbOrTx, facts: PersonFacts, itemId: number, now: Date): Promise<Reply[]> {
  if (!facts.isMember) return [reply('common-members-only')];
  const [item] = await query<{ id: number }>(db, sql`select id from study_items where id = ${itemId}`);
  if (!item) return [reply('common-stale-button')];
  await db.insert(studyReads).values({ itemId, memberId: facts.personId, readAt: now }).onConflictDoNothing();
  return [reply('study-read-thanks')];
}

/**
 * The file of a study item, handed over when someone taps for it under the notice: a member of the item's
 * audience (home branch in its organisation's subtree), or staff who run that organisation. Anyone else, or an
 * item retired since, gets the stale-button answer.
 */
export async function sendStudyFile(db: DbOrTx, facts: PersonFacts, itemId: number): Promise<Reply[]> {
  const [item] = await query<{ id: number; orgId: number; title: string; forMember: boolean }>(db, sql`
    select si.id, si.org_id as "orgId", si.title,
           exists (select 1 from members m join organisations home on home.id = m.home_org_id
                   where m.person_id = ${facts.personId} and home.path like so.path || '%') as "forMember"
    from study_items si join organisations so on so.id = si.org_id
    where si.id = ${itemId} and si.retired_at is null`);
  const may = item !== undefined && (item.forMember || (facts.isStaff && (await isAllowed(db, facts.personId, 'study.manage', { kind: 'org', id: item.orgId }))));
  const file = may ? await studyFileOf(db, itemId) : undefined;
  if (!item || !file) return [reply('common-stale-button')];
  return [reply('study-file', { args: { title: item.title, file: file.fileName }, document: { fileName: file.fileName, mime: file.mime, base64: file.data.toString('base64') } })];
}

/** Study at a distance (远程教育): the read receipt on pushed material, and its file on request. */
export const studyFeature: Feature = {
  name: 'study',
  buttons: [
    { pattern: /^study:done:(\d+)$/, who: 'anyone', run: (ctx, m) => markStudied(ctx.tx, ctx.facts, idOf(m[1]) ?? NO_SUCH_ID, ctx.now) },
    { pattern: /^study:file:(\d+)$/, who: 'anyone', run: (ctx, m) => sendStudyFile(ctx.tx, ctx.facts, idOf(m[1]) ?? NO_SUCH_ID) },
  ],
};
