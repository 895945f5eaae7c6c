import { button, reply, type Reply } from '../bot/flow.js';
import { localDay } from '../bot/period.js';
import { answer, type CommandSpec, type Outcome, type TurnContext } from '../bot/registry.js';
import { MAX_NAMESAKES, membersNamed, transferredAway } from './access/byName.js';
import { idOf, wordsOf } from './args.js';
import { savePending } from './pending/store.js';

/**
 * Staff name the member a command is about the way people do, by name (`/log 张建国 电话`); a number is
 * still an id. The name is looked up in the person's scope only. One match runs the command on that member;
 * several ask which one (branch, phone's last four digits), and the tap runs the same command; none is said so.
 */
export function takesMember(spec: CommandSpec): CommandSpec {
  return {
    ...spec,
    run: async (ctx, arg) => {
      const first = wordsOf(arg)[0];
      const memberId = idOf(first);
      if (first === undefined) return spec.run(ctx, arg);
      if (memberId !== undefined) return explainedIfMoved(ctx, memberId, await spec.run(ctx, arg));
      const rest = arg.trim().slice(first.length).trimStart();
      const found = await membersNamed(ctx.tx, ctx.facts.personId, first);
      if (found.length === 1) return spec.run(ctx, `#${found[0]!.personId} ${rest}`);
      if (found.length === 0) return answer(await noSuchName(ctx, first));
      if (found.length > MAX_NAMESAKES) return answer([reply('staff-member-too-many', { args: { name: first, count: found.length } })]);
      const pending = await savePending(ctx.tx, ctx.facts.personId, spec.name, 'pick', rest, ctx.now);
      return answer([reply('staff-member-pick', {
        args: { name: first, count: found.length },
        buttons: found.map((m) => [button('staff-button-pick-member', `pick:${pending}:${m.personId}`, { name: m.name, branch: m.branch, tail: m.phoneTail || 'none' })]),
      })]);
    },
  };
}

/** The answer to a name nobody in scope has: where they went if the person transferred them away. */
async function noSuchName(ctx: TurnContext, name: string): Promise<Reply[]> {
  const moved = await transferredAway(ctx.tx, ctx.facts.personId, { name });
  if (moved) return [movedReply(ctx, moved)];
  // A name is not a mistake in how the command was written: no usage after it.
  return [reply('staff-member-no-such-name', { args: { name } })];
}

function movedReply(ctx: TurnContext, moved: { name: string; to: string; on: Date }): Reply {
  return reply('staff-member-transferred-away', { args: { name: moved.name, org: moved.to, date: localDay(moved.on, ctx.facts.timezone) } });
}

/** "Not found" for a member the person transferred away says where the member went. */
async function explainedIfMoved(ctx: TurnContext, memberId: number, outcome: Outcome): Promise<Outcome> {
  if (outcome.kind === 'flow' || outcome.replies[0]?.key !== 'staff-member-not-found') return outcome;
  const moved = await transferredAway(ctx.tx, ctx.facts.personId, { id: memberId });
  return moved ? { ...outcome, replies: [movedReply(ctx, moved)] } : outcome;
}
