import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { button, reply, type Reply } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';
import { localDay } from '../bot/period.js';
import { renderReply } from '../bot/render.js';
import { enqueue } from '../outbox/enqueue.js';
import { broadcastForStudyItem } from '../outbox/delivery.js';
import type { Platform } from '../bot/types.js';
import { promptsThisWeek } from './prompts.js';
import type { ScheduleConfig } from './settings.js';
import { pacingResolver } from '../features/settings/index.js';
import { sendSecretaryDigests } from './secretaryDigest.js';
import { daysBetween, nextOffPeak } from './timing.js';

/** A member due an item: ids only; the item's contents are read once per item (StudyItem). */
interface Delivery {
  itemId: number;
  orgId: number;
  memberId: number;
  /** The member's home organisation: its quiet hours and cap apply. */
  orgPath: string;
  timezone: string;
}

interface StudyItem {
  itemId: number;
  title: string;
  category: string;
  body: string | null;
  link: string | null;
  /** The item's file, fetched by a tap (features/study): a notice to thousands does not carry it. */
  fileName: string | null;
}

/**
 * How long an item is pushed after it is published. Past it, an item a member was not sent (the weekly cap held it,
 * or they joined later) is still in the library and on the 补课 list, but the hourly run no longer looks at it: every
 * unretired item's pairs with every member of its subtree were read each hour, so the work grew with every item ever
 * published (one county item at 1,000,000 members: 50 s and 1.9 GB each hour, everyone already sent it).
 */
export const STUDY_PUSH_DAYS = 90;

function notice(d: StudyItem): Reply {
  const done = button('study-button-done', `study:done:${d.itemId}`);
  return reply('study-notice', {
    args: { title: d.title, category: d.category, body: [d.body, d.link, d.fileName && `📎 ${d.fileName}`].filter(Boolean).join('\n') || '-' },
    buttons: [d.fileName ? [done, button('study-button-file', `study:file:${d.itemId}`)] : [done]],
  });
}

const FILE_NAME = sql`(select f.file_name from study_files f where f.item_id = si.id) as "fileName"`;

/**
 * 远程教育: each published item goes to the members of its organisation's subtree whose occupation it targets,
 * in their off-peak hours and within the weekly cap (reminders take the cap first: this runs after them),
 * and once to each of the organisation's group chats. An item not delivered for the cap waits for next week.
 */
export async function runStudyPush(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<{ members: number; groups: number; waiting: number }> {
  const today = localDay(now, config.DEFAULT_TIMEZONE);
  // Only the pairs not queued yet, decided by the outbox's unique key in the query: the keys were read back in pages
  // of 5,000 for every member ever sent the item, with each item's text on every row.
  const due = await query<Delivery>(db, sql`
      select si.id as "itemId", si.org_id as "orgId", m.person_id as "memberId", home.path as "orgPath", p.timezone
      from study_items si
      join organisations so on so.id = si.org_id
      join organisations home on home.path like so.path || '%'
      join members m on m.home_org_id = home.id and m.status <> 'lost_contact'
      join persons p on p.id = m.person_id
      where si.publish_on <= ${today}::date and si.publish_on > ${today}::date - ${STUDY_PUSH_DAYS}::int and si.retired_at is null
        and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
        and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id)
        and not exists (select 1 from outbox_messages ob where ob.idempotency_key = 'study:' || si.id || ':' || m.person_id)
      order by si.publish_on, si.id, m.person_id`);
  const items = await itemsById(db, [...new Set(due.map((d) => d.itemId))]);
  const prompts = await promptsThisWeek(db, [...new Set(due.map((d) => d.memberId))], now);
  const pacingAt = await pacingResolver(db, config);
  let members = 0;
  let waiting = 0;
  // Each item is one broadcast, so its delivery (sent / failed / pending) can be shown per item.
  const broadcastIds = new Map<number, number>();
  const broadcastOf = async (itemId: number, orgId: number) => {
    let id = broadcastIds.get(itemId);
    if (id === undefined) broadcastIds.set(itemId, (id = await broadcastForStudyItem(db, itemId, orgId, now)));
    return id;
  };
  for (const d of due) {
    const item = items.get(d.itemId);
    // Deleted since the pairs were read.
    if (!item) continue;
    const used = prompts.get(d.memberId) ?? 0;
    const pacing = pacingAt(d.orgPath);
    if (used >= pacing.cap) {
      waiting++;
      continue;
    }
    const ok = await notifyPerson(db, d.memberId, notice(item), { key: `study:${d.itemId}:${d.memberId}`, purpose: 'study', now, broadcastId: await broadcastOf(d.itemId, d.orgId), notBefore: nextOffPeak(now, d.timezone, pacing.window) });
    if (ok) {
      prompts.set(d.memberId, used + 1);
      members++;
    }
  }
  const chats = await query<{ itemId: number; orgId: number; orgPath: string; platform: Platform; chatId: string; title: string; category: string; body: string | null; link: string | null; fileName: string | null }>(db, sql`
      select si.id as "itemId", si.org_id as "orgId", so.path as "orgPath", oc.platform, oc.chat_id as "chatId", si.title, si.category, si.body, si.link, ${FILE_NAME}
      from study_items si join org_chats oc on oc.org_id = si.org_id join organisations so on so.id = si.org_id
      where si.publish_on <= ${today}::date and si.publish_on > ${today}::date - ${STUDY_PUSH_DAYS}::int and si.retired_at is null`);
  const groupItems = [];
  for (const c of chats) groupItems.push({ ...c, broadcastId: await broadcastOf(c.itemId, c.orgId) });
  const groups = await enqueue(
    db,
    groupItems.map((c) => ({
      idempotencyKey: `study-group:${c.itemId}:${c.platform}:${c.chatId}`,
      platform: c.platform,
      chatId: c.chatId,
      chatKind: 'group' as const,
      purpose: 'broadcast',
      broadcastId: c.broadcastId,
      message: renderReply('zh-CN', notice(c)),
      notBefore: nextOffPeak(now, config.DEFAULT_TIMEZONE, pacingAt(c.orgPath).window),
    })),
    now,
  );
  return { members, groups, waiting };
}

/** The contents of these items, each read once. */
async function itemsById(db: DbOrTx, ids: number[]): Promise<Map<number, StudyItem>> {
  if (ids.length === 0) return new Map();
  const rows = await query<StudyItem>(db, sql`
    select si.id as "itemId", si.title, si.category, si.body, si.link, ${FILE_NAME}
    from study_items si where si.id = any(${`{${ids.join(',')}}`}::int[])`);
  return new Map(rows.map((r) => [r.itemId, r]));
}

/** 补课: before the Spring Festival, when members come home, each secretary gets who has not studied what. */
export async function runMakeUpList(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<number> {
  const today = localDay(now, config.DEFAULT_TIMEZONE);
  const daysLeft = daysBetween(today, config.SPRING_FESTIVAL_DATE);
  if (daysLeft < 0 || daysLeft > config.MAKEUP_NOTICE_DAYS) return 0;
  const yearStart = `${Number(config.SPRING_FESTIVAL_DATE.slice(0, 4)) - 1}-01-01`;
  const rows = await query<{ name: string; orgPath: string; missed: number }>(db, sql`
      select p.name, home.path as "orgPath", count(*)::int as missed
      from study_items si
      join organisations so on so.id = si.org_id
      join organisations home on home.path like so.path || '%'
      join members m on m.home_org_id = home.id
      join persons p on p.id = m.person_id
      where si.publish_on >= ${yearStart}::date and si.publish_on <= ${today}::date and si.retired_at is null
        and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
        and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id)
        -- A make-up session the member attended on or after the item's day covers it (features/homecoming).
        and not exists (select 1 from make_up_attendance a join make_up_sessions s on s.id = a.session_id
                        where a.member_id = m.person_id and s.held_on >= si.publish_on)
      group by p.name, home.path, m.person_id
      order by missed desc, p.name`);
  return sendSecretaryDigests(db, rows, now, (list, secretaryId) => ({
    message: reply('digest-makeup', { args: { count: list.length, date: config.SPRING_FESTIVAL_DATE, lines: list.map((r) => `• ${r.name}（${r.missed}）`).join('\n') } }),
    key: `digest:makeup:${config.SPRING_FESTIVAL_DATE}:${secretaryId}`,
  }));
}
