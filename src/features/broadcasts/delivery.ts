import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { broadcastsOf, deliveryByKeyPrefix } from '../../outbox/delivery.js';
import { managedOrgs } from '../access/authorize.js';
import { reply, type Reply } from '../../bot/flow.js';
import { query } from '../../db/query.js';

/**
 * /delivery: for the latest study material in the secretary's subtree, how many went, wait, failed, were
 * read; and for their latest notices, how many went, wait, failed.
 */
export async function studyDelivery(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const notices: Reply[] = [];
  for (const org of await managedOrgs(db, staffId)) {
    const recent = (await broadcastsOf(db, org.id, new Date(now.getTime() - 30 * 86_400_000))).filter((b) => b.kind === 'notice').slice(0, 5);
    if (recent.length) notices.push(reply('delivery-notices', { args: { lines: recent.map((b) => `• #${b.broadcastId}: ✓${b.sent} ⏳${b.pending} ✗${b.failed}`).join('\n') } }));
  }
  const items = await query<{ id: number; title: string; reads: number }>(db, sql`
      select si.id, si.title, (select count(*)::int from study_reads sr where sr.item_id = si.id) as reads
      from study_items si join organisations o on o.id = si.org_id
      where exists (select 1 from staff_roles sr join organisations so on so.id = sr.org_id
                    where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin') and o.path like so.path || '%')
      order by si.id desc limit 5`);
  if (items.length === 0) return notices.length ? notices : [reply('delivery-none')];
  const lines: string[] = [];
  for (const item of items) {
    const c = await deliveryByKeyPrefix(db, `study:${item.id}:`);
    lines.push(`• ${item.title}: ✓${c.sent} ⏳${c.pending} ✗${c.failed} 📖${item.reads}`);
  }
  return [reply('delivery-study', { args: { lines: lines.join('\n') } }), ...notices];
}
