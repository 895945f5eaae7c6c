import { reply, type Reply } from '../../bot/flow.js';
import type { CommandSpec, Feature, TurnContext } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { takePending, type Taken } from './store.js';

const refused = (taken: Exclude<Taken, { kind: 'ok' }>): Reply[] => [reply(taken.kind === 'not-yours' ? 'staff-pending-not-yours' : 'common-stale-button')];

/**
 * The taps that finish a waiting staff command: which member was meant (`pick:7:42`), and yes or no to a
 * step that cannot be undone (`confirm:yes:8`). Built from every declared command, so any command that
 * takes a member or asks for a confirmation is continued the same way.
 */
export function pendingFeature(commands: readonly CommandSpec[]): Feature {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const pick = async (ctx: TurnContext, m: RegExpExecArray): Promise<Reply[]> => {
    const taken = await takePending(ctx.tx, ctx.facts.personId, idOf(m[1]) ?? NO_SUCH_ID, 'pick', ctx.now);
    if (taken.kind !== 'ok') return refused(taken);
    const outcome = await byName.get(taken.command)!.run(ctx, `#${idOf(m[2]) ?? NO_SUCH_ID} ${taken.arg}`);
    return outcome.kind === 'flow' ? [] : outcome.replies;
  };
  const confirm = async (ctx: TurnContext, m: RegExpExecArray): Promise<Reply[]> => {
    const taken = await takePending(ctx.tx, ctx.facts.personId, idOf(m[2]) ?? NO_SUCH_ID, 'confirm', ctx.now);
    if (taken.kind !== 'ok') return refused(taken);
    if (m[1] === 'no') return [reply('staff-confirm-cancelled')];
    const spec = byName.get(taken.command);
    return spec?.confirmed ? spec.confirmed(ctx, taken.arg) : [reply('common-stale-button')];
  };
  return {
    name: 'pending',
    buttons: [
      { pattern: /^pick:(\d+):(\d+)$/, who: 'staff', run: pick },
      { pattern: /^confirm:(yes|no):(\d+)$/, who: 'staff', run: confirm },
    ],
  };
}
