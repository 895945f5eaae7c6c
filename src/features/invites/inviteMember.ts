import type { DbOrTx } from '../../db/client.js';
import { reply, type Reply } from '../../bot/flow.js';
import { createInviteCode, formatCode } from '../../bot/invites.js';
import { visibleMember } from '../access/scope.js';
import { idOf } from '../args.js';

/** A one-time code for a member in the staff person's scope (`#12`; `/invite 张建国` is looked up by takesMember). */
export async function inviteMember(db: DbOrTx, staffId: number, target: string, now: Date, ttlDays: number): Promise<Reply[]> {
  const wanted = target.trim().replace(/^#/, '');
  if (!wanted) return [reply('staff-invite-usage')];
  // A name was looked up before this (takesMember): what arrives is the member's number.
  const member = await visibleMember(db, staffId, idOf(wanted));
  if (!member) return [reply('staff-member-not-found')];
  const { code } = await createInviteCode(db, member.personId, staffId, now, ttlDays);
  return [reply('staff-invite-created', { args: { name: member.name, code: formatCode(code), days: ttlDays } })];
}
