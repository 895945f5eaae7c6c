import { reply } from '../../bot/flow.js';
import { describeRegion } from '../../bot/regions/index.js';
import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { idOf, wordsOf } from '../args.js';
import { attachToInflow, suggestTemporaryBranches } from './twoWay.js';

/** 双向管理: members attached to an inflow organisation, and where a 临时党支部 should be set up. */
export const twoWayFeature: Feature = {
  name: 'twoWay',
  commands: [
    {
      name: 'attach', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async (ctx, arg) => {
        const words = wordsOf(arg);
        const memberId = idOf(words[0]);
        const org = words[1] === 'none' || words[1] === '无' ? null : idOf(words[1]);
        if (memberId === undefined || org === undefined) return answer([reply('staff-tool-usage', { args: { tool: 'attach' } })]);
        return answer(await attachToInflow(ctx.tx, ctx.facts.personId, memberId, org, ctx.now));
      },
    },
    {
      name: 'tempbranch', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async ({ tx, facts, now }) => {
        const [org] = await managedOrgs(tx, facts.personId);
        if (!org || !(await authorize(tx, facts.personId, 'stats.view', { kind: 'org', id: org.id }, now, { view: 'tempbranch' }))) return answer([reply('common-staff-only')]);
        const list = await suggestTemporaryBranches(tx, org.path);
        if (list.length === 0) return answer([reply('staff-tempbranch-none')]);
        return answer(list.map((s) => reply('staff-tempbranch-suggest', {
          args: { destination: /^\d{6}$/.test(s.destination) ? describeRegion(s.destination) : s.destination, count: s.members.length, ids: s.members.map((m) => `#${m}`).join(' ') },
        })));
      },
    },
  ],
};
