import { answerResolvedRequest } from './effects.js';
import { reply } from './flow.js';
import { looksLikeCode } from './invites.js';
import { menu } from './menu.js';
import { answer, type CommandSpec, type Feature } from './registry.js';
import { myStatus } from './status.js';
import { helpText } from './helpText.js';
import { NO_SUCH_ID, parseId } from './ids.js';

/**
 * The commands every person has, and the member flows they start. Declared like any feature, so menus,
 * /help and the Slack manifest list them the same way; the order here is the order of the menus.
 */
const memberCommands: CommandSpec[] = [
  { name: 'report', aliases: ['checkin'], words: ['报到', '月度报到'], who: 'member', menu: true, slack: { slash: '/report' }, run: () => ({ kind: 'flow', flow: 'checkIn' }) },
  { name: 'location', who: 'member', menu: true, slack: { slash: '/location' }, run: () => ({ kind: 'flow', flow: 'location' }) },
  { name: 'helpme', words: ['求助'], who: 'member', menu: true, slack: { slash: '/helpme' }, run: () => ({ kind: 'flow', flow: 'help' }) },
  { name: 'thought', who: 'member', menu: true, slack: { slash: '/thought' }, run: () => ({ kind: 'flow', flow: 'thoughtReport' }) },
  { name: 'status', words: ['我的情况'], who: 'anyone', menu: true, slack: { slash: '/mystatus' }, run: async (ctx) => answer(await myStatus(ctx.tx, ctx.facts)) },
  { name: 'menu', words: ['菜单', 'menu'], who: 'anyone', menu: true, slack: { slash: '/menu' }, run: (ctx) => ({ kind: 'end', replies: [menu(ctx.facts)] }) },
  { name: 'language', who: 'anyone', menu: true, run: () => ({ kind: 'flow', flow: 'language' }) },
  {
    name: 'cancel', words: ['取消', 'cancel'], who: 'anyone', menu: true, slack: { slash: '/cancel' },
    run: (ctx) => ({ kind: 'end', replies: [reply(ctx.current ? 'common-cancelled' : 'common-nothing-to-cancel'), menu(ctx.facts)] }),
  },
  { name: 'help', words: ['帮助'], who: 'anyone', menu: true, run: (ctx) => answer([helpText(ctx.facts, ctx.commands), menu(ctx.facts)]) },
  { name: 'withdraw', who: 'member', run: () => ({ kind: 'flow', flow: 'consent', arg: 'withdraw' }) },
  { name: 'consent', who: 'member', run: () => ({ kind: 'flow', flow: 'consent' }) },
  {
    name: 'start', who: 'anyone',
    // A linked person who taps an invite link again: nothing to redeem, and nothing lost.
    // Coming back with a question open (after a pause, or a restart of the app): that question again, not the menu.
    run: (ctx, arg) => {
      if (arg && looksLikeCode(arg)) return answer([reply('onboarding-already-linked'), menu(ctx.facts)]);
      if (ctx.current?.asked) return answer([reply('common-resume'), ctx.current.asked]);
      return { kind: 'end', replies: [menu(ctx.facts, 'menu-welcome-back')] };
    },
  },
];

export const memberFeature: Feature = {
  name: 'member',
  commands: memberCommands,
  buttons: [
    {
      // The member closes or reopens a request the branch marked resolved.
      pattern: /^hr:(confirm|reopen):(\d+)$/,
      who: 'anyone',
      run: (ctx, m) => answerResolvedRequest(ctx.tx, ctx.facts.personId, parseId(m[2]) ?? NO_SUCH_ID, m[1] === 'confirm', ctx.now),
    },
  ],
};
