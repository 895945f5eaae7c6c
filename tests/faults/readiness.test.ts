import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/db.js';
import { TcpProxy } from '../support/tcpProxy.js';
import { startBotProcess } from './support/botProcess.js';

/**
 * /readyz of the real bot process tells an operator (or a load balancer) what keeps it from working: a
 * database that went away, a Telegram API that does not answer. And it comes back by itself.
 */
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const base = { SCHEDULES: 'off', TERMINAL: 'off', LOG_LEVEL: 'info' };

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-ready-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Readiness { ready: boolean; checks: { name: string; ok: boolean; detail?: string }[] }

async function readyz(port: number): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

/** Asks /readyz until it answers `status`, for at most `ms`; returns the last answer. */
async function readyzUntil(port: number, status: number, ms: number): Promise<{ status: number; body: Readiness }> {
  const deadline = Date.now() + ms;
  let last = await readyz(port);
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await readyz(port);
  }
  return last;
}

describe('/readyz of the running bot', () => {
  it('says Telegram is not connected while its API does not answer, and the process stays healthy', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      silent.close(() => r());
    }));
    const apiPort = (silent.address() as { port: number }).port;
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-the-fake-server', TELEGRAM_API_ROOT: `http://127.0.0.1:${apiPort}` });
    cleanup.push(() => bot.stop('SIGKILL'));
    await bot.waitForOutput('bot started', 90_000);
    const port = await bot.httpPort();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const { status, body } = await readyz(port);
    expect(status).toBe(503);
    expect(body.checks.find((c) => c.name === 'platforms')).toEqual({ name: 'platforms', ok: false, detail: 'telegram: Bot API does not answer (TELEGRAM_API_ROOT)' });
    expect(body.checks.filter((c) => c.name !== 'platforms').every((c) => c.ok)).toBe(true);
    expect((await bot.stop('SIGTERM')).code).toBe(0);
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('turns unready when the database goes away and ready again when it is back', async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    const url = new URL((database as { url?: string }).url!);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    cleanup.push(() => proxy.stop());
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), DATABASE_URL: url.toString() });
    cleanup.push(() => bot.stop('SIGKILL'));
    await bot.waitForOutput('bot started', 90_000);
    const port = await bot.httpPort();
    expect((await readyz(port)).status).toBe(200);

    await proxy.cut();
    const away = await readyzUntil(port, 503, 10_000);
    expect(away.status).toBe(503);
    expect(away.body.checks.find((c) => c.name === 'database')!.ok).toBe(false);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    await proxy.restore();
    const back = await readyzUntil(port, 200, 30_000);
    expect(back.status).toBe(200);
    expect(back.body.ready).toBe(true);
    expect((await bot.stop('SIGTERM')).code).toBe(0);
  }, 120_000);
});
