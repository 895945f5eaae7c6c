import { declaredCommands } from '../../support/commands.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SLACK_ENDPOINT, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { Core, HandleResult } from '../../../src/bot/core.js';
import { t } from '../../../src/bot/i18n/index.js';
import type { Incoming } from '../../../src/bot/types.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { LogCapture } from '../../support/bot.js';
import { dmChannelOf, FakeSlack } from '../../support/fakeSlack.js';
import { directMessage, postToSlackApp } from '../../support/slackRequests.js';

/** When the core cannot work (database down, a bug), Slack still gets its ack and the member is not left hanging. */
describe('Slack adapter when the core is in trouble', () => {
  const fake = new FakeSlack();
  const logs = new LogCapture();
  let adapter: SlackAdapter;
  let url = '';
  let answer: () => Promise<HandleResult> = async () => ({ status: 'unavailable' });
  const handed: Incoming[] = [];
  const core: Core = {
    commands: declaredCommands,
    handle: (i) => {
      handed.push(i);
      return answer();
    },
    registerTransport: () => {},
    kick: () => {},
  };
  const user = 'UTROUBLE01';

  beforeAll(async () => {
    await fake.start();
    adapter = createSlackAdapter({
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 'sec', SLACK_API_URL: fake.url }),
      core,
      logger: createLogger('debug', logs),
      port: 0,
      host: '127.0.0.1',
    });
    url = `http://127.0.0.1:${(await adapter.start()).port}${SLACK_ENDPOINT}`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake.stop();
  });

  it('says once in the DM that the message will be handled, and keeps trying while the database is out of reach', async () => {
    const res = await postToSlackApp(url, 'sec', directMessage(user, dmChannelOf(user), '我的情况'));
    expect(res.status).toBe(200);
    const [held] = await fake.waitFor(() => fake.messagesIn(dmChannelOf(user)).length > 0 && fake.messagesIn(dmChannelOf(user)));
    expect(held!.text).toBe(t('zh-CN', 'common-held'));
    await fake.waitFor(() => handed.length >= 3);
    expect(fake.messagesIn(dmChannelOf(user))).toHaveLength(1);
  });

  it('acks and logs only ids when the core throws', async () => {
    answer = async () => {
      throw Object.assign(new Error('boom: 我的情况'), { code: 'XX000' });
    };
    const req = directMessage(user, dmChannelOf(user), '秘密的话');
    expect((await postToSlackApp(url, 'sec', req)).status).toBe(200);
    await fake.waitFor(() => logs.text.includes('slack update failed'));
    expect(logs.text).toContain(req.eventId);
    expect(logs.text).toContain('XX000');
    expect(logs.text).not.toContain('秘密的话');
    expect(logs.text).not.toContain('我的情况');
  });

  it('does not publish App Home without a database to read it from', async () => {
    await postToSlackApp(url, 'sec', { ...directMessage(user, dmChannelOf(user), ''), body: JSON.stringify({ type: 'event_callback', event_id: 'EvHOME', event: { type: 'app_home_opened', user, tab: 'home' } }) });
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsOf('views.publish')).toEqual([]);
  });
});
