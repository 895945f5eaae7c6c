import { t } from '../../bot/i18n/index.js';
import type { CommandInfo } from '../../bot/registry.js';
import { slashCommands, STAFF_SLASH } from './inbound.js';
import { builtInCollisions } from './builtins.js';

const ENDPOINT = 'https://YOUR-HOST/slack/events';

/** Slack's description field: Chinese then English, within its 100 characters. */
function describe(key: string): string {
  return `${t('zh-CN', key)} ${t('en', key)}`.slice(0, 100);
}

function slashEntry(slash: string, name: string, hasUsage: boolean) {
  const usage = hasUsage ? { usage_hint: `${t('zh-CN', `cmd-${name}-usage`)} / ${t('en', `cmd-${name}-usage`)}`.slice(0, 100) } : {};
  return { command: slash, url: ENDPOINT, description: describe(`cmd-${name}`), ...usage, should_escape: false };
}

/**
 * The app manifest an admin pastes into Slack, written from the registry so that its slash commands are
 * exactly those the adapter understands. `npm run slack:manifest` writes slack-app-manifest.json.
 */
export function slackManifest(declared: readonly CommandInfo[], hasUsage: (name: string) => boolean) {
  const table = slashCommands(declared);
  const taken = builtInCollisions(Object.keys(table));
  if (taken.length) throw new Error(`Slack keeps these slash commands for itself: ${taken.join(', ')} (declare them as /staff sub-commands or under another name)`);
  const slashes = declared
    .filter((c) => typeof c.slack === 'object' && table[c.slack.slash])
    .map((c) => slashEntry((c.slack as { slash: string }).slash, c.name, hasUsage(c.name)));
  if (table[STAFF_SLASH]) slashes.push(slashEntry(STAFF_SLASH, 'staff', true));
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: '党员联络助手',
      description: '流动党员月度报到、求助、思想汇报；联络员和支部书记的工作台。Monthly check-ins, help requests and thought reports for mobile party members.',
      long_description:
        '在私信里点按钮完成月度报到、更新所在地（只记城市）、向支部求助、提交思想汇报。联络员在主页看到自己联系的党员谁超期、谁本月未联系；支部书记看到支部汇总。Members check in, share their city, ask for help and send the quarterly thought report by tapping buttons in a direct message; liaisons and secretaries see their caseload and branch summary on the Home tab.',
      background_color: '#9e1b1b',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: '党员联络助手', always_online: true },
      slash_commands: slashes,
    },
    oauth_config: { scopes: { bot: ['chat:write', 'im:history', 'im:read', 'im:write', 'app_mentions:read', 'commands', 'files:read', 'files:write', 'users:read'] } },
    settings: {
      event_subscriptions: { request_url: ENDPOINT, bot_events: ['message.im', 'app_home_opened', 'app_mention', 'app_uninstalled', 'tokens_revoked'] },
      interactivity: { is_enabled: true, request_url: ENDPOINT },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
