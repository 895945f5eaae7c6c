import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, persons } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { answer, type CommandSpec, type TurnContext } from '../../bot/registry.js';
import { authorize } from '../access/authorize.js';
import { idOf, NO_SUCH_ID, problem, wordsOf } from '../args.js';
import { savePending } from '../pending/store.js';
import { staffNamed } from './assign.js';
import { dropStaffRole } from './roles.js';

type RevocableRole = 'liaison' | 'helper';
const ROLE_WORDS = new Map<string, RevocableRole>([['liaison', 'liaison'], ['联络员', 'liaison'], ['helper', 'helper'], ['帮扶人', 'helper']]);

interface Held { orgId: number; org: string; members: string[] }

/** Where the person holds the role inside what the secretary runs, and the members they look after there. */
async function heldUnder(db: DbOrTx, secretaryId: number, personId: number, role: RevocableRole): Promise<Held | undefined> {
  const assignments = role === 'liaison' ? sql`liaison_assignments a on a.liaison_id = sr.person_id` : sql`helper_assignments a on a.helper_id = sr.person_id`;
  const [row] = await query<{ orgId: number; org: string; members: string[] | null }>(db, sql`
    select o.id as "orgId", o.name as org,
      array_remove(array_agg(p.name order by p.name), null) as members
    from staff_roles sr join organisations o on o.id = sr.org_id
    join staff_roles mine on mine.person_id = ${secretaryId} and mine.role in ('secretary', 'org_admin')
    join organisations mo on mo.id = mine.org_id and o.path like mo.path || '%'
    left join ${assignments}
    left join members m on m.person_id = a.member_id and m.home_org_id in (select id from organisations where path like o.path || '%')
    left join persons p on p.id = m.person_id
    where sr.person_id = ${personId} and sr.role = ${role}
    group by o.id, o.name order by o.id limit 1`);
  return row ? { orgId: row.orgId, org: row.org, members: row.members ?? [] } : undefined;
}

/**
 * Takes a liaison's or helper's role away. Their members lose them at once, so the command only asks;
 * the same person's confirmation does it, and the person who loses the role is told.
 */
export const revoke: CommandSpec = {
  name: 'revoke', words: ['取消角色'], who: 'staff', menu: true, slack: 'sub',
  run: async (ctx, arg) => {
    const [personWord, roleWord] = wordsOf(arg);
    if (!personWord) return problem('revoke', 'staff-missing-person');
    const role = ROLE_WORDS.get(roleWord ?? '');
    if (!role) return problem('revoke', 'staff-missing-role', { word: roleWord ?? '' });
    const person = await staffNamed(ctx.tx, ctx.facts.personId, personWord);
    if (person === 'many') return problem('revoke', 'staff-person-ambiguous', { name: personWord });
    const held = person === undefined ? undefined : await heldUnder(ctx.tx, ctx.facts.personId, person, role);
    if (person === undefined || !held) return answer([reply('staff-revoke-none', { args: { name: personWord, role } })]);
    if (!(await authorize(ctx.tx, ctx.facts.personId, 'staff.assign', { kind: 'org', id: held.orgId }, ctx.now, { revoke: role, personId: person }))) return answer([reply('staff-org-out-of-scope')]);
    const pending = await savePending(ctx.tx, ctx.facts.personId, 'revoke', 'confirm', `${person} ${role}`, ctx.now);
    return answer([reply('staff-revoke-confirm', {
      args: { name: personWord, role, org: held.org, count: held.members.length, members: held.members.join('、') || '—' },
      buttons: [[button('staff-button-confirm-revoke', `confirm:yes:${pending}`), button('staff-button-cancel', `confirm:no:${pending}`)]],
    })]);
  },
  confirmed: (ctx, arg) => {
    const [personWord, role] = wordsOf(arg);
    return revokeRole(ctx, idOf(personWord) ?? NO_SUCH_ID, ROLE_WORDS.get(role ?? '') ?? 'helper');
  },
};

async function revokeRole(ctx: TurnContext, personId: number, role: RevocableRole): Promise<Reply[]> {
  const { tx, now } = ctx;
  const held = await heldUnder(tx, ctx.facts.personId, personId, role);
  if (!held || !(await authorize(tx, ctx.facts.personId, 'staff.assign', { kind: 'org', id: held.orgId }, now, { revoke: role, personId, confirmed: true }))) return [reply('common-stale-button')];
  await dropStaffRole(tx, personId, role, held.orgId, now);
  await tx.insert(auditLog).values({ actorId: ctx.facts.personId, action: 'staff.revoke', targetKind: 'person', targetId: String(personId), at: now, details: { role, orgId: held.orgId, allowed: true } });
  const [person] = await tx.select({ name: persons.name }).from(persons).where(eq(persons.id, personId));
  await notifyPerson(tx, personId, reply('staff-role-revoked-you', { args: { role, org: held.org } }), { key: `revoke:${role}:${held.orgId}:${personId}:${now.getTime()}`, purpose: 'notify', now });
  return [reply('staff-revoked', { args: { name: person!.name, role, org: held.org, count: held.members.length, members: held.members.join('、') || '—' } })];
}
