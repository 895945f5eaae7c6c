import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member, startTelegramTest, WEBHOOK_SECRET, WEBHOOK_URL, type TelegramTest } from '../adapters/telegram/setup.js';
import { updates } from '../support/fakeTelegram.js';

/**
 * What reaches the webhook that Telegram would never send, or that is malformed: each gets a clean answer.
 * A 5xx makes Telegram deliver the same update again and again, so nothing here may end in one.
 */
let t: TelegramTest;
let endpoint: URL;

beforeAll(async () => {
  t = await startTelegramTest({ mode: 'webhook' });
  endpoint = new URL(`http://127.0.0.1:${t.adapter.port()}${new URL(WEBHOOK_URL).pathname}`);
});
afterAll(async () => t?.close());

const post = (body: string) =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body });

/** A raw request, so that a reset connection shows as such rather than as a client-side error. */
function rawPost(body: Buffer, headers: Record<string, string> = {}): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.name }));
    req.end(body);
  });
}

let nextId = 900_000;
const withShape = (shape: Record<string, unknown>) => JSON.stringify({ update_id: nextId++, ...shape });
const message = updates.text(member, 'hello').message as unknown as Record<string, unknown>;

describe('the Telegram webhook under malformed input', () => {
  it('answers valid JSON of the wrong shape without a 5xx, and hands nothing to the core', async () => {
    const before = t.handled.length;
    const corpus = [
      withShape({ message: { ...message, chat: null } }),
      withShape({ message: { ...message, chat: {} } }),
      withShape({ message: { ...message, chat: { id: 'x', type: 'private' } } }),
      withShape({ message: { ...message, from: null } }),
      withShape({ message: { ...message, from: { id: null } } }),
      withShape({ message: { ...message, text: 42 } }),
      withShape({ message: { ...message, location: { latitude: 'north' } } }),
      withShape({ message: null }),
      withShape({ message: 7 }),
      withShape({ callback_query: { id: 'q', data: 'menu:status', from: null } }),
      withShape({ callback_query: { id: 'q', data: 'menu:status', from: { id: 1 }, message: { message_id: 1, chat: null } } }),
      withShape({ callback_query: null }),
      JSON.stringify({ update_id: 'one' }),
      JSON.stringify([1, 2]),
      'null',
    ];
    const statuses = [];
    for (const body of corpus) statuses.push((await post(body)).status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // Well-formed JSON with an update id is acknowledged so that Telegram does not send it again.
    expect(statuses.slice(0, 12)).toEqual(statuses.slice(0, 12).map(() => 200));
    expect(statuses.slice(12)).toEqual([400, 400, 400]);
    expect(t.handled.length).toBe(before);
  });

  it('answers a body over 1 MB with 413 instead of resetting the connection', async () => {
    const big = Buffer.from(withShape({ message: { ...message, text: 'x'.repeat(1_100_000) } }));
    expect(await rawPost(big)).toEqual({ status: 413 });
    // Sent in chunks without a length, the same.
    expect(await rawPost(big, { 'transfer-encoding': 'chunked' })).toEqual({ status: 413 });
    // And the server still serves.
    expect((await post(withShape(updates.text(member, '/menu')))).status).toBe(200);
  });

  it('logs the malformed updates by id only', () => {
    expect(t.tb.logs.text).toContain('malformed update');
    expect(t.tb.logs.text).not.toContain('"level":"error"');
  });
});
