import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helpAttachments, helpRequestEvents, helpRequests, persons } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { button, reply, type Reply, type ReplyButton } from '../../bot/flow.js';
import { helpRequestButtons } from '../../bot/help/notice.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { inScope } from '../access/scopeFilter.js';
import { loadInScope } from './requests.js';

type Request = typeof helpRequests.$inferSelect;

/** Requests still to be worked: not yet marked solved. A solved one waits for the member's word, not for staff. */
const OPEN = ['open', 'assigned', 'in_progress', 'reopened'];
/** A chat message is no place for a county's backlog: the list is cut, the count is not. */
const MAX_LISTED = 20;
const MAX_WITH_BUTTONS = 5;

const excerpt = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);

/** "3 小时前", "2 天前" in the reader's language. */
export function ageOf(lang: Language, since: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 3_600_000));
  return t(lang, 'staff-help-age', { hours, days: hours >= 48 ? Math.floor(hours / 24) : 0 });
}

interface ListedRequest {
  id: number; memberId: number; name: string; category: string; urgency: string; status: string;
  description: string; createdAt: Date | string; assignee: string | null; escalationLevel: number;
}

/**
 * `/hr`: the open requests of everyone the person may see, urgent first, then the oldest. The scope is a condition on
 * each open request's member (scopeFilter.ts), so it costs the open requests, not the scope's members; only the listed
 * ones are given names. Before, every open request in the database was joined to the names of every person (two hashes
 * of all of persons) before the scope was applied: at a million members a branch with nothing open waited ~0.4 s.
 */
export async function openRequestsReply(db: DbOrTx, staffId: number, lang: Language, now: Date): Promise<Reply[]> {
  const order = sql`(h.urgency = 'urgent') desc, h.created_at, h.id`;
  const rows = await query<ListedRequest & { total: number }>(db, sql`
    with q as (
      select h.id, h.member_id, h.category, h.urgency, h.status, h.description, h.created_at, h.assignee_id, h.escalation_level,
             count(*) over () as total
      from help_requests h
        -- OFFSET 0 keeps the member a probe per open request: joined plainly, the planner read all of members to hash them
        -- (a million rows, ~0.2 s, for 20,000 open requests).
        cross join lateral (select mm.home_org_id, mm.inflow_org_id from members mm where mm.person_id = h.member_id offset 0) mm
        join organisations home on home.id = mm.home_org_id
        left join organisations inflow on inflow.id = mm.inflow_org_id
      where h.status in (${sql.join(OPEN.map((s) => sql`${s}`), sql`, `)})
        and ${inScope(staffId, { memberId: sql`h.member_id`, homePath: sql`home.path`, inflowPath: sql`inflow.path` })}
      order by ${order}
      limit ${MAX_LISTED})
    select h.id, h.member_id as "memberId", p.name, h.category, h.urgency, h.status, h.description, h.created_at as "createdAt",
           a.name as assignee, h.escalation_level as "escalationLevel", h.total::int as total
    from q h
    join persons p on p.id = h.member_id
    left join persons a on a.id = h.assignee_id
    order by ${order}`);
  if (rows.length === 0) return [reply('staff-help-none-open')];
  const total = rows[0]!.total;
  const lines = rows.map((r) => t(lang, 'staff-help-line', {
    id: r.id, name: r.name, category: r.category, urgent: r.urgency === 'urgent' ? 'yes' : 'no', age: ageOf(lang, new Date(r.createdAt), now),
    holder: r.assignee ?? '', held: r.assignee ? 'yes' : 'no', escalated: r.escalationLevel, description: excerpt(r.description, 60),
  }));
  const more = total - rows.length;
  const buttons: ReplyButton[][] = rows.slice(0, MAX_WITH_BUTTONS).flatMap((r) => [
    [button('staff-button-show-n', `hr:show:${r.id}`, { id: r.id }), button('staff-button-take-n', `hr:take:${r.id}`, { id: r.id })],
    [button('staff-button-note-n', `hr:note:${r.id}`, { id: r.id }), button('staff-button-handover-n', `hr:handover:${r.id}`, { id: r.id }), button('staff-button-resolve-n', `hr:resolve:${r.id}`, { id: r.id })],
  ]);
  return [reply('staff-help-list', { args: { count: total, lines: more > 0 ? `${lines.join('\n')}\n…(+${more})` : lines.join('\n') }, buttons })];
}

/** `/hr 12`: one request in full — the member's words, the notes, who holds it, how far up it went. */
export async function requestDetail(db: DbOrTx, staffId: number, requestId: number, lang: Language, now: Date): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'show');
  if (!r) return [reply('staff-help-not-found')];
  return [await detailReply(db, r, lang, now)];
}

async function detailReply(db: DbOrTx, r: Request, lang: Language, now: Date): Promise<Reply> {
  const notes = await db.select({ at: helpRequestEvents.at, note: helpRequestEvents.note, actorId: helpRequestEvents.actorId }).from(helpRequestEvents)
    .where(and(eq(helpRequestEvents.requestId, r.id), isNotNull(helpRequestEvents.note))).orderBy(asc(helpRequestEvents.at), asc(helpRequestEvents.id));
  const files = await db.select({ id: helpAttachments.id }).from(helpAttachments).where(eq(helpAttachments.requestId, r.id));
  const ids = [r.memberId, ...(r.assigneeId ? [r.assigneeId] : []), ...notes.flatMap((n) => (n.actorId ? [n.actorId] : []))];
  const names = await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, ids));
  const nameOf = (id: number | null | undefined) => names.find((n) => n.id === id)?.name ?? '';
  const noteLines = notes.map((n) => t(lang, 'staff-help-note-line', { who: nameOf(n.actorId), age: ageOf(lang, n.at, now), note: n.note ?? '' }));
  return reply('staff-help-detail', {
    args: {
      id: r.id, name: nameOf(r.memberId), category: r.category, urgent: r.urgency === 'urgent' ? 'yes' : 'no', status: r.status,
      age: ageOf(lang, r.createdAt, now), holder: nameOf(r.assigneeId), held: r.assigneeId ? 'yes' : 'no', escalated: r.escalationLevel, files: files.length,
      description: r.description, notes: noteLines.length > 0 ? noteLines.join('\n') : '-',
    },
    buttons: r.status === 'confirmed' ? [] : helpRequestButtons(r.id),
  });
}
