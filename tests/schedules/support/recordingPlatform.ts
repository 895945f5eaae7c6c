import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A platform on 127.0.0.1 that records every message it accepts (real HTTP, so a killed sender really had
 * its request in flight). It can answer a run of requests with 429 and `retry_after`, as Telegram does.
 */
export class RecordingPlatform {
  /** `startedAt`: when the sender started the request (its clock, same machine). */
  readonly requests: { startedAt: number; at: number; chatId: string }[] = [];
  readonly delivered: { chatId: string; text: string; at: number }[] = [];
  readonly refused: { at: number; retryAfter: number }[] = [];
  private requestCount = 0;
  private readonly server: Server;
  /** Requests number `from` .. `from + count - 1` (counting from 1) get a 429. */
  burst: { from: number; count: number; retryAfter: number } | undefined;
  onDelivered: ((count: number) => void) | undefined;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const n = ++this.requestCount;
    const parsed = JSON.parse(body) as { chatId: string; text: string; startedAt: number };
    this.requests.push({ startedAt: parsed.startedAt, at: Date.now(), chatId: parsed.chatId });
    const b = this.burst;
    if (b && n >= b.from && n < b.from + b.count) {
      this.refused.push({ at: Date.now(), retryAfter: b.retryAfter });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(b.retryAfter) });
      res.end(JSON.stringify({ ok: false, error_code: 429, parameters: { retry_after: b.retryAfter } }));
      return;
    }
    const { chatId, text } = parsed;
    this.delivered.push({ chatId, text, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result: { message_id: this.delivered.length } }));
    this.onDelivered?.(this.delivered.length);
  }
}
