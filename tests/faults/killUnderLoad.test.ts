import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOfResult } from '../../src/db/query.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { openTestDatabase } from '../support/db.js';

/**
 * A sender built as main.ts builds it (default configuration) is killed with SIGKILL while a Bot API on
 * 127.0.0.1 answers slowly, so that many messages are on the wire at the kill: Telegram has them, the sender
 * never heard back. After a restart every message arrives, and no more go twice than the outbox allows to be
 * in flight (3 by default), however slow the platform or busy the machine. The killed sender's claim on the
 * rows it held must lapse within seconds, not minutes.
 */
const CHILD = fileURLToPath(new URL('./support/senderChild.ts', import.meta.url));
const IN_FLIGHT_DEFAULT = 3;
const LEASE_BOUND_MS = 15_000;
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** Sends are recorded when they arrive (Telegram has the message) and answered `delayMs` later. */
async function slowBotApi(delayMs: number) {
  const delivered: { text: string; at: number }[] = [];
  let onDelivered: ((n: number) => void) | undefined;
  let id = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const args = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { chat_id?: string; text?: string };
    let result: unknown = true;
    if (req.url?.endsWith('/sendMessage')) {
      delivered.push({ text: String(args.text), at: Date.now() });
      onDelivered?.(delivered.length);
      await new Promise((r) => setTimeout(r, delayMs));
      result = { message_id: ++id, date: 0, chat: { id: Number(args.chat_id), type: 'private' }, text: args.text };
    }
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delivered,
    set onDelivered(f: ((n: number) => void) | undefined) {
      onDelivered = f;
    },
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

describe('a sender killed while the platform answers slowly', () => {
  it('delivers everything after a restart, with duplicates bounded by the in-flight window and a short lease', async () => {
    const api = await slowBotApi(400);
    cleanup.push(() => api.close());
    const pg = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    const dataDir = pg ? '' : mkdtempSync(join(tmpdir(), 'kill-load-'));
    cleanup.push(async () => {
      await pg?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });
    const withDb = async <T>(f: (d: Database) => Promise<T>): Promise<T> => {
      if (pg) return f(pg);
      const d = await openDatabase({ dataDir });
      try {
        return await f(d);
      } finally {
        await d.close();
      }
    };
    const N = 200;
    await withDb(async (d) => {
      await migrateDatabase(d);
      const now = new Date();
      await enqueue(d.db, Array.from({ length: N }, (_, i) => ({
        idempotencyKey: `load:${i}`, platform: 'telegram' as const, chatId: String(800_000_000 + i), purpose: 'broadcast', message: { text: `load-${i}` }, notBefore: now,
      })), now);
    });
    const start = () => {
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', API_ROOT: api.apiRoot, ...(pg ? { DATABASE_URL: pg.url! } : { DATA_DIR: dataDir }) };
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      cleanup.push(() => child.kill('SIGKILL'));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      return { child, exited, stderr: () => stderr };
    };

    const first = start();
    const killedAt = await new Promise<number>((resolve) => {
      api.onDelivered = (n) => {
        if (n !== 60) return;
        first.child.kill('SIGKILL');
        resolve(Date.now());
      };
    });
    api.onDelivered = undefined;
    expect((await first.exited).signal).toBe('SIGKILL');
    const held = await withDb(async (d) => rowsOfResult<{ text: string; until: string }>(await d.db.execute(sql`
      select payload->>'text' as text, claimed_until::text as until from outbox_messages where status = 'sending'`)));
    const leaseLeftMs = Math.max(0, ...held.map((r) => new Date(r.until).getTime() - killedAt));

    const restartedAt = Date.now();
    const second = start();
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);

    const counts = new Map<string, number>();
    for (const d of api.delivered) counts.set(d.text, (counts.get(d.text) ?? 0) + 1);
    const twice = [...counts.values()].filter((n) => n > 1).length;
    const heldTexts = new Set(held.map((r) => r.text));
    const firstTakenOver = Math.min(...api.delivered.filter((d) => d.at > restartedAt && heldTexts.has(d.text)).map((d) => d.at));
    process.stdout.write(`[kill under load] ${held.length} rows held at the kill, their lease ran out ${leaseLeftMs} ms after it; restarted sender's first of them ${firstTakenOver - restartedAt} ms after its start (start-up included); duplicates: ${twice}\n`);
    expect(counts.size).toBe(N);
    expect.soft(twice).toBeLessThanOrEqual(IN_FLIGHT_DEFAULT);
    expect.soft(leaseLeftMs).toBeLessThanOrEqual(LEASE_BOUND_MS);
  }, 240_000);
});
