import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { certificates, helperAssignments, liaisonAssignments, members, organisations, trackingEntries } from '../../db/schema/index.js';
import { button, reply, type Reply } from '../../bot/flow.js';
import { answer, type CommandSpec, MANAGERS } from '../../bot/registry.js';
import { authorize } from '../access/authorize.js';
import { memberNames, organisationNamed } from '../access/byName.js';
import { idOf, NO_SUCH_ID, problem, wordsOf } from '../args.js';
import { savePending } from '../pending/store.js';

/**
 * 组织关系转接 for a long stay. The member leaves the secretary's list for good, so the command only asks;
 * the step is taken when the same person presses “确认转接” (the `confirmed` half below).
 */
export const transfer: CommandSpec = {
  name: 'transfer', words: ['转接'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
  run: async (ctx, arg) => {
    const words = wordsOf(arg);
    const memberId = idOf(words[0]);
    if (memberId === undefined) return problem('transfer', 'staff-missing-member');
    const orgWord = words.slice(1).join(' ');
    if (!orgWord) return problem('transfer', 'staff-missing-org');
    const target = { kind: 'member', id: memberId } as const;
    if (!(await authorize(ctx.tx, ctx.facts.personId, 'member.manage', target, ctx.now, { step: 'transfer-ask' }))) return answer([reply('staff-member-not-found')]);
    const org = await organisationNamed(ctx.tx, orgWord);
    if (org === 'many') return problem('transfer', 'staff-org-ambiguous', { name: orgWord });
    if (!org) return problem('transfer', 'staff-no-such-org', { word: orgWord });
    const names = (await memberNames(ctx.tx, memberId))!;
    if (names.branch === org.name) return answer([reply('staff-transfer-same-org', { args: { name: names.name, org: org.name } })]);
    const pending = await savePending(ctx.tx, ctx.facts.personId, 'transfer', 'confirm', `${memberId} ${org.id}`, ctx.now);
    return answer([reply('staff-transfer-confirm', {
      args: { name: names.name, from: names.branch, to: org.name },
      buttons: [[button('staff-button-confirm-transfer', `confirm:yes:${pending}`), button('staff-button-cancel', `confirm:no:${pending}`)]],
    })]);
  },
  confirmed: async (ctx, arg) => {
    const [memberId, orgId] = wordsOf(arg).map((w) => idOf(w) ?? NO_SUCH_ID);
    return transferRelationship(ctx.tx, ctx.facts.personId, memberId!, orgId!, ctx.now);
  },
};

/** The member's record moves to the destination organisation; the reply says where, by name. */
export async function transferRelationship(db: DbOrTx, staffId: number, memberId: number, toOrgId: number, now: Date): Promise<Reply[]> {
  if (!(await authorize(db, staffId, 'member.manage', { kind: 'member', id: memberId }, now, { step: 'transfer', toOrgId }))) return [reply('staff-member-not-found')];
  const [org] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(and(eq(organisations.id, toOrgId), isNull(organisations.archivedAt)));
  if (!org) return [reply('roster-no-org')];
  const [m] = await db.select({ homeOrgId: members.homeOrgId }).from(members).where(eq(members.personId, memberId));
  const names = (await memberNames(db, memberId))!;
  await db.update(certificates).set({ state: 'transferred' }).where(and(eq(certificates.memberId, memberId), inArray(certificates.state, ['issued', 'handed_over'])));
  await db.update(members).set({ homeOrgId: toOrgId, inflowOrgId: null }).where(eq(members.personId, memberId));
  // The old branch's liaison and helpers stay behind: the receiving organisation assigns its own.
  await db.delete(liaisonAssignments).where(eq(liaisonAssignments.memberId, memberId));
  await db.delete(helperAssignments).where(eq(helperAssignments.memberId, memberId));
  await db.insert(trackingEntries).values({ memberId, at: now, actorId: staffId, kind: 'status_change', details: { transfer: true, fromOrgId: m?.homeOrgId, toOrgId } });
  return [reply('staff-transferred', { args: { name: names.name, from: names.branch, to: org.name } })];
}
