import { answer, type Feature } from '../../bot/registry.js';
import { inviteMember } from './inviteMember.js';
import { takesMember } from '../memberArg.js';

/** One-time invite codes that link a member's chat account to their record. */
export function invitesFeature(config: { INVITE_CODE_TTL_DAYS: number }): Feature {
  return {
    name: 'invites',
    commands: [
      takesMember({
        // Slack's own /invite adds people to a channel: here it is /staff invite.
        name: 'invite', who: 'staff', menu: true, slack: 'sub',
        run: async (ctx, arg) => answer(await inviteMember(ctx.tx, ctx.facts.personId, arg, ctx.now, config.INVITE_CODE_TTL_DAYS)),
      }),
    ],
  };
}
