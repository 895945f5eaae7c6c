import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmChannelOf, startSlackHarness, type SlackHarness } from '../adapters/slack/setup.js';
import { directMessage, slashCommand } from '../support/slackRequests.js';

/**
 * A signed request is only as fresh as its timestamp. Slack's own rule is five minutes either way: a request
 * "from the future" is a replay prepared in advance (or a clock gone wrong) and is refused like a stale one.
 * Signatures use real time, as Slack's do; the margins are minutes, so machine speed does not matter.
 */
let h: SlackHarness;
const user = 'UFUTURE01';
const nowSec = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => h?.close());

async function refused(offsetSec: number, kind: 'event' | 'command' = 'event') {
  const before = await h.counts();
  const handedBefore = h.handed.length;
  const req = kind === 'event' ? directMessage(user, dmChannelOf(user), 'replayed later on') : slashCommand(user, '/status');
  const res = await h.post({ ...req, timestamp: nowSec() + offsetSec });
  expect(res.status).toBe(401);
  await new Promise((r) => setTimeout(r, 200));
  expect(h.handed.length).toBe(handedBefore);
  expect(await h.counts()).toEqual(before);
}

describe('Slack request timestamps', () => {
  it('refuses an event signed 10 minutes in the future', () => refused(10 * 60));
  it('refuses an event signed a day in the future', () => refused(24 * 3600));
  it('refuses a slash command signed 5 minutes and 1 second in the future', () => refused(5 * 60 + 1, 'command'));
  it('refuses a timestamp that is not a number', async () => {
    const res = await h.post({ ...directMessage(user, dmChannelOf(user), 'x'), timestamp: Number.NaN });
    expect(res.status).toBe(401);
  });

  it('still accepts a request signed 4 minutes ahead or behind (clocks drift)', async () => {
    const handedBefore = h.handed.length;
    expect((await h.post({ ...directMessage(user, dmChannelOf(user), 'ahead'), timestamp: nowSec() + 4 * 60 })).status).toBe(200);
    expect((await h.post({ ...directMessage(user, dmChannelOf(user), 'behind'), timestamp: nowSec() - 4 * 60 })).status).toBe(200);
    await h.settled(handedBefore + 2);
  });

  it('logs the refusal without the body', () => {
    expect(h.test.logs.text).toContain('timestamp out of range');
    expect(h.test.logs.text).not.toContain('replayed later on');
  });
});
