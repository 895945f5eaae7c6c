import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { slackManifest } from '../../src/adapters/slack/manifest.js';
import { hasMessage } from '../../src/bot/i18n/index.js';
import { commandInfo, createRegistry, menuCommands, type Feature } from '../../src/bot/registry.js';
import type { Core } from '../../src/bot/core.js';
import { loadConfig } from '../../src/config.js';
import { allFeatures } from '../../src/features/index.js';
import { createLogger } from '../../src/logger.js';
import { LogCapture } from '../support/bot.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.js';

const registry = createRegistry(allFeatures(loadConfig({})));
const declared = commandInfo(registry);

describe('the feature registry', () => {
  it('parses slash commands, their aliases and the words members type, and knows what it does not know', () => {
    const name = (text: string) => {
      const parsed = registry.parse(text);
      return parsed === undefined ? undefined : 'unknown' in parsed ? 'unknown' : `${parsed.spec.name}|${parsed.arg}`;
    };
    expect(name('/report')).toBe('report|');
    expect(name('/checkin')).toBe('report|');
    expect(name('/Report@some_bot')).toBe('report|');
    expect(name('月度报到')).toBe('report|');
    expect(name(' 菜单 ')).toBe('menu|');
    expect(name('/log 12 电话 在家')).toBe('log|12 电话 在家');
    expect(name('/bogus')).toBe('unknown');
    expect(name('还在原地')).toBeUndefined();
  });

  it('takes a staff word followed by arguments like the slash command, from staff only', () => {
    const asStaff = (text: string) => {
      const parsed = registry.parse(text, { isStaff: true });
      return parsed && 'spec' in parsed ? `${parsed.spec.name}|${parsed.arg}` : parsed;
    };
    expect(asStaff('导出 花名册')).toBe('export|花名册');
    expect(asStaff('记录 张建国 电话 在家')).toBe('log|张建国 电话 在家');
    expect(asStaff('外出登记 张建国 2026-03-01 东莞')).toBe('depart|张建国 2026-03-01 东莞');
    expect(asStaff('导出')).toBe('export|');
    // A member's words (求助, 报到) stand alone even for staff, and nobody's free text becomes a staff command.
    expect(asStaff('求助 工资没发')).toBeUndefined();
    expect(registry.parse('导出 花名册', { isStaff: false })).toBeUndefined();
    expect(registry.parse('记录 今天很好')).toBeUndefined();
    expect(registry.parse('记录', { isStaff: false })).toBeUndefined();
  });

  it('refuses a command declared twice', () => {
    const twice: Feature[] = [{ name: 'a', commands: [{ name: 'x', who: 'anyone', run: () => ({ kind: 'reply', replies: [] }) }] }, { name: 'b', commands: [{ name: 'x', who: 'anyone', run: () => ({ kind: 'reply', replies: [] }) }] }];
    expect(() => createRegistry(twice)).toThrow('/x');
  });

  it('has a menu description for every command in both languages, and usage in both or neither', () => {
    const missing = declared.flatMap((c) => (['zh-CN', 'en'] as const).filter((l) => !hasMessage(l, `cmd-${c.name}`)).map((l) => `${l}: cmd-${c.name}`));
    expect(missing).toEqual([]);
    const halfUsage = declared.filter((c) => hasMessage('zh-CN', `cmd-${c.name}-usage`) !== hasMessage('en', `cmd-${c.name}-usage`)).map((c) => c.name);
    expect(halfUsage).toEqual([]);
  });

  it('lists every staff tool in the staff menu and none in the members’ menu', () => {
    const staffTools = declared.filter((c) => c.who === 'staff').map((c) => c.name);
    expect(staffTools).toEqual(expect.arrayContaining(['members', 'invite', 'caseload', 'log', 'hr', 'stats', 'broadcast']));
    expect(menuCommands(declared, 'member').map((c) => c.name)).not.toEqual(expect.arrayContaining(['caseload']));
    expect(menuCommands(declared, 'staff').map((c) => c.name)).toEqual(expect.arrayContaining(staffTools));
  });

  it('matches the Slack manifest in the repository (npm run slack:manifest writes it)', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../slack-app-manifest.json', import.meta.url), 'utf8'));
    expect(onDisk).toEqual(slackManifest(declared, (name) => hasMessage('zh-CN', `cmd-${name}-usage`)));
  });
});

describe('the Telegram menus', () => {
  let fake: FakeTelegram;
  let adapter: TelegramAdapter;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    const core: Core = { commands: declared, handle: async () => ({ status: 'applied' }), registerTransport: () => {}, kick: () => {} };
    adapter = createTelegramAdapter({
      config: loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url }),
      core,
      logger: createLogger('debug', new LogCapture()),
      pollTimeoutSeconds: 1,
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.stop();
  });

  const commandsOf = (call: { params: Record<string, unknown> }) => (call.params.commands as { command: string }[]).map((c) => c.command);

  it('publish the members’ commands of the registry in private chats, in every language', () => {
    const privateMenus = fake.callsOf('setMyCommands').filter((c) => (c.params.scope as { type: string }).type === 'all_private_chats');
    expect(privateMenus).toHaveLength(3);
    for (const menu of privateMenus) expect(commandsOf(menu)).toEqual(menuCommands(declared, 'member').map((c) => c.name));
  });

  it('publish the staff commands of the registry in a staff member’s chat', async () => {
    await adapter.showStaffMenu('620000003', 'en');
    expect(commandsOf(fake.callsOf('setMyCommands').at(-1)!)).toEqual(menuCommands(declared, 'staff').map((c) => c.name));
  });
});
