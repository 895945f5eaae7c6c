import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { DEFAULT_IN_FLIGHT } from '../../src/outbox/sender.js';
import { query } from '../../src/db/query.js';
import { openTestDatabase } from '../support/db.js';
import { RecordingPlatform } from './support/recordingPlatform.js';

/**
 * The sender runs in a child process, as in production, against a platform on 127.0.0.1 that records what
 * arrived. On PGlite the child owns the data folder (one process only), so the test opens it only while no
 * child runs; on PostgreSQL the child has its own pool.
 */
const CHILD = fileURLToPath(new URL('./support/senderChild.ts', import.meta.url));
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let dataDir = '';
let pg: (Database & { url?: string }) | undefined;
const platforms: RecordingPlatform[] = [];

beforeAll(async () => {
  if (onPostgres) pg = await openTestDatabase();
  else dataDir = mkdtempSync(join(tmpdir(), 'sender-crash-'));
});
afterAll(async () => {
  for (const p of platforms) await p.stop();
  await pg?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `f` with the database: the shared PostgreSQL one, or the PGlite folder opened just for this. */
async function withDb<T>(f: (d: Database) => Promise<T>): Promise<T> {
  if (pg) return f(pg);
  const d = await openDatabase({ dataDir });
  try {
    return await f(d);
  } finally {
    await d.close();
  }
}

async function queueBroadcast(prefix: string, n: number) {
  await withDb(async (d) => {
    await migrateDatabase(d);
    const now = new Date();
    await enqueue(d.db, Array.from({ length: n }, (_, i) => ({
      idempotencyKey: `${prefix}:${i}`, platform: 'telegram' as const, chatId: `${prefix}-chat-${i}`, purpose: 'broadcast',
      message: { text: `${prefix}-${i}` }, notBefore: now,
    })), now);
  });
}

function startChild(platformUrl: string): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null }>; told429: { at: number; chatId: string }[] } {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', PLATFORM_URL: platformUrl, LEASE_MS: '1500' };
  if (pg?.url) env.DATABASE_URL = pg.url;
  else env.DATA_DIR = dataDir;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const told429: { at: number; chatId: string }[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    for (const line of c.toString().split('\n')) {
      const [word, at, chatId] = line.split(' ');
      if (word === '429') told429.push({ at: Number(at), chatId: chatId! });
    }
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code) process.stderr.write(`sender child failed:\n${stderr}\n`);
      resolve({ code, signal });
    }),
  );
  return { child, exited, told429 };
}

async function statusCounts(prefix: string) {
  return withDb(async (d) => {
    const rows = await query<{ status: string; n: number }>(d.db, sql`
      select status, count(*)::int as n from outbox_messages where idempotency_key like ${`${prefix}:%`} group by status`);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  });
}

/** Rows a send was started for whose outcome is not recorded (sorted keys). */
async function keysInFlight(prefix: string): Promise<string[]> {
  return withDb(async (d) => {
    const rows = await query<{ key: string }>(d.db, sql`
      select idempotency_key as key from outbox_messages where idempotency_key like ${`${prefix}:%`} and send_started_at is not null order by 1`);
    return rows.map((r) => r.key);
  });
}

/** Rows whose send was cut off by a crash and counted as possibly duplicated (sorted keys). */
async function keysInterrupted(prefix: string): Promise<string[]> {
  return withDb(async (d) => {
    const rows = await query<{ key: string }>(d.db, sql`
      select idempotency_key as key from outbox_messages where idempotency_key like ${`${prefix}:%`} and interrupted_sends > 0 order by 1`);
    return rows.map((r) => r.key);
  });
}

describe('a sender killed mid-broadcast', () => {
  it('delivers every message after a restart, with no more sent twice than the outbox lets be in flight', async () => {
    const N = 200;
    await queueBroadcast('crash', N);
    const platform = new RecordingPlatform();
    platforms.push(platform);
    const url = await platform.start();

    const first = startChild(url);
    const killedAt = await new Promise<number>((resolve) => {
      platform.onDelivered = (count) => {
        if (count === 60) {
          first.child.kill('SIGKILL');
          resolve(count);
        }
      };
    });
    const { signal } = await first.exited;
    expect(signal).toBe('SIGKILL');
    platform.onDelivered = undefined;
    const beforeRestart = platform.delivered.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(killedAt);
    expect(beforeRestart).toBeLessThan(N);
    // What the killed sender may have sent without recording it: the rows it had marked in flight. However
    // slow the machine, never more than its in-flight window.
    const inFlight = await keysInFlight('crash');
    expect(inFlight.length).toBeLessThanOrEqual(DEFAULT_IN_FLIGHT);

    const started = Date.now();
    const second = startChild(url);
    expect((await second.exited).code).toBe(0);
    const restartMs = Date.now() - started;

    const texts = platform.delivered.map((d) => d.text);
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(counts.size).toBe(N);
    // Only those rows can have gone twice, once each; the restart counted each of them as possibly duplicated.
    const twice = [...counts].filter(([, c]) => c > 1).map(([t]) => t);
    expect(twice.filter((t) => !inFlight.includes(t.replace('crash-', 'crash:')))).toEqual([]);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(await statusCounts('crash')).toEqual({ sent: N });
    expect(await keysInterrupted('crash')).toEqual(inFlight);
    process.stdout.write(`[crash] killed after ${beforeRestart}/${N} delivered, ${inFlight.length} in flight; restart finished in ${restartMs} ms; duplicates: ${twice.length}\n`);
  }, 180_000);

  it('slows down for a burst of 429s and loses nothing', async () => {
    const N = 100;
    await queueBroadcast('burst', N);
    const platform = new RecordingPlatform();
    platforms.push(platform);
    platform.burst = { from: 20, count: 4, retryAfter: 1 };
    const url = await platform.start();
    const run = startChild(url);
    expect((await run.exited).code).toBe(0);

    expect(platform.refused).toHaveLength(4);
    const texts = platform.delivered.map((d) => d.text);
    expect(new Set(texts).size).toBe(N);
    expect(texts).toHaveLength(N);
    expect(run.told429.length).toBe(4);
    // Once told that a chat must wait, the sender starts no request to that chat until retry_after has passed.
    // (Requests already on the wire may still arrive: that is not the sender's choice.)
    const startedWithin = (from: number, chatId?: string) =>
      platform.requests.filter((q) => q.startedAt > from && q.startedAt < from + 1000 - 5 && (chatId === undefined || q.chatId === chatId));
    for (const told of run.told429) expect(startedWithin(told.at, told.chatId)).toEqual([]);
    // A second chat told to wait while the first still waits means the bot is over the platform's limit: from
    // then on nothing at all starts until retry_after has passed.
    const flooded = run.told429.filter((t, i) => run.told429.slice(0, i).some((p) => p.chatId !== t.chatId && t.at - p.at < 1000));
    expect(flooded.length).toBeGreaterThanOrEqual(1);
    for (const told of flooded) expect(startedWithin(told.at)).toEqual([]);
    const span = platform.delivered.at(-1)!.at - platform.delivered[0]!.at;
    // 100 messages at 30/s take ~3.3 s; the whole platform waited a second at least once.
    expect(span).toBeGreaterThanOrEqual(3000 + 1000 - 200);
    expect(await statusCounts('burst')).toEqual({ sent: N });
    process.stdout.write(`[burst] ${N} messages through 4 × 429 (${flooded.length} bot-wide waits) in ${span} ms\n`);
  }, 120_000);
});
