import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outboxMessages } from '../../../src/db/schema/index.js';
import { enqueue } from '../../../src/outbox/enqueue.js';
import { directMessage, eventRequest } from '../../support/slackRequests.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness } from './setup.js';

const member = 'U0UNINST1';

/** The app removed from the workspace: Slack says so once; the bot stops sending there and says why in the log. */
describe('slack app_uninstalled and tokens_revoked', () => {
  let h: SlackHarness;
  const rowsFor = async (key: string) => (await h.test.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key)))[0]!;
  async function queueLater(key: string) {
    const now = h.test.clock.now();
    await enqueue(h.test.database.db, [{ idempotencyKey: key, platform: 'slack', chatId: dmChannelOf(member), purpose: 'reminder', message: { text: '报到提醒' }, notBefore: new Date(now.getTime() + 3_600_000) }], now);
  }
  async function event(body: Record<string, unknown>) {
    const before = h.events.length;
    const res = await h.post(eventRequest(body));
    expect(res.status).toBe(200);
    return before;
  }

  beforeAll(async () => {
    h = await startSlackHarness();
    await linkSlackUser(h, member, '张建国');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('changes nothing when only user tokens are revoked: the bot holds none', async () => {
    await queueLater('later-1');
    await event({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } });
    await h.fake.waitFor(() => h.test.logs.text.includes('user tokens revoked'));
    expect(h.events).toEqual([]);
    expect((await rowsFor('later-1')).status).toBe('pending');
    const posted = h.fake.callsOf('chat.postMessage').length;
    await h.post(directMessage(member, dmChannelOf(member), '/help'));
    await h.settled(h.handed.length);
    await h.drain();
    expect(h.fake.callsOf('chat.postMessage').length).toBeGreaterThan(posted);
  });

  it('on app_uninstalled cancels what waits for Slack, refuses every later send at once, and logs it', async () => {
    await event({ type: 'app_uninstalled' });
    await h.fake.waitFor(() => h.events.length > 0);
    expect(h.events).toEqual([{ kind: 'workspace-gone', platform: 'slack', reason: 'app_uninstalled' }]);
    expect((await rowsFor('later-1')).status).toBe('cancelled');

    // Something queued afterwards (a schedule does not know) fails at once, with no call to Slack and no retry.
    const posted = h.fake.callsOf('chat.postMessage').length;
    const now = h.test.clock.now();
    await enqueue(h.test.database.db, [{ idempotencyKey: 'after-uninstall', platform: 'slack', chatId: dmChannelOf(member), purpose: 'notify', message: { text: '通知' }, notBefore: now }], now);
    h.test.bot.core.kick();
    await h.drain();
    const row = await rowsFor('after-uninstall');
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('app_uninstalled');
    expect(row.attempts).toBe(1);
    expect(h.fake.callsOf('chat.postMessage').length).toBe(posted);
    expect(h.test.logs.text).toContain('the app was removed from the workspace');
    expect(h.test.logs.text).toContain('its waiting messages are cancelled');
  });
});

describe('slack tokens_revoked for the bot token', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stops sending as an uninstall does', async () => {
    const now = h.test.clock.now();
    await enqueue(h.test.database.db, [{ idempotencyKey: 'waiting', platform: 'slack', chatId: 'D0SOMEONE', purpose: 'reminder', message: { text: '提醒' }, notBefore: new Date(now.getTime() + 60_000) }], now);
    await h.post(eventRequest({ type: 'tokens_revoked', tokens: { bot: ['UBOT0001'] } }));
    await h.fake.waitFor(() => h.events.length > 0);
    expect(h.events).toEqual([{ kind: 'workspace-gone', platform: 'slack', reason: 'tokens_revoked' }]);
    expect(h.adapter.life.gone).toBe(true);
    const [row] = await h.test.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'waiting'));
    expect(row!.status).toBe('cancelled');
  });
});
