import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../flow.js';
import { createInviteCode, formatCode } from '../invites.js';
import { rowsOf, visibleMemberIds, visibleMembers } from './scope.js';
import { parseId } from '../ids.js';

/** "My members, and who has not reported this month" — this month as each member's own calendar has it. */
export async function myMembers(db: DbOrTx, staffId: number, now: Date): Promise<Reply[]> {
  const rows = rowsOf<{ personId: number; name: string; reported: boolean }>(
    await db.execute(sql`
      select m.person_id as "personId", p.name,
        -- LIMIT 1 keeps this a per-member index probe; as a plain EXISTS the planner hashes every report.
        (select true from reports r where r.member_id = m.person_id and r.kind = 'monthly'
           and r.period = to_char(${now.toISOString()}::timestamptz at time zone p.timezone, 'YYYY-MM') limit 1) is not null as reported
      from (${visibleMemberIds(staffId)}) ids (member_id)
      join members m on m.person_id = ids.member_id
      join persons p on p.id = m.person_id
      order by p.name, m.person_id`),
  );
  if (rows.length === 0) return [reply('staff-no-members')];
  const overdue = rows.filter((m) => !m.reported).length;
  // A chat message is no place for a county's roster: the list is cut, the counts are not.
  const shown = rows.slice(0, MAX_LISTED);
  const lines = shown.map((m) => `${m.reported ? '✓' : '✗'} ${m.name} (#${m.personId})`).join('\n');
  const more = rows.length - shown.length;
  return [reply('staff-members', { args: { total: rows.length, overdue, lines: more > 0 ? `${lines}\n…(+${more})` : lines } })];
}

const MAX_LISTED = 50;

/** A one-time code for a member in the staff person's scope. */
export async function inviteMember(db: DbOrTx, staffId: number, target: string, now: Date, ttlDays: number): Promise<Reply[]> {
  const wanted = target.trim().replace(/^#/, '');
  if (!wanted) return [reply('staff-invite-usage')];
  const visible = await visibleMembers(db, staffId);
  const matches = /^\d+$/.test(wanted) ? visible.filter((m) => m.personId === parseId(wanted)) : visible.filter((m) => m.name === wanted);
  if (matches.length === 0) return [reply('staff-member-not-found')];
  if (matches.length > 1) return [reply('staff-member-ambiguous', { args: { ids: matches.map((m) => `#${m.personId}`).join(' ') } })];
  const member = matches[0]!;
  const { code } = await createInviteCode(db, member.personId, staffId, now, ttlDays);
  return [reply('staff-invite-created', { args: { name: member.name, code: formatCode(code), days: ttlDays } })];
}
