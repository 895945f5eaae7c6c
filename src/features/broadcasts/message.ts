import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { button, reply, type Reply } from '../../bot/flow.js';

/** A study item a notice can carry: what the member sees of it. */
export interface AttachedItem {
  id: number;
  title: string;
  category: string;
  body: string | null;
  link: string | null;
}

/**
 * What a member (or a group) receives: the notice's text, and under it either the attached study item with its
 * 已学习 button (the read receipt study keeps), or an 已读 button of its own.
 */
export function noticeMessage(broadcastId: number, text: string, item?: AttachedItem | null): Reply {
  if (!item) return reply('broadcast-notice', { args: { text }, buttons: [[button('broadcast-button-read', `notice:read:${broadcastId}`)]] });
  return reply('broadcast-notice-study', {
    args: { text, title: item.title, category: item.category, body: [item.body, item.link].filter(Boolean).join('\n') || '-' },
    buttons: [[button('study-button-done', `study:done:${item.id}`)]],
  });
}

/** The study item, if it belongs to the organisation's subtree or a level above it (material the branch may pass on). */
export async function attachableItem(db: DbOrTx, orgId: number, itemId: number): Promise<AttachedItem | undefined> {
  const [item] = await query<AttachedItem>(db, sql`
    select si.id, si.title, si.category, si.body, si.link from study_items si
    join organisations so on so.id = si.org_id join organisations o on o.id = ${orgId}
    where si.id = ${itemId} and (o.path like so.path || '%' or so.path like o.path || '%')`);
  return item;
}

/** The study items a notice to this organisation may carry, newest first. */
export async function attachableItems(db: DbOrTx, orgIds: number[], limit = 100): Promise<AttachedItem[]> {
  if (orgIds.length === 0) return [];
  return query<AttachedItem>(db, sql`
    select distinct si.id, si.title, si.category, si.body, si.link from study_items si
    join organisations so on so.id = si.org_id join organisations o on o.id in (${sql.join(orgIds.map((id) => sql`${id}`), sql`, `)})
    where si.retired_at is null and (o.path like so.path || '%' or so.path like o.path || '%')
    order by si.id desc limit ${limit}`);
}
