import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_ENDPOINT } from '../../../src/adapters/slack/index.js';
import { declaredCommands } from '../../support/commands.js';
import { slashCommands } from '../../../src/adapters/slack/inbound.js';
import { builtInCollisions } from '../../../src/adapters/slack/builtins.js';
import { slackManifest } from '../../../src/adapters/slack/manifest.js';

const manifest = JSON.parse(readFileSync(new URL('../../../slack-app-manifest.json', import.meta.url), 'utf8'));

/** The manifest an admin pastes must ask for exactly what the adapter listens to. */
describe('Slack app manifest', () => {
  it('subscribes to the events the adapter handles, at the adapter’s endpoint', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked']);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(new RegExp(`${SLACK_ENDPOINT}$`));
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: manifest.settings.event_subscriptions.request_url });
  });

  it('declares every slash command the adapter understands, and no other', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string; url: string }) => {
      expect(c.url).toMatch(new RegExp(`${SLACK_ENDPOINT}$`));
      return c.command;
    });
    expect(declared.sort()).toEqual(Object.keys(slashCommands(declaredCommands)).sort());
  });

  it('declares no slash command Slack keeps for itself (/status, /invite, …): Slack would refuse the manifest', () => {
    const declared = Object.keys(slashCommands(declaredCommands));
    expect(builtInCollisions(declared)).toEqual([]);
    expect(builtInCollisions(manifest.features.slash_commands.map((c: { command: string }) => c.command))).toEqual([]);
    // The check itself knows the two that were once declared.
    expect(builtInCollisions(['/status', '/invite', '/report'])).toEqual(['/status', '/invite']);
  });

  it('is refused when a feature declares a Slack built-in as its slash command', () => {
    const clashing = [...declaredCommands, { name: 'topic', who: 'staff' as const, slack: { slash: '/topic' } }];
    expect(() => slackManifest(clashing, () => false)).toThrow(/\/topic/);
  });

  it('keeps every staff tool reachable: as /staff <tool>, or a slash command of its own', () => {
    const table = slashCommands(declaredCommands);
    expect(table['/staff']).toBe('/staff');
    for (const c of declaredCommands.filter((c) => c.who === 'staff')) {
      expect(c.slack === 'sub' || (typeof c.slack === 'object' && table[c.slack.slash] === `/${c.name}`)).toBe(true);
    }
  });

  it('has the App Home with its Messages tab, and the scopes the calls need', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    // chat.postMessage/chat.update, message.im, conversations.open, app_mention, slash commands.
    // users.info (each person's time zone): users:read.
    for (const s of ['chat:write', 'im:history', 'im:write', 'app_mentions:read', 'commands', 'users:read']) expect(scopes).toContain(s);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const c of manifest.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
  });
});
