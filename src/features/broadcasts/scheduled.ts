import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { broadcasts } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { renderReply } from '../../bot/render.js';
import { checkedTarget } from './audience.js';
import type { TypedFilter } from './filter.js';
import { itemOfNotice, queueNotice, type NoticePacing } from './notices.js';

interface DueNotice {
  id: number;
  orgId: number;
  createdBy: number;
  body: string;
  audience: TypedFilter;
  attachedItemId: number | null;
}

/**
 * Queues every scheduled notice whose time has come, each exactly once however many instances run this at the
 * same moment: a notice is claimed with FOR UPDATE SKIP LOCKED and marked queued in the same transaction as its
 * outbox rows, so a runner that dies half-way leaves it to the next, and a second runner never sees it waiting.
 * The sender's scope is checked again now (audited); a notice they may no longer send is called off and they
 * are told. Returns how many notices were queued.
 */
export async function sendDueNotices(db: Db, now: Date, pacing: NoticePacing, limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [due] = await query<DueNotice>(tx, sql`
        select id, org_id as "orgId", created_by as "createdBy", body, audience, attached_item_id as "attachedItemId" from broadcasts
        where send_at <= ${now.toISOString()}::timestamptz and queued_at is null and cancelled_at is null and send_at is not null
        order by send_at, id limit 1 for update skip locked`);
      if (!due) return 'none' as const;
      await tx.update(broadcasts).set({ queuedAt: now }).where(eq(broadcasts.id, due.id));
      return (await sendOne(tx, due, now, pacing)) ? ('sent' as const) : ('refused' as const);
    });
    if (outcome === 'none') break;
    if (outcome === 'sent') sent++;
  }
  return sent;
}

async function sendOne(tx: DbOrTx, due: DueNotice, now: Date, pacing: NoticePacing): Promise<boolean> {
  const target = await checkedTarget(tx, due.createdBy, due.audience, now, { via: 'schedule', broadcast: due.id });
  if (!target.ok) {
    await tx.update(broadcasts).set({ cancelledAt: now }).where(eq(broadcasts.id, due.id));
    const because = target.replies.map((r) => renderReply('zh-CN', r).text).join('\n');
    await notifyPerson(tx, due.createdBy, reply('broadcast-scheduled-refused', { args: { id: due.id, because } }), { key: `notice-due:${due.id}`, purpose: 'notify', now });
    return false;
  }
  const item = await itemOfNotice(tx, target.orgId, due.attachedItemId);
  const q = await queueNotice(tx, due.id, target, due.body, item, now, pacing);
  await notifyPerson(tx, due.createdBy, reply('broadcast-scheduled-sent', { args: { id: q.broadcastId, members: q.members, later: q.later, groups: q.groups, unreachable: q.missed.length } }), { key: `notice-due:${due.id}`, purpose: 'notify', now });
  return true;
}

/** Calls off a scheduled notice that has not gone yet. Returns whether it was still waiting. */
export async function cancelScheduledNotice(db: DbOrTx, broadcastId: number, now: Date): Promise<boolean> {
  const rows = await query<{ id: number }>(db, sql`
    update broadcasts set cancelled_at = ${now.toISOString()}::timestamptz
    where id = ${broadcastId} and queued_at is null and cancelled_at is null returning id`);
  return rows.length > 0;
}
