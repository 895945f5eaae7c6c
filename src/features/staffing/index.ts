import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import { idOf, problem, wordsOf } from '../args.js';
import { takesMember } from '../memberArg.js';
import { assignStaff, liaisonLoadReply, staffNamed } from './assign.js';
import { revoke } from './revoke.js';

const ROLE_WORDS = new Map<string, 'liaison' | 'helper'>([['liaison', 'liaison'], ['联络员', 'liaison'], ['helper', 'helper'], ['帮扶人', 'helper']]);

/** Who looks after whom: liaison officers and “一帮一” helpers, and how loaded each liaison is. */
export const staffingFeature: Feature = {
  name: 'staffing',
  commands: [
    takesMember({
      name: 'assign', words: ['安排'], who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async (ctx, arg) => {
        const words = wordsOf(arg);
        const [memberId, role, personWord] = [idOf(words[0]), ROLE_WORDS.get(words[1] ?? ''), words[2]];
        if (memberId === undefined) return problem('assign', 'staff-missing-member');
        if (!role) return problem('assign', 'staff-missing-role', { word: words[1] ?? '' });
        if (!personWord) return problem('assign', 'staff-missing-person');
        const person = await staffNamed(ctx.tx, ctx.facts.personId, personWord);
        if (person === 'many') return problem('assign', 'staff-person-ambiguous', { name: personWord });
        if (!person) return problem('assign', 'staff-person-not-found', { name: personWord });
        return answer(await assignStaff(ctx.tx, ctx.facts.personId, memberId, role, person, ctx.now));
      },
    }),
    revoke,
    { name: 'load', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub', run: async (ctx) => answer(await liaisonLoadReply(ctx.tx, ctx.facts.personId, ctx.now, ctx.facts.language)) },
  ],
};
