import type { Transport } from '../../src/bot/types.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Fake platforms on 127.0.0.1 that enforce the real limits instead of trusting the sender: every message
 * over a limit is answered 429 with how long to wait, as the platforms do. They count what arrived, so a
 * benchmark can say how much got through, how fast, and whether anything was lost or sent twice.
 */
export interface Ledger {
  accepted: number;
  rejected429: number;
  /** Which limit each 429 was for: 'all' (the bot's overall rate) or the chat's id. */
  rejectedFor: string[];
  /** Text of every accepted message, to find duplicates and losses. */
  texts: Map<string, number>;
  firstAt: number;
  lastAt: number;
  /**
   * When each message was handed to the platform's transport, by the sender's clock (see `handedOver`), accepted
   * or refused: what the sender chose, apart from how long its request then took to get here.
   */
  starts: { chat: string; at: number }[];
  /** When each request arrived here, accepted or refused, by chat. */
  arrivals: { chat: string; at: number }[];
}

function newLedger(): Ledger {
  return { accepted: 0, rejected429: 0, rejectedFor: [], texts: new Map(), firstAt: 0, lastAt: 0, starts: [], arrivals: [] };
}

/** The transport, noting in the ledger when each message was handed to it. */
export function handedOver(transport: Transport, ledger: Ledger): Transport {
  return {
    ...transport,
    send(chat, message) {
      ledger.starts.push({ chat: chat.chatId, at: Date.now() });
      return transport.send(chat, message);
    },
  };
}

/** How many of `times` (sorted) came with `limit` others in the `windowMs` before them: over a sliding-window limit. */
function overLimit(times: number[], limit: number, windowMs: number): number {
  let over = 0;
  for (let i = limit; i < times.length; i++) if (times[i]! - times[i - limit]! < windowMs) over++;
  return over;
}

/**
 * Messages sent over Telegram's limits, judged by when the senders handed them to the transport (every one
 * counts, also the refused): 30 in any second overall, 1 a second per private chat, 20 a minute per group.
 */
export function telegramViolations(ledger: Ledger): { overall: number; chats: number } {
  const all = ledger.starts.map((s) => s.at).sort((a, b) => a - b);
  const byChat = new Map<string, number[]>();
  for (const s of ledger.starts) byChat.set(s.chat, [...(byChat.get(s.chat) ?? []), s.at]);
  let chats = 0;
  for (const [chat, times] of byChat) {
    times.sort((a, b) => a - b);
    chats += chat.startsWith('-') ? overLimit(times, 20, 60_000) : overLimit(times, 1, 1000);
  }
  return { overall: overLimit(all, 30, 1000), chats };
}

/**
 * How long requests took from the transport to the fake, in ms (median, 99th percentile, most), from chats
 * with one message: the spread that can turn starts the limits allow into arrivals they refuse.
 */
export function handOverToArrival(ledger: Ledger): { p50: number; p99: number; max: number } | undefined {
  const once = (list: { chat: string; at: number }[]) => {
    const by = new Map<string, number[]>();
    for (const x of list) by.set(x.chat, [...(by.get(x.chat) ?? []), x.at]);
    return new Map([...by].filter(([, v]) => v.length === 1).map(([k, v]) => [k, v[0]!]));
  };
  const arrived = once(ledger.arrivals);
  const lat = [...once(ledger.starts)].filter(([chat]) => arrived.has(chat)).map(([chat, at]) => arrived.get(chat)! - at).sort((a, b) => a - b);
  if (lat.length === 0) return undefined;
  return { p50: lat[Math.floor(lat.length / 2)]!, p99: lat[Math.floor(lat.length * 0.99)]!, max: lat.at(-1)! };
}

/** Sliding-window counters: at most `limit` events in any `windowMs`. Returns ms to wait, or 0 if allowed. */
class Window {
  private readonly events = new Map<string, number[]>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  check(key: string, now: number): number {
    const list = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.events.set(key, list);
    if (list.length < this.limit) return 0;
    return this.windowMs - (now - list[0]!);
  }
  record(key: string, now: number) {
    this.events.get(key)!.push(now);
  }
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString();
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

/** Telegram: 30 messages/s overall, 1/s per private chat, 20/min per group (negative chat ids). */
export async function limitedTelegram(): Promise<{ apiRoot: string; ledger: Ledger; close(): Promise<void> }> {
  const ledger = newLedger();
  const overall = new Window(30, 1000);
  const perChat = new Window(1, 1000);
  const perGroup = new Window(20, 60_000);
  let messageId = 0;
  const server = createServer(async (req, res) => {
    const method = req.url?.split('/').pop() ?? '';
    const args = await body(req);
    if (method === 'getMe') return send(res, 200, { ok: true, result: { id: 1, is_bot: true, first_name: 'bench', username: 'bench_bot' } });
    if (method !== 'sendMessage') return send(res, 200, { ok: true, result: true });
    const chat = String(args.chat_id);
    const now = Date.now();
    ledger.arrivals.push({ chat, at: now });
    const group = chat.startsWith('-');
    const overallWait = overall.check('all', now);
    const wait = Math.max(overallWait, group ? perGroup.check(chat, now) : perChat.check(chat, now));
    if (wait > 0) {
      ledger.rejected429++;
      ledger.rejectedFor.push(overallWait > 0 ? 'all' : chat);
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      return send(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    overall.record('all', now);
    (group ? perGroup : perChat).record(chat, now);
    ledger.accepted++;
    ledger.firstAt ||= now;
    ledger.lastAt = now;
    const text = String(args.text);
    ledger.texts.set(text, (ledger.texts.get(text) ?? 0) + 1);
    send(res, 200, { ok: true, result: { message_id: ++messageId, date: Math.floor(now / 1000), chat: { id: Number(chat), type: group ? 'group' : 'private' }, text } });
  });
  const port = await listen(server);
  return { apiRoot: `http://127.0.0.1:${port}`, ledger, close: () => new Promise((r) => server.close(() => r())) };
}

/** Slack: about one message per second per channel. */
export async function limitedSlack(): Promise<{ apiUrl: string; ledger: Ledger; close(): Promise<void> }> {
  const ledger = newLedger();
  const perChannel = new Window(1, 1000);
  const server = createServer(async (req, res) => {
    const method = req.url?.split('/').pop()?.split('?')[0] ?? '';
    const args = await body(req);
    if (method === 'auth.test') return send(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    if (method === 'conversations.open') return send(res, 200, { ok: true, channel: { id: `D${String(args.users).slice(1)}` } });
    if (method !== 'chat.postMessage') return send(res, 200, { ok: true });
    const channel = String(args.channel);
    const now = Date.now();
    ledger.arrivals.push({ chat: channel, at: now });
    const wait = perChannel.check(channel, now);
    if (wait > 0) {
      ledger.rejected429++;
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
    }
    perChannel.record(channel, now);
    ledger.accepted++;
    ledger.firstAt ||= now;
    ledger.lastAt = now;
    const text = String(args.text);
    ledger.texts.set(text, (ledger.texts.get(text) ?? 0) + 1);
    send(res, 200, { ok: true, channel, ts: `${now / 1000}` });
  });
  const port = await listen(server);
  return { apiUrl: `http://127.0.0.1:${port}/api/`, ledger, close: () => new Promise((r) => server.close(() => r())) };
}
