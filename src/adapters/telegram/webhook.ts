import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { checkUpdate } from './updateShape.js';

/** Telegram never sends more than this in one update; anything bigger is not Telegram. */
const MAX_BODY_BYTES = 1_000_000;
/** What is read and thrown away after a refused body so the client hears its 413; past this the connection goes. */
const MAX_DISCARD_BYTES = 16_000_000;

export interface WebhookServerOptions {
  path: string;
  secret: string;
  logger: Logger;
  /** Applies one update; resolves true when it was applied or was a repeat, false when it must come again. */
  onUpdate(update: Update): Promise<boolean>;
}

/**
 * Receives Telegram's webhook calls. A call without the secret Telegram was given is refused with 401
 * before its body is read; a body over 1 MB with 413; what is not JSON with an update id with 400. An update
 * is answered 200 once the core has stored it (a database transaction: quick), and 503 when the core could
 * not be reached, so that Telegram delivers it again. An update of the wrong shape (`"chat": null`) can never
 * be applied: it is acknowledged with 200 and dropped, since any other answer makes Telegram send it again.
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
    const body = await readBody(req);
    if (body.kind === 'too-large') {
      opts.logger.warn({ remote: req.socket.remoteAddress }, 'telegram webhook: body over 1 MB refused');
      return end(res, 413);
    }
    if (body.kind === 'failed') return end(res, 400);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return end(res, 400);
    }
    const updateId = (parsed as { update_id?: unknown } | null)?.update_id;
    if (typeof updateId !== 'number') return end(res, 400);
    const checked = checkUpdate(parsed);
    if (!checked.ok) {
      opts.logger.warn({ updateId, fields: checked.fields }, 'telegram webhook: malformed update acknowledged and dropped');
      return end(res, 200);
    }
    const update: Update = checked.update;
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

type Body = { kind: 'read'; text: string } | { kind: 'too-large' } | { kind: 'failed' };

/**
 * Reads the body up to MAX_BODY_BYTES. A bigger one (by its Content-Length, or as it arrives) is refused
 * without being kept: the rest is read and dropped so that the client, still sending, gets the 413 rather
 * than a reset connection; only a sender that goes on far past the limit has the connection closed.
 */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      resolve({ kind: 'too-large' });
    };
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > MAX_DISCARD_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => resolve(refused ? { kind: 'too-large' } : { kind: 'read', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve(refused ? { kind: 'too-large' } : { kind: 'failed' }));
  });
}
