import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../support/fakeTelegram.js';
import { startBotProcess } from './support/botProcess.js';

/**
 * Start-up against things that are not there: the real bot process must say what is wrong — naming the
 * setting and the host, with the reason, never the password — and exit, or run without the missing
 * platform and say so. It must not sit there silent, nor print a bare "Failed query: CREATE SCHEMA".
 */
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const base = { SCHEDULES: 'off', TERMINAL: 'off', LOG_LEVEL: 'info' };

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-startup-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A server that accepts connections and never answers, as a host behind a dropping firewall looks. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

describe('start-up when something is missing', () => {
  it('names DATABASE_URL, the host and the reason when the database refuses connections, and exits', async () => {
    const port = await closedPort();
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), DATABASE_URL: `postgres://bot:s3cret-pw@127.0.0.1:${port}/liandang` });
    cleanup.push(() => bot.stop('SIGKILL'));
    const { code } = await bot.exited;
    const said = bot.output();
    expect(code).not.toBe(0);
    expect(said).toContain('DATABASE_URL');
    expect(said).toContain(`127.0.0.1:${port}`);
    expect(said).toMatch(/refused/i);
    expect(said).not.toContain('s3cret-pw');
    expect(said).not.toContain('Failed query');
  }, 90_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('names the database when it does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/no_such_database_for_the_bot';
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), DATABASE_URL: url.toString() });
    cleanup.push(() => bot.stop('SIGKILL'));
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.output()).toContain('DATABASE_URL');
    expect(bot.output()).toContain('no_such_database_for_the_bot');
    expect(bot.output()).toMatch(/does not exist/);
    expect(bot.output()).not.toContain('Failed query');
  }, 90_000);

  it('names TELEGRAM_BOT_TOKEN when the Bot API refuses the token, and exits', async () => {
    const fake = await startFakeTelegram();
    cleanup.push(() => fake.stop());
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: '999999:WRONG-token-the-fake-does-not-know', TELEGRAM_API_ROOT: fake.url });
    cleanup.push(() => bot.stop('SIGKILL'));
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.output()).toContain('TELEGRAM_BOT_TOKEN');
    expect(bot.output()).not.toContain('WRONG-token');
  }, 90_000);

  it('runs without Telegram when its API does not answer, says so naming TELEGRAM_API_ROOT, and stops cleanly', async () => {
    const silent = await silentServer();
    cleanup.push(() => silent.close());
    const bot = startBotProcess({ ...base, DATA_DIR: tempDir(), TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-the-fake-server', TELEGRAM_API_ROOT: `http://127.0.0.1:${silent.port}` });
    cleanup.push(() => bot.stop('SIGKILL'));
    await bot.waitForOutput('bot started', 90_000);
    expect(bot.output()).toContain('TELEGRAM_API_ROOT');
    expect(bot.output()).toContain(`127.0.0.1:${silent.port}`);
    const { code } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
  }, 120_000);
});
