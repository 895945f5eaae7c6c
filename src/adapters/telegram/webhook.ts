import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';

/** Telegram never sends more than this in one update; anything bigger is not Telegram. */
const MAX_BODY_BYTES = 1_000_000;

export interface WebhookServerOptions {
  path: string;
  secret: string;
  logger: Logger;
  /** Applies one update; resolves true when it was applied or was a repeat, false when it must come again. */
  onUpdate(update: Update): Promise<boolean>;
}

/**
 * Receives Telegram's webhook calls. A call without the secret Telegram was given is refused with 401
 * before its body is read. An update is answered 200 once the core has stored it (a database
 * transaction: quick), and 503 when the core could not be reached, so that Telegram delivers it again.
 */
export function createWebhookServer(opts: WebhookServerOptions) {
  const expected = digest(opts.secret);
  const server: Server = createServer((req, res) => void serve(req, res));
  server.keepAliveTimeout = 65_000;

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== opts.path) return end(res, 404);
    if (req.method !== 'POST') return end(res, 405);
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      opts.logger.warn({ remote: req.socket.remoteAddress }, 'telegram webhook: wrong or missing secret token');
      req.resume();
      return end(res, 401);
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch {
      return end(res, 400);
    }
    try {
      const stored = await opts.onUpdate(update);
      end(res, stored ? 200 : 503);
    } catch (err) {
      opts.logger.error({ updateId: update.update_id, err }, 'telegram webhook: update failed');
      end(res, 500);
    }
  }

  return {
    server,
    async listen(port: number, host?: string): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    async close(): Promise<void> {
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

function digest(value: string): Buffer {
  // Equal-length inputs for timingSafeEqual, whatever was sent.
  return createHash('sha256').update(value).digest();
}

function end(res: ServerResponse, status: number) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(status === 200 ? '{"ok":true}' : `{"ok":false}`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
