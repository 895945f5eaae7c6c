import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The Socket Mode side of the fake Slack: a WebSocket endpoint (RFC 6455, text frames, ping/pong, close)
 * written by hand so the tests need no WebSocket package. Slack says `hello`, then pushes envelopes; the
 * app answers each with `{ envelope_id }` (its ack) on the same socket.
 */
export class FakeSocketMode {
  private socket: Duplex | undefined;
  private buffer = Buffer.alloc(0);
  readonly received: Record<string, unknown>[] = [];
  private envelopeCounter = 0;
  private connectedWaiters: (() => void)[] = [];

  get connected(): boolean {
    return Boolean(this.socket);
  }

  async waitConnected(timeoutMs = 10_000): Promise<void> {
    if (this.socket) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket mode client did not connect')), timeoutMs);
      this.connectedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Called from the HTTP server's 'upgrade' event. */
  accept(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    socket.on('error', () => {});
    this.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0001' } });
    for (const w of this.connectedWaiters.splice(0)) w();
  }

  /** Pushes one envelope; resolves with what the app acknowledged (its `{ envelope_id, payload? }`). */
  async push(type: 'events_api' | 'interactive' | 'slash_commands', payload: unknown, opts: { retryAttempt?: number; envelopeId?: string } = {}): Promise<{ envelopeId: string; ackMs: number }> {
    const envelopeId = opts.envelopeId ?? `env-${++this.envelopeCounter}`;
    const started = Date.now();
    this.sendJson({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryAttempt ? 'timeout' : '' });
    const deadline = Date.now() + 10_000;
    while (!this.received.some((r) => r.envelope_id === envelopeId)) {
      if (Date.now() > deadline) throw new Error(`no ack for ${envelopeId}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return { envelopeId, ackMs: Date.now() - started };
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private sendJson(value: unknown): void {
    this.sendFrame(0x1, Buffer.from(JSON.stringify(value)));
  }

  private sendFrame(opcode: number, payload: Buffer): void {
    if (!this.socket) throw new Error('no socket mode connection');
    const len = payload.length;
    const header = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
    this.socket.write(Buffer.concat([header, payload]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      const masked = (this.buffer[1]! & 0x80) !== 0;
      let len = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskLen = masked ? 4 : 0;
      if (this.buffer.length < offset + maskLen + len) return;
      const mask = this.buffer.subarray(offset, offset + maskLen);
      const payload = Buffer.from(this.buffer.subarray(offset + maskLen, offset + maskLen + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      this.buffer = this.buffer.subarray(offset + maskLen + len);
      if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      else if (opcode === 0x9) this.sendFrame(0xa, payload);
      else if (opcode === 0x8) {
        try {
          this.sendFrame(0x8, payload.subarray(0, 2));
        } catch {
          // already gone
        }
        this.close();
      }
    }
  }
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}
