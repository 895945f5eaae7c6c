import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness, expectCleanLogs } from './setup.js';
import { buttonPress, directMessage, eventRequest, seen, signature, slashCommand } from '../../support/slackRequests.js';

/**
 * Signed requests into the real Bolt HTTP receiver: what is accepted, what is refused, what reaches the core,
 * and how fast Slack gets its answer.
 */
describe('Slack HTTP receiver', () => {
  let h: SlackHarness;
  const stranger = 'USTRANGER1';
  const member = 'UMEMBER001';

  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acknowledges a DM before the core has run, and hands it over once with the event_id', async () => {
    h.coreDelay.ms = 1500;
    const req = directMessage(stranger, dmChannelOf(stranger), 'hello');
    const res = await h.post(req);
    h.coreDelay.ms = 0;
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1000);
    await h.settled(1);
    expect(h.handed[0]).toEqual({
      platform: 'slack', updateId: req.eventId, chatId: dmChannelOf(stranger), chatKind: 'private', userId: stranger, body: { kind: 'text', text: 'hello' }, timezone: 'Asia/Shanghai',
    });
    await h.drain();
    const [answer] = h.fake.messagesIn(dmChannelOf(stranger));
    expect(seen(answer!).text).toContain('邀请码');
  });

  it('applies an event that Slack delivers three times (retries with X-Slack-Retry-Num) once', async () => {
    const before = await h.counts();
    const handedBefore = h.handed.length;
    const req = directMessage(stranger, dmChannelOf(stranger), 'hello again');
    const answers = [await h.post(req), await h.post({ ...req, retryNum: 1 }), await h.post({ ...req, retryNum: 2 })];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await h.settled(handedBefore + 3);
    expect(h.handed.slice(handedBefore).map((i) => i.updateId)).toEqual([req.eventId, req.eventId, req.eventId]);
    expect(h.results.get(req.eventId)).toBe('duplicate');
    const after = await h.counts();
    expect(after.processed).toBe(before.processed + 1);
    expect(after.outbox).toBe(before.outbox + 1);
  });

  describe('refuses what Slack did not sign', () => {
    const refused = async (mutate: (req: ReturnType<typeof directMessage>) => Parameters<SlackHarness['post']>[0]) => {
      const before = await h.counts();
      const handedBefore = h.handed.length;
      const res = await h.post(mutate(directMessage(stranger, dmChannelOf(stranger), 'sneaky')));
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.handed.length).toBe(handedBefore);
      expect(await h.counts()).toEqual(before);
    };

    it('a signature made with another secret', () => refused((req) => ({ ...req, secret: 'not-the-secret' })));
    it('a signature that is not hex of the body', () => refused((req) => ({ ...req, signatureOverride: 'v0=deadbeef' })));
    it('a body changed after signing', async () => {
      const ts = Math.floor(Date.now() / 1000);
      await refused((req) => ({ ...req, timestamp: ts, signatureOverride: signature('test-signing-secret', ts, req.body.replace('sneaky', 'other')) }));
    });
    it('a correct signature five minutes old', () => refused((req) => ({ ...req, timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 1 })));
    it('a slash command with a stale signature', async () => {
      const before = await h.counts();
      const res = await h.post({ ...slashCommand(stranger, '/report'), timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(res.status).toBe(401);
      expect(await h.counts()).toEqual(before);
    });
  });

  it('ignores the bot’s own posts, edits and channel chatter', async () => {
    const handedBefore = h.handed.length;
    for (const req of [
      directMessage(stranger, dmChannelOf(stranger), 'echo', { bot_id: 'B0001' }),
      directMessage(stranger, dmChannelOf(stranger), 'edited', { subtype: 'message_changed' }),
      eventRequest({ type: 'message', channel: 'C0GENERAL', channel_type: 'channel', user: stranger, text: 'chatter' }),
    ]) {
      expect((await h.post(req)).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(h.handed.length).toBe(handedBefore);
  });

  it('hands over files by id and a pasted map link as a point', async () => {
    const handedBefore = h.handed.length;
    const file = directMessage(stranger, dmChannelOf(stranger), 'photo of the contract', { subtype: 'file_share', files: [{ id: 'F0001', mimetype: 'image/jpeg' }] });
    const map = directMessage(stranger, dmChannelOf(stranger), '<https://maps.google.com/?q=22.5431,114.0579>');
    await h.post(file);
    await h.post(map);
    await h.settled(handedBefore + 2);
    expect(h.handed[handedBefore]!.body).toEqual({ kind: 'file', fileRef: 'F0001', mime: 'image/jpeg', caption: 'photo of the contract' });
    expect(h.handed[handedBefore]!.updateId).toBe(file.eventId);
    expect(h.handed[handedBefore + 1]!.body).toEqual({ kind: 'location', lat: 22.5431, lng: 114.0579 });
  });

  it('turns a button tap into the payload, marks the message answered, and applies a repeated tap once', async () => {
    await linkSlackUser(h, member, '张建国');
    const before = h.handed.length;
    await h.post(slashCommand(member, '/report', '', { id: dmChannelOf(member), name: 'directmessage' }));
    await h.settled(before + 1);
    await h.drain();
    const question = [...h.fake.messagesIn(dmChannelOf(member))].reverse().find((m) => seen(m).buttons.flat().some((b) => b.payload === 'ci:moved'))!;
    expect(question).toBeDefined();
    // Block Kit: the text in a section, each row of buttons an actions block, the payload as the value.
    expect(question.blocks[0]).toMatchObject({ type: 'section', text: { type: 'plain_text' } });
    expect(seen(question).buttons).toEqual([[{ label: expect.any(String), payload: 'ci:same' }], [{ label: expect.any(String), payload: 'ci:moved' }]]);

    const tap = buttonPress(member, question, 'ci:moved', 'TRIGGER-ONE');
    const res = await h.post(tap);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settled(before + 2);
    expect(h.handed[before + 1]).toMatchObject({ updateId: 'action:TRIGGER-ONE', chatId: dmChannelOf(member), chatKind: 'private', userId: member, body: { kind: 'button', payload: 'ci:moved' } });
    const update = h.fake.callsOf('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: dmChannelOf(member), ts: question.ts });
    expect(seen(question).buttons).toEqual([]);
    expect(JSON.stringify(question.blocks)).toContain('已选');

    await h.post(tap);
    await h.settled(before + 3);
    expect(h.results.get('action:TRIGGER-ONE')).toBe('duplicate');
  });

  it('answers a tap on a channel message in the DM, and leaves the buttons there for everyone else', async () => {
    const outcome = await h.adapter.transport.send({ chatId: 'C0STUDY', chatKind: 'group' }, { text: '本月学习材料：新修订的条例', buttons: [[{ label: '已学习', payload: 'study:done:7' }]] });
    expect(outcome.ok).toBe(true);
    const notice = h.fake.messagesIn('C0STUDY')[0]!;
    const before = h.handed.length;
    await h.post(buttonPress(member, notice, 'study:done:7'));
    await h.settled(before + 1);
    expect(h.handed[before]).toMatchObject({ chatId: dmChannelOf(member), chatKind: 'private', userId: member, body: { kind: 'button', payload: 'study:done:7' } });
    expect(notice.updates).toBe(0);
    expect(seen(notice).buttons.flat().map((b) => b.payload)).toEqual(['study:done:7']);
  });

  it('answers a slash command typed in a channel privately: an ephemeral pointer, the reply in the DM', async () => {
    const before = h.handed.length;
    const opened = h.fake.callsOf('conversations.open').length;
    const res = await h.post(slashCommand(member, '/mystatus'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral' });
    await h.settled(before + 1);
    expect(h.handed[before]).toMatchObject({ chatId: dmChannelOf(member), chatKind: 'private', body: { kind: 'text', text: '/status' } });
    expect(h.handed[before]!.updateId).toMatch(/^command:/);
    expect(h.fake.callsOf('conversations.open').length).toBeGreaterThanOrEqual(opened);
    await h.drain();
    expect(h.fake.messagesIn('C0GENERAL')).toEqual([]);
  });

  it('answers a mention in a channel there, without personal matters', async () => {
    const before = h.handed.length;
    const req = eventRequest({ type: 'app_mention', channel: 'C0BRANCH', user: member, text: '<@UBOT0001> report' });
    await h.post(req);
    await h.settled(before + 1);
    expect(h.handed[before]).toMatchObject({ updateId: req.eventId, chatId: 'C0BRANCH', chatKind: 'group', body: { kind: 'text', text: '/report' } });
    await h.drain();
    expect(seen(h.fake.messagesIn('C0BRANCH')[0]!).text).toContain('私聊');
  });

  it('keeps texts, names and places out of the logs', () => {
    expectCleanLogs(h);
    // Bolt's own warnings come through the bridge, without the request body.
    expect(h.test.logs.text).toContain('signature mismatch');
    expect(h.test.logs.text).toContain('stale');
  });
});
