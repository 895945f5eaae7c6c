import type { FastifyInstance } from 'fastify';
import { reply as chatReply, type Reply } from '../../../bot/flow.js';
import { parseId } from '../../../bot/ids.js';
import type { DbOrTx } from '../../../db/client.js';
import { authorize, isAllowed } from '../../../features/access/authorize.js';
import { memberNames, organisationNamed } from '../../../features/access/byName.js';
import { transferRelationship } from '../../../features/mobility/transfer.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { transferConfirmation } from './forms.js';
import { done, fieldOf, memberIdOf, refuse, textOf } from './respond.js';

/**
 * 组织关系转接 in two steps, as in the chat: the first form only asks (the chat's 'transfer-ask', audited the
 * same way); the step is taken by a second form that carries `confirm=yes`, which the server insists on.
 */
export function registerTransfer(app: FastifyInstance, deps: ConsoleDeps): void {
  app.post('/members/:id/transfer', async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = memberIdOf(req);
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    if (fieldOf(req.body, 'confirm') !== 'yes') {
      // The confirming form sent without its tick box asks again, about the organisation it carried.
      const orgWord = fieldOf(req.body, 'org') || fieldOf(req.body, 'orgId');
      const asked = await deps.database.db.transaction((tx) => ask(tx, ctx, memberId, orgWord));
      if ('problem' in asked) return refuse(ctx, memberId, asked.problem, 400);
      return ctx.page(ctx.t('console-record-confirm-title'), transferConfirmation(ctx, memberId, textOf(ctx, [asked.question]), asked.orgId));
    }
    const orgId = parseId(fieldOf(req.body, 'orgId'));
    if (!orgId) return refuse(ctx, memberId, [chatReply('staff-missing-org')], 400);
    const replies = await deps.database.db.transaction((tx) => transferRelationship(tx, ctx.staff.personId, memberId, orgId, ctx.now));
    if (replies[0]?.key !== 'staff-transferred') return refuse(ctx, memberId, replies, 409);
    // A member who moved out of the person's subtree is no longer theirs to see: back to their list.
    const stillSeen = await isAllowed(ctx.db, ctx.staff.personId, 'member.view', { kind: 'member', id: memberId });
    return done(reply, stillSeen ? `/members/${memberId}` : '/members', textOf(ctx, replies));
  });
}

async function ask(tx: DbOrTx, ctx: PageContext, memberId: number, orgWord: string): Promise<{ question: Reply; orgId: number } | { problem: Reply[] }> {
  if (!(await authorize(tx, ctx.staff.personId, 'member.manage', { kind: 'member', id: memberId }, ctx.now, { step: 'transfer-ask', via: 'console' }))) {
    return { problem: [chatReply('staff-member-not-found')] };
  }
  if (!orgWord) return { problem: [chatReply('staff-missing-org')] };
  const org = await organisationNamed(tx, orgWord);
  if (org === 'many') return { problem: [chatReply('staff-org-ambiguous', { args: { name: orgWord } })] };
  if (!org) return { problem: [chatReply('staff-no-such-org', { args: { word: orgWord } })] };
  const names = (await memberNames(tx, memberId))!;
  if (names.branch === org.name) return { problem: [chatReply('staff-transfer-same-org', { args: { name: names.name, org: org.name } })] };
  return { question: chatReply('staff-transfer-confirm', { args: { name: names.name, from: names.branch, to: org.name } }), orgId: org.id };
}
