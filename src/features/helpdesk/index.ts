import { reply } from '../../bot/flow.js';
import { answer, type Feature } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID, wordsOf } from '../args.js';
import { handOverRequest, noteRequest, resolveRequest, takeRequest } from './requests.js';

/** Help requests (服务) worked by the branch: take, note, hand over, resolve; the member confirms or reopens. */
export const helpdeskFeature: Feature = {
  name: 'helpdesk',
  commands: [
    {
      name: 'hr', who: 'staff', menu: true, slack: 'sub',
      run: async (ctx, arg) => {
        const words = wordsOf(arg);
        const [requestId, verb, target] = [idOf(words[0]), words[1], idOf(words[2])];
        const { tx, now } = ctx;
        const staffId = ctx.facts.personId;
        if (requestId === undefined) return answer([reply('staff-help-usage')]);
        if (verb === 'take' || verb === '接办') return answer(await takeRequest(tx, staffId, requestId, now));
        if (verb === 'resolve' || verb === '解决') return answer(await resolveRequest(tx, staffId, requestId, now));
        if ((verb === 'handover' || verb === '转交') && target !== undefined) return answer(await handOverRequest(tx, staffId, requestId, target, now));
        if (verb === 'note' || verb === '备注') return answer(await noteRequest(tx, staffId, requestId, words.slice(2).join(' '), now));
        return answer([reply('staff-help-usage')]);
      },
    },
  ],
  buttons: [
    {
      pattern: /^hr:(take|resolve):(\d+)$/,
      who: 'staff',
      run: (ctx, m) => (m[1] === 'take' ? takeRequest : resolveRequest)(ctx.tx, ctx.facts.personId, idOf(m[2]) ?? NO_SUCH_ID, ctx.now),
    },
  ],
};
