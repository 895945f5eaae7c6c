import { reply } from '../../bot/flow.js';
import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import { idOf, wordsOf } from '../args.js';
import { assignStaff, liaisonLoadReply } from './assign.js';

const ROLE_WORDS = new Map<string, 'liaison' | 'helper'>([['liaison', 'liaison'], ['联络员', 'liaison'], ['helper', 'helper'], ['帮扶人', 'helper']]);

/** Who looks after whom: liaison officers and “一帮一” helpers, and how loaded each liaison is. */
export const staffingFeature: Feature = {
  name: 'staffing',
  commands: [
    {
      name: 'assign', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async (ctx, arg) => {
        const words = wordsOf(arg);
        const [memberId, role, personId] = [idOf(words[0]), ROLE_WORDS.get(words[1] ?? ''), idOf(words[2])];
        if (memberId === undefined || !role || personId === undefined) return answer([reply('staff-tool-usage', { args: { tool: 'assign' } })]);
        return answer(await assignStaff(ctx.tx, ctx.facts.personId, memberId, role, personId, ctx.now));
      },
    },
    { name: 'load', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub', run: async (ctx) => answer(await liaisonLoadReply(ctx.tx, ctx.facts.personId, ctx.now)) },
  ],
};
