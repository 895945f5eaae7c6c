import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanLogs, linkSlackUser, startSlackHarness, type SlackHarness } from './setup.js';
import { dmChannelOf } from '../../support/fakeSlack.js';
import { seen } from '../../support/slackRequests.js';

/**
 * Socket Mode (SLACK_APP_TOKEN set): the adapter opens a WebSocket from apps.connections.open on the fake,
 * which pushes envelopes the way Slack does; every envelope is acknowledged at once, the work follows.
 */
describe('Slack in Socket Mode', () => {
  let h: SlackHarness;
  const user = 'USOCKET001';
  const dm = dmChannelOf(user);
  const eventBody = (eventId: string, event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T0001', api_app_id: 'A0001', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });

  beforeAll(async () => {
    h = await startSlackHarness({ socketMode: true });
    await h.fake.socketMode.waitConnected();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('connected through apps.connections.open with the app token, and listens on no port', () => {
    const open = h.fake.callsOf('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.token).toBe('xapp-test-token');
    expect(h.url).toBe('');
  });

  it('acks an event before the core runs, and applies Slack’s redelivery once', async () => {
    h.coreDelay.ms = 1500;
    const body = eventBody('EvSOCKET1', { type: 'message', channel: dm, channel_type: 'im', user, text: 'hello', ts: '1.1' });
    const first = await h.fake.socketMode.push('events_api', body);
    h.coreDelay.ms = 0;
    expect(first.ackMs).toBeLessThan(1000);
    await h.fake.socketMode.push('events_api', body, { retryAttempt: 1 });
    await h.settled(2);
    expect(h.handed.map((i) => i.updateId)).toEqual(['EvSOCKET1', 'EvSOCKET1']);
    // The redelivery overtook the slow first delivery; either way exactly one was applied.
    expect(h.statuses.filter((r) => r.updateId === 'EvSOCKET1').map((r) => r.status).sort()).toEqual(['applied', 'duplicate']);
    await h.drain();
    expect(h.fake.messagesIn(dm)).toHaveLength(1);
    expect(seen(h.fake.messagesIn(dm)[0]!).text).toContain('邀请码');
  });

  it('takes slash commands and button taps over the socket', async () => {
    await linkSlackUser(h, user, '陈志强', async (req) => {
      await h.fake.socketMode.push('events_api', eventBody(`Ev${Date.now()}`, { type: 'message', channel: dm, channel_type: 'im', user, text: req, ts: '1.2' }));
    });
    const before = h.handed.length;
    await h.fake.socketMode.push('slash_commands', { command: '/report', text: '', user_id: user, channel_id: dm, channel_name: 'directmessage', trigger_id: 'TSOCK1', team_id: 'T0001', api_app_id: 'A0001' });
    await h.settled(before + 1);
    expect(h.handed[before]).toMatchObject({ updateId: 'command:TSOCK1', chatId: dm, body: { kind: 'text', text: '/report' } });
    await h.drain();
    const question = h.fake.messagesIn(dm).at(-1)!;
    const element = question.blocks.flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id }))).find((e) => e.value === 'ci:same')!;
    await h.fake.socketMode.push('interactive', {
      type: 'block_actions', user: { id: user }, team: { id: 'T0001' }, api_app_id: 'A0001', trigger_id: 'TSOCK2',
      container: { type: 'message', message_ts: question.ts, channel_id: dm }, channel: { id: dm }, message: { ts: question.ts, text: question.text, blocks: question.blocks },
      actions: [{ type: 'button', action_id: element.action_id, block_id: element.block_id, value: 'ci:same', text: element.text, action_ts: '1.3' }],
    });
    await h.settled(before + 2);
    expect(h.handed[before + 1]).toMatchObject({ updateId: 'action:TSOCK2', body: { kind: 'button', payload: 'ci:same' } });
    await h.fake.waitFor(() => question.updates > 0);
    expect(seen(question).buttons).toEqual([]);
  });

  it('keeps texts, names and places out of the logs', () => {
    expectCleanLogs(h);
  });
});
