import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateDatabase } from '../../src/db/client.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { isNotNull } from 'drizzle-orm';
import { outboxMessages } from '../../src/db/schema/index.js';
import { limitedTelegram } from '../support/limitedPlatforms.js';
import { openTestDatabase } from '../support/db.js';
import { DEFAULT_IN_FLIGHT } from '../../src/outbox/sender.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

function startSender(target: string, apiRoot: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/faults/broadcastChild.ts', target, apiRoot], { stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => err };
}

describe('a sender killed in the middle of a broadcast', () => {
  it('delivers every message after a restart, with no more sent twice than the outbox lets be in flight', async () => {
    const fake = await limitedTelegram();
    cleanup.push(() => fake.close());
    // The database outlives the sender: a PGlite folder (closed here before the child opens it), or PostgreSQL.
    let target: string;
    const serverDb = process.env.TEST_DATABASE_URL ? await openTestDatabase() : undefined;
    if (serverDb) {
      target = serverDb.url!;
      cleanup.push(() => serverDb.close());
    } else {
      target = mkdtempSync(join(tmpdir(), 'bot-kill-'));
      cleanup.push(() => rmSync(target, { recursive: true, force: true }));
    }
    const setup = serverDb ?? (await openDatabase({ dataDir: target }));
    if (!serverDb) await migrateDatabase(setup);
    const total = 120;
    const now = new Date();
    await enqueue(setup.db, Array.from({ length: total }, (_, i) => ({
      idempotencyKey: `kill:${i}`, platform: 'telegram' as const, chatId: String(5000 + i), purpose: 'broadcast', message: { text: `kill-${i}` }, notBefore: now,
    })), now);
    if (!serverDb) await setup.close();

    const first = startSender(target, fake.apiRoot);
    const deadline = Date.now() + 60_000;
    while (fake.ledger.accepted < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = fake.ledger.accepted;
    expect(atKill).toBeGreaterThanOrEqual(40);
    expect(atKill).toBeLessThan(total);
    // The rows the killed sender had marked in flight: all it can have sent without recording. However slow
    // the machine, never more than its in-flight window.
    const inFlightAt = async () => {
      const d = serverDb ?? (await openDatabase({ dataDir: target }));
      const rows = await d.db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(isNotNull(outboxMessages.sendStartedAt));
      if (!serverDb) await d.close();
      return rows.map((r) => r.key).sort();
    };
    const inFlight = await inFlightAt();
    expect(inFlight.length).toBeLessThanOrEqual(DEFAULT_IN_FLIGHT);

    const second = startSender(target, fake.apiRoot);
    expect(await second.exited).toBe(0);

    const missing = Array.from({ length: total }, (_, i) => `kill-${i}`).filter((t) => !fake.ledger.texts.has(t));
    expect(missing).toEqual([]);
    // Only those can have gone twice; the restart counted each as possibly duplicated.
    const twice = [...fake.ledger.texts].filter(([, n]) => n > 1).map(([t]) => t.replace('kill-', 'kill:'));
    expect(twice.filter((k) => !inFlight.includes(k))).toEqual([]);
    expect(Math.max(...fake.ledger.texts.values())).toBeLessThanOrEqual(2);

    const check = serverDb ?? (await openDatabase({ dataDir: target }));
    const rows = await check.db.select({ key: outboxMessages.idempotencyKey, status: outboxMessages.status, interrupted: outboxMessages.interruptedSends }).from(outboxMessages);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.interrupted > 0).map((r) => r.key).sort()).toEqual(inFlight);
    if (!serverDb) await check.close();
  }, 180_000);
});
