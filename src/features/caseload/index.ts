import { reply } from '../../bot/flow.js';
import { answer, type Feature } from '../../bot/registry.js';
import { caseloadReply } from './caseload.js';
import { logContact, parseLogArgs, type ContactKind } from './contacts.js';
import { myMembers } from './myMembers.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { takesMember } from '../memberArg.js';

/** A liaison's own members (一人一卡、一月一访): who has not reported, who is not contacted, and the contact log. */
export const caseloadFeature: Feature = {
  name: 'caseload',
  commands: [
    {
      name: 'members', aliases: ['mymembers'], who: 'staff', menu: true, slack: { slash: '/mymembers' },
      run: async (ctx) => answer(await myMembers(ctx.tx, ctx.facts.personId, ctx.now, ctx.facts.language)),
    },
    { name: 'caseload', who: 'staff', menu: true, slack: 'sub', run: async (ctx) => answer(await caseloadReply(ctx.tx, ctx.facts.personId, ctx.now, ctx.facts.language)) },
    takesMember({
      name: 'log', words: ['记录'], who: 'staff', menu: true, slack: 'sub',
      run: async (ctx, arg) => {
        const parsed = parseLogArgs(arg);
        return answer(parsed ? await logContact(ctx.tx, ctx.facts, parsed.kind, parsed.memberId, ctx.now, parsed.note) : [reply('staff-log-usage')]);
      },
    }),
  ],
  buttons: [
    {
      // A liaison's "log a call" under a digest or on the App Home.
      pattern: /^contact:(call|message|visit):(\d+)$/,
      who: 'staff',
      run: (ctx, m) => logContact(ctx.tx, ctx.facts, m[1] as ContactKind, idOf(m[2]) ?? NO_SUCH_ID, ctx.now),
    },
  ],
};
