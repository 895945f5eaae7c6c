import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../../bot/flow.js';
import { query } from '../../db/query.js';
import { visibleMemberIds } from '../access/scope.js';

/** "My members, and who has not reported this month" — this month as each member's own calendar has it. */
export async function myMembers(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const rows = await query<{ personId: number; name: string; reported: boolean }>(db, sql`
      select m.person_id as "personId", p.name,
        -- LIMIT 1 keeps this a per-member index probe; as a plain EXISTS the planner hashes every report.
        (select true from reports r where r.member_id = m.person_id and r.kind = 'monthly'
           and r.period = to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM') limit 1) is not null as reported
      from (${visibleMemberIds(staffId)}) ids (member_id)
      join members m on m.person_id = ids.member_id
      join persons p on p.id = m.person_id
      order by p.name, m.person_id`);
  if (rows.length === 0) return [reply('staff-no-members')];
  const overdue = rows.filter((m) => !m.reported).length;
  // A chat message is no place for a county's roster: the list is cut, the counts are not.
  const shown = rows.slice(0, MAX_LISTED);
  const lines = shown.map((m) => `${m.reported ? '✓' : '✗'} ${m.name}`).join('\n');
  const more = rows.length - shown.length;
  return [reply('staff-members', { args: { total: rows.length, overdue, lines: more > 0 ? `${lines}\n…(+${more})` : lines } })];
}

const MAX_LISTED = 50;
