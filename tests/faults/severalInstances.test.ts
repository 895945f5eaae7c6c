import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { openTestDatabase } from '../support/db.js';
import { TcpProxy } from '../support/tcpProxy.js';
import { startBotProcess, type BotProcess } from './support/botProcess.js';

/** Several instances on one PostgreSQL server, as a county or a province runs them. Needs the server (CI's second pass). */
const serverUrl = process.env.TEST_DATABASE_URL;
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

const base = { SCHEDULES: 'on', TERMINAL: 'off', LOG_LEVEL: 'info' };

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-instances-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A database nobody has migrated yet, dropped after the test. */
async function freshDatabase(): Promise<string> {
  const name = `bot_fresh_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url: serverUrl!, dataDir: '', maxConnections: 1 });
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  cleanup.push(async () => {
    const again = await openDatabase({ url: serverUrl!, dataDir: '', maxConnections: 1 });
    await again.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
    await again.close();
  });
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

const instanceOf = (bot: BotProcess) => (JSON.parse(bot.output().split('\n').find((l) => l.includes('"bot started"'))!) as { instance: string }).instance;

describe.skipIf(!serverUrl)('several instances on one PostgreSQL database', () => {
  it('three started at once on a fresh database all come up: migrations take turns under an advisory lock', async () => {
    const url = await freshDatabase();
    const bots = [1, 2, 3].map(() => startBotProcess({ ...base, DATA_DIR: tempDir(), DATABASE_URL: url }));
    for (const bot of bots) cleanup.push(() => bot.stop('SIGKILL'));
    await Promise.all(bots.map((b) => b.waitForOutput('bot started', 120_000)));
    for (const bot of bots) expect(bot.output()).not.toContain('duplicate key');
    // Each says who it is, in every line: three different instance ids.
    expect(new Set(bots.map(instanceOf)).size).toBe(3);
    for (const bot of bots) {
      const ready = await fetch(`http://127.0.0.1:${await bot.httpPort()}/readyz`);
      expect(ready.status).toBe(200);
    }
    const check = await openDatabase({ url, dataDir: '', maxConnections: 1 });
    const applied = await check.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await check.close();
    const rows = (Array.isArray(applied) ? applied : (applied as { rows: unknown[] }).rows) as { n: number }[];
    const { entries } = (await import('../../drizzle/meta/_journal.json', { with: { type: 'json' } })).default as { entries: unknown[] };
    expect(rows[0]!.n).toBe(entries.length);
    for (const bot of bots) expect((await bot.stop('SIGTERM')).code).toBe(0);
  }, 240_000);

  it('a shutdown that cannot finish (the database hangs mid-query) exits anyway after SHUTDOWN_TIMEOUT_S', async () => {
    const database = await openTestDatabase();
    cleanup.push(() => database.close());
    const target = new URL((database as { url?: string }).url!);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    cleanup.push(() => proxy.stop());
    target.hostname = '127.0.0.1';
    target.port = String(proxy.port);
    const bot = startBotProcess({ ...base, SCHEDULES: 'off', DATA_DIR: tempDir(), DATABASE_URL: target.toString(), SHUTDOWN_TIMEOUT_S: '2' });
    cleanup.push(() => bot.stop('SIGKILL'));
    await bot.waitForOutput('bot started', 120_000);
    proxy.freeze();
    // The outbox's next poll now waits for an answer that never comes; closing the pool waits for it.
    await new Promise((r) => setTimeout(r, 2500));
    const { code } = await bot.stop('SIGTERM');
    expect(bot.output()).toContain('shutdown did not finish in time; exiting anyway');
    expect(code).toBe(1);
  }, 180_000);
});
