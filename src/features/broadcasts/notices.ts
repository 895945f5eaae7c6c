import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { broadcasts, orgChats } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { enqueue, type OutboxItem } from '../../outbox/enqueue.js';
import { audienceMembers, audienceTarget, countAudience, type Target } from './audience.js';
import { reply, type Reply } from '../../bot/flow.js';
import { nextOffPeak, pacedSlots } from '../../bot/pacing.js';
import { effectiveSettings, memberPacing, pacingOf, type SettingDefaults } from '../settings/index.js';
import { renderReply } from '../../bot/render.js';
import type { OutgoingMessage, Platform } from '../../bot/types.js';
import type { Language } from '../../db/schema/people.js';
import { attachableItem, noticeMessage, type AttachedItem } from './message.js';

/**
 * The members' rules a notice keeps unless an admin marks it urgent: the off-peak hours and the weekly cap of each
 * member's organisation (these defaults where none above set its own).
 */
export interface NoticePacing {
  defaults: SettingDefaults;
  /** The organisation's time zone, for group chats. */
  timezone: string;
}

export type CheckedTarget = Extract<Target, { ok: true }>;

/** What queuing a notice came to: members queued (and of them, held for their hours or cap), groups, who cannot be reached. */
export interface Queued {
  broadcastId: number;
  members: number;
  later: number;
  groups: number;
  missed: string[];
}

/** `/broadcast 过滤条件 | 通知内容`: counts the audience and hands the preview to the broadcast flow. */
export async function previewBroadcast(db: DbOrTx, staffId: number, arg: string, now: Date): Promise<{ replies: Reply[]; flowArg?: string }> {
  const cut = arg.indexOf('|');
  if (cut < 0 || !arg.slice(cut + 1).trim()) return { replies: [reply('broadcast-usage')] };
  const filter = arg.slice(0, cut).trim();
  const text = arg.slice(cut + 1).trim();
  const target = await audienceTarget(db, staffId, filter, now);
  if (!target.ok) return { replies: target.replies };
  const counts = await countAudience(db, target.filter, now);
  return { replies: [], flowArg: JSON.stringify({ filter, text, urgent: target.urgent, ...counts }) };
}

/** The chat's confirmed `/broadcast`: the typed filter checked again, then queued at once. */
export async function sendBroadcast(db: DbOrTx, staffId: number, filter: string, text: string, now: Date, pacing: NoticePacing): Promise<Reply[]> {
  const target = await audienceTarget(db, staffId, filter, now);
  if (!target.ok) return target.replies;
  const made = await createNotice(db, staffId, target, text, {}, now, pacing);
  return made.queued ? queuedReplies(made.queued) : [];
}

export function queuedReplies(q: Queued): Reply[] {
  return [
    reply('broadcast-queued', { args: { id: q.broadcastId, members: q.members, groups: q.groups } }),
    ...(q.later ? [reply('broadcast-paced', { args: { later: q.later } })] : []),
    ...(q.missed.length ? [reply('broadcast-unreachable', { args: { count: q.missed.length, names: q.missed.join('、') } })] : []),
  ];
}

/**
 * A checked notice recorded as a broadcast row (its text, audience, urgency, attached study item), and queued now,
 * or, with `sendAt` in the future (or `defer`), kept for the scheduled runner (scheduled.ts) to queue at its time.
 */
export async function createNotice(
  db: DbOrTx, staffId: number, target: CheckedTarget, text: string, opts: { item?: AttachedItem; sendAt?: Date; defer?: boolean },
  now: Date, pacing: NoticePacing,
): Promise<{ broadcastId: number; queued?: Queued }> {
  // `defer`: due now, but queued by the scheduled runner in the background (an audience too large for one request).
  const later = opts.sendAt && opts.sendAt.getTime() > now.getTime() ? opts.sendAt : opts.defer ? now : undefined;
  const [row] = await db.insert(broadcasts).values({
    orgId: target.orgId, kind: 'notice', createdBy: staffId, createdAt: now, body: text,
    audience: { ...target.filter, urgent: target.urgent }, urgent: target.urgent, attachedItemId: opts.item?.id ?? null,
    sendAt: later ?? null, queuedAt: later ? null : now,
  }).returning({ id: broadcasts.id });
  const broadcastId = row!.id;
  if (later) return { broadcastId };
  return { broadcastId, queued: await queueNotice(db, broadcastId, target, text, opts.item, now, pacing) };
}

/**
 * One outbox row per member of the audience (counted now), each at the first moment the member's quiet hours and
 * weekly cap allow (at once when urgent), and one per group chat bound to the organisation, all under the
 * broadcast's id so delivery can be followed and reported when it ends.
 */
export async function queueNotice(db: DbOrTx, broadcastId: number, target: CheckedTarget, text: string, item: AttachedItem | undefined, now: Date, pacing: NoticePacing): Promise<Queued> {
  const notice = noticeMessage(broadcastId, text, item);
  const audience = await recipients(db, await audienceMembers(db, target.filter, now));
  const slots = target.urgent ? new Map<number, Date>() : await pacedSlots(db, await withRules(db, audience, pacing.defaults), now, pacing.defaults.WEEKLY_PROMPT_CAP, { startHour: pacing.defaults.OFF_PEAK_START_HOUR, endHour: pacing.defaults.OFF_PEAK_END_HOUR });
  const q: Queued = { broadcastId, members: 0, later: 0, groups: 0, missed: [] };
  // Rendered once per language, queued a thousand rows to a statement: a county's notice is not 100,000 round trips.
  const rendered = new Map<string, OutgoingMessage>();
  const messageIn = (language: string) => {
    let m = rendered.get(language);
    if (!m) rendered.set(language, (m = renderReply(language as Language, notice)));
    return m;
  };
  const items: OutboxItem[] = [];
  for (const m of audience) {
    if (m.identityId === null) {
      q.missed.push(m.name);
      continue;
    }
    const notBefore = slots.get(m.memberId) ?? now;
    items.push({
      idempotencyKey: `notice:${broadcastId}:${m.memberId}`, platform: m.platform as Platform, chatId: m.chatId!, identityId: m.identityId,
      personId: m.memberId, purpose: 'broadcast', broadcastId, message: messageIn(m.language), notBefore,
    });
    if (notBefore.getTime() > now.getTime()) q.later++;
  }
  for (let i = 0; i < items.length; i += 1000) q.members += await enqueue(db, items.slice(i, i + 1000), now);
  const chats = await db.select().from(orgChats).where(eq(orgChats.orgId, target.orgId));
  // A branch's group chat keeps the branch's own hours.
  const groupHours = chats.length && !target.urgent ? await effectiveSettings(db, target.orgId, pacing.defaults) : undefined;
  q.groups = await enqueue(
    db,
    chats.map((c) => ({
      idempotencyKey: `notice:${broadcastId}:${c.platform}:${c.chatId}`,
      platform: c.platform as Platform,
      chatId: c.chatId,
      chatKind: 'group' as const,
      purpose: 'broadcast',
      broadcastId,
      message: renderReply('zh-CN', notice),
      notBefore: target.urgent ? now : nextOffPeak(now, pacing.timezone, pacingOf(groupHours!.values).window),
    })),
    now,
  );
  return q;
}

/** The attached item of a stored notice, if it is still there. */
export async function itemOfNotice(db: DbOrTx, orgId: number, itemId: number | null): Promise<AttachedItem | undefined> {
  return itemId === null ? undefined : attachableItem(db, orgId, itemId);
}

/** Each member with their organisation's quiet hours and weekly cap. */
async function withRules<M extends { memberId: number; timezone: string }>(db: DbOrTx, audience: M[], defaults: SettingDefaults) {
  const rules = await memberPacing(db, audience.map((m) => m.memberId), defaults);
  return audience.map((m) => ({ ...m, ...rules(m.memberId) }));
}

interface Recipient {
  memberId: number;
  name: string;
  timezone: string;
  language: string;
  /** The reachable account they used last (as notifyPerson chooses it); null: none, the notice cannot reach them. */
  identityId: number | null;
  platform: string | null;
  chatId: string | null;
}

async function recipients(db: DbOrTx, ids: number[]): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    out.push(...(await query<Recipient>(db, sql`
      select p.id as "memberId", p.name, p.timezone, p.language, a.id as "identityId", a.platform, a.chat_id as "chatId"
      from persons p left join lateral (
        select id, platform, chat_id from identities
        where person_id = p.id and unreachable_since is null and linked_at is not null
        order by last_seen_at desc, id desc limit 1) a on true
      where p.id in (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)}) order by p.id`)));
  }
  return out.map((r) => ({ ...r, memberId: Number(r.memberId), identityId: r.identityId === null ? null : Number(r.identityId) }));
}
