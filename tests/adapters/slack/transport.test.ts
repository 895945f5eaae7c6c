import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/boltLogger.js';
import { renderMessage } from '../../../src/adapters/slack/blocks.js';
import { createSlackTransport, PERMANENT_ERRORS, REJECTED_ERRORS } from '../../../src/adapters/slack/transport.js';
import { createLogger } from '../../../src/logger.js';
import { LogCapture } from '../../support/bot.js';
import { FakeSlack } from '../../support/fakeSlack.js';
import { seen } from '../../support/slackRequests.js';

/** The sending half against the fake Web API: every answer Slack can give, mapped to what the outbox needs. */
describe('Slack transport', () => {
  const fake = new FakeSlack();
  const logs = new LogCapture();
  let transport: ReturnType<typeof createSlackTransport>;
  const dm = { chatId: 'D0MEMBER1', chatKind: 'private' as const };
  const message = { text: '本月报到，点几下就好。', buttons: [[{ label: '还在原地', payload: 'ci:same' }], [{ label: '换了地方', payload: 'ci:moved' }]] };

  beforeAll(async () => {
    await fake.start();
    // As the adapter builds it: no retries of its own, a 429 rejected at once.
    const logger = createLogger('debug', logs);
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(logger) });
    transport = createSlackTransport(client, logger);
  });
  afterAll(() => fake.stop());

  it('posts Block Kit and returns the message ts', async () => {
    const outcome = await transport.send(dm, message);
    const posted = fake.messages.at(-1)!;
    expect(outcome).toEqual({ ok: true, messageId: posted.ts });
    expect(fake.callsOf('chat.postMessage').at(-1)!.token).toBe('xoxb-test');
    expect(posted.text).toBe(message.text);
    expect(seen(posted)).toEqual({ text: message.text, buttons: message.buttons });
  });

  it('answers a 429 with its Retry-After, once, without retrying by itself', async () => {
    fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfter: 7 });
    const calls = fake.callsOf('chat.postMessage').length;
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'retry_after', seconds: 7, code: 'ratelimited' });
    expect(fake.callsOf('chat.postMessage').length).toBe(calls + 1);
  });

  it.each([...PERMANENT_ERRORS])('treats %s as permanent', async (code) => {
    fake.failNext('chat.postMessage', { kind: 'error', error: code });
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'permanent', code });
  });

  it.each([...REJECTED_ERRORS])('fails only the message on %s, leaving the chat reachable', async (code) => {
    fake.failNext('chat.postMessage', { kind: 'error', error: code });
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'rejected', code });
  });

  it.each(['internal_error', 'fatal_error', 'invalid_auth'])('treats %s as worth another try later', async (code) => {
    fake.failNext('chat.postMessage', { kind: 'error', error: code });
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'transient', code });
  });

  it('treats 5xx and a dropped connection as transient, each tried once', async () => {
    const calls = fake.callsOf('chat.postMessage').length;
    fake.failNext('chat.postMessage', { kind: 'http', status: 503 });
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'transient', code: 'http_503' });
    fake.failNext('chat.postMessage', { kind: 'hangup' });
    expect(await transport.send(dm, message)).toEqual({ ok: false, kind: 'transient', code: 'network' });
    expect(fake.callsOf('chat.postMessage').length).toBe(calls + 2);
  });

  it('opens a DM first when the chat id is a user, once per user', async () => {
    await transport.send({ chatId: 'U0NEWUSER', chatKind: 'private' }, message);
    await transport.send({ chatId: 'U0NEWUSER', chatKind: 'private' }, message);
    expect(fake.callsOf('conversations.open').filter((c) => c.args.users === 'U0NEWUSER')).toHaveLength(1);
    expect(fake.messagesIn('D0NEWUSER')).toHaveLength(2);
  });

  it('posts into channels as they are', async () => {
    expect(await transport.send({ chatId: 'C0BRANCH', chatKind: 'group' }, { text: '学习通知' })).toMatchObject({ ok: true });
    expect(fake.messagesIn('C0BRANCH')).toHaveLength(1);
  });

  it('logs error codes, never the text it was sending', async () => {
    fake.failNext('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    await transport.send(dm, { text: '老板拖欠工资三个月' });
    expect(logs.text).toContain('channel_not_found');
    expect(logs.text).not.toContain('老板拖欠');
  });
});

describe('Block Kit rendering', () => {
  it('offers a box for a long answer, in the language of the message', () => {
    const zh = renderMessage({ text: '请写本季度的思想汇报。', expects: 'multiline', buttons: [[{ label: '取消', payload: 'cancel' }]] });
    const write = zh.blocks.find((b) => b.type === 'actions' && b.elements.some((e) => e.action_id === 'write'));
    expect(write).toBeDefined();
    expect(JSON.stringify(write)).toContain('输入框');
    const en = renderMessage({ text: 'Please write your thought report.', expects: 'multiline' });
    expect(JSON.stringify(en.blocks)).toContain('Write in a box');
  });

  it('keeps within Slack limits: long text split into sections, labels and values cut', () => {
    const long = Array.from({ length: 400 }, (_, i) => `第${i}行：张三 (#${i}) ✗`).join('\n');
    const r = renderMessage({ text: long, buttons: [[{ label: 'x'.repeat(100), payload: 'p'.repeat(2100) }]] });
    const sections = r.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.type === 'section' && s.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => (s.type === 'section' ? s.text.text : '')).join('\n')).toBe(long);
    const button = r.blocks.find((b) => b.type === 'actions');
    expect(button?.type === 'actions' && button.elements[0]!.text.text.length).toBeLessThanOrEqual(75);
    expect(button?.type === 'actions' && button.elements[0]!.value.length).toBeLessThanOrEqual(2000);
  });

  it('says how to give a place where the core would offer a location button', () => {
    const r = renderMessage({ text: '您现在在哪个城市？', askLocation: true });
    expect(JSON.stringify(r.blocks)).toContain('地图链接');
  });
});
