import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { createTelegramTransport, outcomeOfError, codeOfDescription } from '../../../src/adapters/telegram/transport.js';
import { apiFetch } from '../../../src/adapters/telegram/apiFetch.js';
import { createLogger } from '../../../src/logger.js';
import type { Transport } from '../../../src/bot/types.js';
import { LogCapture } from '../../support/bot.js';
import { BOT_USERNAME, startFakeTelegram, type FakeTelegram } from '../../support/fakeTelegram.js';

/** The sending half against the fake Bot API server, through grammY's real client: one call per send, outcomes exact. */
describe('telegram transport', () => {
  let fake: FakeTelegram;
  let transport: Transport;
  const logs = new LogCapture();
  const chat = { chatId: '620000001', chatKind: 'private' as const };
  const sends = () => fake.callsOf('sendMessage').length;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    transport = createTelegramTransport(new Api(fake.token, { fetch: apiFetch as never, apiRoot: fake.url }), createLogger('debug', logs), () => BOT_USERNAME);
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it('sends text with an inline keyboard whose callback data is the payload', async () => {
    const outcome = await transport.send(chat, { text: '本月情况怎么样？', buttons: [[{ label: '还在原地', payload: 'ci:same' }], [{ label: '换地方了', payload: 'ci:moved' }]] });
    expect(outcome).toEqual({ ok: true, messageId: expect.any(String) });
    const call = fake.callsOf('sendMessage')[0]!;
    expect(call.params.chat_id).toBe(chat.chatId);
    expect(call.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '还在原地', callback_data: 'ci:same' }], [{ text: '换地方了', callback_data: 'ci:moved' }]] });
  });

  it('carries retry_after from a 429, after one call and no retry of its own', async () => {
    fake.failNext({ kind: 'retry_after', seconds: 7 });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'retry_after', seconds: 7, code: '429:retry_after_7' });
    expect(sends()).toBe(1);
  });

  it('calls a blocked bot, a deactivated account and an unknown chat permanent', async () => {
    fake.failNext({ kind: 'blocked' });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'permanent', code: '403:bot_was_blocked_by_the_user' });
    fake.failNext({ kind: 'deactivated' });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'permanent', code: '403:user_is_deactivated' });
    fake.failNext({ kind: 'chat_not_found' });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'permanent', code: '400:chat_not_found' });
    expect(sends()).toBe(3);
  });

  it('rejects only the message on any other 400, with the code from the description', async () => {
    fake.failNext({ kind: 'bad_request', description: 'BUTTON_DATA_INVALID' });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'rejected', code: '400:BUTTON_DATA_INVALID' });
    fake.failNext({ kind: 'bad_request', description: "can't parse entities: Can't find end of the entity" });
    expect(await transport.send(chat, { text: 'x' })).toMatchObject({ ok: false, kind: 'rejected' });
    // ...but a 400 that says the chat cannot be written to is about the chat.
    fake.failNext({ kind: 'bad_request', description: 'not enough rights to send text messages to the chat' });
    expect(await transport.send(chat, { text: 'x' })).toMatchObject({ ok: false, kind: 'permanent' });
  });

  it('calls 5xx and network failures transient', async () => {
    fake.failNext({ kind: 'server', status: 502 });
    expect(await transport.send(chat, { text: 'x' })).toEqual({ ok: false, kind: 'transient', code: '502:Bad_Gateway' });
    fake.failNext({ kind: 'server', status: 500 });
    expect(await transport.send(chat, { text: 'x' })).toMatchObject({ ok: false, kind: 'transient' });
    expect(sends()).toBe(2);
    const nowhere = createTelegramTransport(new Api(fake.token, { fetch: apiFetch as never, apiRoot: 'http://127.0.0.1:9' }), createLogger('debug', logs), () => undefined);
    const outcome = await nowhere.send(chat, { text: 'x' });
    expect(outcome).toMatchObject({ ok: false, kind: 'transient' });
    expect((outcome as { code: string }).code).toMatch(/^network:/);
  });

  it('gives up on a send that hangs, as transient, without waiting for it', async () => {
    const impatient = createTelegramTransport(new Api(fake.token, { fetch: apiFetch as never, apiRoot: fake.url }), createLogger('debug', logs), () => undefined, { timeoutMs: 300 });
    fake.failNext({ kind: 'hang' });
    const began = Date.now();
    const outcome = await impatient.send(chat, { text: 'x' });
    expect(outcome).toMatchObject({ ok: false, kind: 'transient' });
    expect(Date.now() - began).toBeLessThan(3000);
  });

  it('does not call a wrong token (401) or wrong API root (404) the recipient’s fault', async () => {
    const wrongToken = createTelegramTransport(new Api('999:not-the-token-of-this-bot-xx', { fetch: apiFetch as never, apiRoot: fake.url }), createLogger('debug', logs), () => undefined);
    expect(await wrongToken.send(chat, { text: 'x' })).toMatchObject({ ok: false, kind: 'transient', code: '401:Unauthorized' });
  });

  it('fails one chat only when told so', async () => {
    fake.failNext({ kind: 'blocked' }, { chatId: '620000009' });
    expect(await transport.send(chat, { text: 'x' })).toMatchObject({ ok: true });
    expect(await transport.send({ chatId: '620000009', chatKind: 'private' }, { text: 'x' })).toMatchObject({ ok: false, kind: 'permanent' });
  });

  it('splits a text longer than 4096 characters, keyboard on the last part', async () => {
    const long = `${'第一段。'.repeat(700)}\n${'第二段。'.repeat(700)}`;
    const outcome = await transport.send(chat, { text: long, buttons: [[{ label: '好', payload: 'ok' }]] });
    expect(outcome.ok).toBe(true);
    const calls = fake.callsOf('sendMessage');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => String(c.params.text)).join('\n')).toBe(long);
    expect(calls[0]!.params.reply_markup).toBeUndefined();
    expect(calls[1]!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '好', callback_data: 'ok' }]] });
  });

  it('refuses a payload Telegram cannot carry without calling it', async () => {
    const outcome = await transport.send(chat, { text: 'x', buttons: [[{ label: 'a', payload: 'p'.repeat(65) }]] });
    expect(outcome).toEqual({ ok: false, kind: 'rejected', code: 'button_data_too_long' });
    expect(sends()).toBe(0);
  });

  it('asks for a location with a one-time reply keyboard carrying the other choices as keys', async () => {
    await transport.send(chat, { text: '您现在在哪个城市？', askLocation: true, buttons: [[{ label: '从列表里选', payload: 'loc:pick' }], [{ label: '取消', payload: 'cancel' }]] });
    expect(fake.callsOf('sendMessage')[0]!.params.reply_markup).toEqual({
      keyboard: [[{ text: '📍 发送我现在的位置', request_location: true }], [{ text: '从列表里选' }], [{ text: '取消' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
      input_field_placeholder: '也可以直接打字写城市名',
    });
  });

  it('labels its own keys in the language the message says it is in', async () => {
    await transport.send(chat, { text: 'Where are you now?', language: 'en', askLocation: true });
    await transport.send(chat, { text: 'OK', language: 'zh-CN', askLocation: true });
    const [en, zh] = fake.callsOf('sendMessage').map((c) => (c.params.reply_markup as { keyboard: { text: string }[][] }).keyboard[0]![0]!.text);
    expect(en).toBe('📍 Send my current location');
    expect(zh).toBe('📍 发送我现在的位置');
  });

  it('never asks for a location in a group, and points to the private chat there', async () => {
    await transport.send({ chatId: '-100123', chatKind: 'group' }, { text: '本周学习：新党章', askLocation: true });
    expect(fake.callsOf('sendMessage')[0]!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '💬 私聊机器人', url: `https://t.me/${BOT_USERNAME}` }]] });
  });

  it('maps errors without a Telegram answer to transient', () => {
    expect(outcomeOfError(new Error('boom'))).toEqual({ ok: false, kind: 'transient', code: 'Error' });
    expect(codeOfDescription("Bad Request: can't parse entities: bad")).toBe('can_t_parse_entities_bad');
  });
});
