import type { Config } from '../../config.js';
import { reply } from '../../bot/flow.js';
import { answer, type Feature, MANAGERS } from '../../bot/registry.js';
import { audiencePreview } from './audience.js';
import { studyDelivery } from './delivery.js';
import { bindGroup } from './groups.js';
import { markNoticeRead } from './reads.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { previewBroadcast, sendBroadcast, type NoticePacing } from './notices.js';
import { orgCondition, takesOrg } from '../orgArg.js';
import type { SettingDefaults } from '../settings/index.js';

export type BroadcastsConfig = SettingDefaults & Pick<Config, 'DEFAULT_TIMEZONE'>;

/** Notices to an audience (preview, confirm, send), how they were delivered and read, and branch groups. */
export function broadcastsFeature(config: BroadcastsConfig): Feature {
  const pacing: NoticePacing = { defaults: config, timezone: config.DEFAULT_TIMEZONE };
  return {
    name: 'broadcasts',
    commands: [
      takesOrg({
        name: 'broadcast', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub',
        run: async (ctx, arg) => {
          const preview = await previewBroadcast(ctx.tx, ctx.facts.personId, arg, ctx.now);
          return preview.flowArg ? { kind: 'flow', flow: 'broadcast', arg: preview.flowArg } : answer(preview.replies);
        },
      }, orgCondition),
      takesOrg({ name: 'audience', who: 'staff', menu: true, roles: MANAGERS, slack: 'sub', run: async (ctx, arg) => answer(await audiencePreview(ctx.tx, ctx.facts.personId, arg, ctx.now)) }, orgCondition),
      { name: 'delivery', who: 'staff', menu: true, slack: 'sub', run: async (ctx) => answer(await studyDelivery(ctx.tx, ctx.facts.personId, ctx.now)) },
      {
        // In a private chat there is no group to bind: say where it works.
        name: 'bind', who: 'anyone',
        run: () => answer([reply('group-bind-in-group')]),
        inGroup: (ctx) => bindGroup(ctx.tx, ctx.personId, ctx.incoming, ctx.now),
      },
    ],
    // "已读" under a notice.
    buttons: [{ pattern: /^notice:read:(\d+)$/, who: 'anyone', run: (ctx, m) => markNoticeRead(ctx.tx, ctx.facts, idOf(m[1]) ?? NO_SUCH_ID, ctx.now) }],
    effects: {
      // The person here is the secretary who confirmed; the audience is checked against their scope again.
      sendBroadcast: (ctx, effect) => sendBroadcast(ctx.tx, ctx.facts.personId, effect.filter, effect.text, ctx.now, pacing),
    },
  };
}
