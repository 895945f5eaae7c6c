import { declaredCommands } from '../../support/commands.js';
import { describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { incomingOfDirectMessage, plainTextOf, pointOfMapLink, slashCommands, textOfSlashCommand } from '../../../src/adapters/slack/inbound.js';
import { slackCatalogueKeys, slackText } from '../../../src/adapters/slack/texts.js';
import type { Core } from '../../../src/bot/core.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { LogCapture } from '../../support/bot.js';

describe('Slack settings', () => {
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    return undefined;
  };

  it('is off with nothing set, and HTTP mode needs the signing secret, named', () => {
    expect(loadConfig({}).SLACK_BOT_TOKEN).toBeUndefined();
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_SIGNING_SECRET');
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toBeUndefined();
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toBeUndefined();
  });

  it('names a token of the wrong kind, a bad URL, a bad port, a secret without a token', () => {
    expect(problem({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_BOT_TOKEN');
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toContain('SLACK_APP_TOKEN');
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'nope' })).toContain('SLACK_API_URL');
    expect(problem({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '70000' })).toContain('SLACK_PORT');
    expect(problem({ SLACK_SIGNING_SECRET: 's' })).toContain('SLACK_BOT_TOKEN');
  });

  it('chooses Socket Mode when the app token is set, the HTTP receiver otherwise', () => {
    const core: Core = { commands: declaredCommands, handle: async () => ({ status: 'applied' }), registerTransport: () => {}, kick: () => {} };
    const logger = createLogger('silent', new LogCapture());
    const socket = createSlackAdapter({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }), core, logger });
    expect(socket.mode).toBe('socket');
    const http = createSlackAdapter({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }), core, logger });
    expect(http.mode).toBe('http');
    expect(() => createSlackAdapter({ config: { ...loadConfig({}), SLACK_BOT_TOKEN: 'xoxb-1' }, core, logger })).toThrow(/SLACK_SIGNING_SECRET/);
  });
});

describe('Slack input', () => {
  it('undoes Slack’s escaping and link wrapping', () => {
    expect(plainTextOf('a &lt;b&gt; &amp; <https://x.example/|x> <mailto:a@b.c>')).toBe('a <b> & x mailto:a@b.c');
  });

  it('reads a point from the map links people paste, and nothing else', () => {
    expect(pointOfMapLink('geo:23.0207,113.7518')).toEqual({ lat: 23.0207, lng: 113.7518 });
    expect(pointOfMapLink('https://maps.google.com/?q=23.0207,113.7518')).toEqual({ lat: 23.0207, lng: 113.7518 });
    expect(pointOfMapLink('https://www.google.com/maps/place/x/@23.0207,113.7518,15z')).toEqual({ lat: 23.0207, lng: 113.7518 });
    expect(pointOfMapLink('https://uri.amap.com/marker?position=113.7518,23.0207')).toEqual({ lat: 23.0207, lng: 113.7518 });
    expect(pointOfMapLink('我在 23.02,113.75')).toBeUndefined();
    expect(pointOfMapLink('geo:123,500')).toBeUndefined();
  });

  it('gives each attached file its own update id', () => {
    const ins = incomingOfDirectMessage('Ev1', { type: 'message', subtype: 'file_share', channel: 'D1', channel_type: 'im', user: 'U1', files: [{ id: 'F1' }, { id: 'F2', mimetype: 'image/png' }] });
    expect(ins.map((i) => [i.updateId, i.body])).toEqual([
      ['Ev1', { kind: 'file', fileRef: 'F1' }],
      ['Ev1:1', { kind: 'file', fileRef: 'F2', mime: 'image/png' }],
    ]);
  });

  it('passes on a direct message with nothing readable, and an audio clip as a file, so the person gets an answer (issue 13)', () => {
    const empty = incomingOfDirectMessage('Ev2', { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: '' });
    expect(empty.map((i) => i.body)).toEqual([{ kind: 'unreadable', what: 'other' }]);
    const clip = incomingOfDirectMessage('Ev3', { type: 'message', subtype: 'file_share', channel: 'D1', channel_type: 'im', user: 'U1', files: [{ id: 'F3', mimetype: 'audio/webm' }] });
    expect(clip.map((i) => i.body)).toEqual([{ kind: 'file', fileRef: 'F3', mime: 'audio/webm' }]);
    // Still nothing from bots, edits or channels.
    expect(incomingOfDirectMessage('Ev4', { type: 'message', subtype: 'message_changed', channel: 'D1', channel_type: 'im', user: 'U1' })).toEqual([]);
    expect(incomingOfDirectMessage('Ev5', { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', bot_id: 'B1' })).toEqual([]);
  });

  it('maps the manifest’s slash commands to what the core understands', () => {
    expect(textOfSlashCommand('/report', '', slashCommands(declaredCommands))).toBe('/report');
    expect(textOfSlashCommand('/mymembers', undefined, slashCommands(declaredCommands))).toBe('/members');
    expect(textOfSlashCommand('/mystatus', undefined, slashCommands(declaredCommands))).toBe('/status');
    expect(textOfSlashCommand('/staff', ' invite 12 ', slashCommands(declaredCommands))).toBe('/invite 12');
    // Slack's own /invite never reaches the app: it is not ours to declare.
    expect(textOfSlashCommand('/invite', ' 12 ', slashCommands(declaredCommands))).toBeUndefined();
    expect(textOfSlashCommand('/unknown', '', slashCommands(declaredCommands))).toBeUndefined();
  });
});

describe('Slack texts', () => {
  it('has the same keys in both languages, and every one renders', () => {
    const zh = slackCatalogueKeys('zh-CN');
    expect(slackCatalogueKeys('en').sort()).toEqual([...zh].sort());
    const args = { label: 'x', total: 1, overdue: 0, notReported: 0, notContacted: 0, requests: 0, mark: '🟢', name: 'n', id: 1, reported: 'yes', contacted: 'no', lastContact: '-', org: 'o', members: 1, mobile: 0, laidOff: 0, lost: 0, probationary: 0, thought: 0, done: 'no' };
    for (const lang of ['zh-CN', 'en'] as const) for (const key of zh) expect(slackText(lang, key, args).length).toBeGreaterThan(0);
  });
});
