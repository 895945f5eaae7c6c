import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { broadcasts, orgChats } from '../../db/schema/index.js';
import { enqueue } from '../../outbox/enqueue.js';
import { audienceMembers, countAudience, parseAudience } from './audience.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { reply, type Reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { renderReply } from '../../bot/render.js';
import type { Platform } from '../../bot/types.js';

/** Resolves a typed filter to the organisation it is about, if the person may broadcast there. */
async function targetOrg(db: DbOrTx, staffId: number, filter: string, now: Date): Promise<number | undefined> {
  const parsed = parseAudience(filter);
  const orgId = parsed.orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (orgId === undefined || Number.isNaN(orgId)) return undefined;
  return (await authorize(db, staffId, 'broadcast.compose', { kind: 'org', id: orgId }, now, { filter: Object.keys(parsed) })) ? orgId : undefined;
}

/** `/broadcast 过滤条件 | 通知内容`: counts the audience and hands the preview to the broadcast flow. */
export async function previewBroadcast(db: DbOrTx, staffId: number, arg: string, now: Date): Promise<{ replies: Reply[]; flowArg?: string }> {
  const cut = arg.indexOf('|');
  if (cut < 0 || !arg.slice(cut + 1).trim()) return { replies: [reply('broadcast-usage')] };
  const filter = arg.slice(0, cut).trim();
  const text = arg.slice(cut + 1).trim();
  const orgId = await targetOrg(db, staffId, filter, now);
  if (orgId === undefined) return { replies: [reply('staff-org-out-of-scope')] };
  const counts = await countAudience(db, { ...parseAudience(filter), orgId }, now);
  return { replies: [], flowArg: JSON.stringify({ filter, text, ...counts }) };
}

/**
 * Queues the notice: one outbox row per member of the audience (counted again now), and one per group chat
 * bound to the organisation, all under one broadcast row so delivery can be followed.
 */
export async function sendBroadcast(db: DbOrTx, staffId: number, filter: string, text: string, now: Date): Promise<Reply[]> {
  const orgId = await targetOrg(db, staffId, filter, now);
  if (orgId === undefined) return [reply('staff-org-out-of-scope')];
  const [row] = await db.insert(broadcasts).values({ orgId, kind: 'notice', createdBy: staffId, createdAt: now }).returning({ id: broadcasts.id });
  const broadcastId = row!.id;
  const notice = reply('broadcast-notice', { args: { text } });
  let queued = 0;
  for (const memberId of await audienceMembers(db, { ...parseAudience(filter), orgId }, now)) {
    if (await notifyPerson(db, memberId, notice, { key: `notice:${broadcastId}:${memberId}`, purpose: 'broadcast', now, broadcastId })) queued++;
  }
  const chats = await db.select().from(orgChats).where(eq(orgChats.orgId, orgId));
  const groups = await enqueue(
    db,
    chats.map((c) => ({
      idempotencyKey: `notice:${broadcastId}:${c.platform}:${c.chatId}`,
      platform: c.platform as Platform,
      chatId: c.chatId,
      chatKind: 'group' as const,
      purpose: 'broadcast',
      broadcastId,
      message: renderReply('zh-CN', notice),
      notBefore: now,
    })),
    now,
  );
  return [reply('broadcast-queued', { args: { id: broadcastId, members: queued, groups } })];
}
