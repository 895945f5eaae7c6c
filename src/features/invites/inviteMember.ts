import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../../bot/flow.js';
import { createInviteCode, formatCode } from '../../bot/invites.js';
import { visibleMembers } from '../access/scope.js';
import { idOf } from '../args.js';

/** A one-time code for a member in the staff person's scope. */
export async function inviteMember(db: DbOrTx, staffId: number, target: string, now: Date, ttlDays: number): Promise<Reply[]> {
  const wanted = target.trim().replace(/^#/, '');
  if (!wanted) return [reply('staff-invite-usage')];
  const visible = await visibleMembers(db, staffId);
  const matches = /^\d+$/.test(wanted) ? visible.filter((m) => m.personId === idOf(wanted)) : visible.filter((m) => m.name === wanted);
  if (matches.length === 0) return [reply('staff-member-not-found')];
  if (matches.length > 1) return [reply('staff-member-ambiguous', { args: { ids: matches.map((m) => `#${m.personId}`).join(' ') } })];
  const member = matches[0]!;
  const { code } = await createInviteCode(db, member.personId, staffId, now, ttlDays);
  return [reply('staff-invite-created', { args: { name: member.name, code: formatCode(code), days: ttlDays } })];
}
