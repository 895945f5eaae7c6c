import { reply } from '../../bot/flow.js';
import { describeRegion } from '../../bot/regions/index.js';
import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import { authorize, managedOrgs } from '../access/authorize.js';
import { idOf, problem, wordsOf } from '../args.js';
import { organisationNamed } from '../access/byName.js';
import { takesMember } from '../memberArg.js';
import { attachToInflow, suggestTemporaryBranches } from './twoWay.js';

/** 双向管理: members attached to an inflow organisation, and where a 临时党支部 should be set up. */
export const twoWayFeature: Feature = {
  name: 'twoWay',
  commands: [
    takesMember({
      name: 'attach', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async (ctx, arg) => {
        const words = wordsOf(arg);
        const memberId = idOf(words[0]);
        if (memberId === undefined) return problem('attach', 'staff-missing-member');
        const orgWord = words.slice(1).join(' ');
        if (!orgWord) return problem('attach', 'staff-missing-org');
        if (orgWord === 'none' || orgWord === '无') return answer(await attachToInflow(ctx.tx, ctx.facts.personId, memberId, null, ctx.now));
        const org = await organisationNamed(ctx.tx, orgWord);
        if (org === 'many') return problem('attach', 'staff-org-ambiguous', { name: orgWord });
        if (!org) return problem('attach', 'staff-no-such-org', { word: orgWord });
        return answer(await attachToInflow(ctx.tx, ctx.facts.personId, memberId, org.id, ctx.now));
      },
    }),
    {
      name: 'tempbranch', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
      run: async ({ tx, facts, now }) => {
        const [org] = await managedOrgs(tx, facts.personId);
        if (!org || !(await authorize(tx, facts.personId, 'stats.view', { kind: 'org', id: org.id }, now, { view: 'tempbranch' }))) return answer([reply('staff-managers-only')]);
        const { places, total } = await suggestTemporaryBranches(tx, org.path);
        if (places.length === 0) return answer([reply('staff-tempbranch-none')]);
        const lines = places.map((s) => reply('staff-tempbranch-suggest', {
          args: { destination: /^\d{6}$/.test(s.destination) ? describeRegion(s.destination) || '—' : s.destination, count: s.count, names: s.names.join('、') + (s.count > s.names.length ? '…' : '') },
        }));
        return answer(total > places.length ? [...lines, reply('staff-tempbranch-more', { args: { count: total - places.length, shown: places.length } })] : lines);
      },
    },
  ],
};
