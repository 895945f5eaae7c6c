import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';

/**
 * The last check before a prompt goes out: of these just-claimed rows, cancels those whose reason went away
 * since they were queued, and returns their ids. A monthly reminder or follow-up is not sent once the member
 * has reported that month or been contacted after it was queued; a thought-report reminder once the quarter's
 * report is in; a study notice once the member marked the item read (in a group, say).
 * The keys are the schedules' own: `reminder:monthly:<period>:<member>`, `followup:monthly:…`,
 * `reminder:thought:<quarter>:<member>`, `study:<item>:<member>`.
 */
export async function cancelObsolete(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const rows = await query<{ id: number }>(db, sql`
    update outbox_messages o set status = 'cancelled', claimed_until = null, attempts = greatest(o.attempts - 1, 0)
    where o.id in (${idList}) and o.person_id is not null and o.purpose in ('reminder', 'followup', 'study')
      and (
        (o.idempotency_key ~ '^(reminder|followup):monthly:' and (
          exists (select 1 from reports r where r.member_id = o.person_id and r.kind = 'monthly' and r.period = split_part(o.idempotency_key, ':', 3))
          or exists (select 1 from tracking_entries te where te.member_id = o.person_id and te.kind in ('call', 'message', 'visit') and te.at >= o.created_at)))
        or (o.idempotency_key like 'reminder:thought:%'
          and exists (select 1 from reports r where r.member_id = o.person_id and r.kind = 'thought' and r.period = split_part(o.idempotency_key, ':', 3)))
        or (o.idempotency_key ~ '^study:[0-9]+:'
          and exists (select 1 from study_reads sr where sr.member_id = o.person_id and sr.item_id = split_part(o.idempotency_key, ':', 2)::int))
      )
    returning o.id`);
  return new Set(rows.map((r) => Number(r.id)));
}
