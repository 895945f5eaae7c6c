import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { sql } from 'drizzle-orm';
import { Api } from 'grammy';
import { createSlackTransport } from '../src/adapters/slack/transport.js';
import { createTelegramTransport } from '../src/adapters/telegram/transport.js';
import { systemClock } from '../src/bot/clock.js';
import type { Transport } from '../src/bot/types.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { query } from '../src/db/query.js';
import { createLogger } from '../src/logger.js';
import { enqueue, type OutboxItem } from '../src/outbox/enqueue.js';
import { OutboxSender } from '../src/outbox/sender.js';
import { handOverToArrival, handedOver, limitedSlack, limitedTelegram, telegramViolations, type Ledger } from '../tests/support/limitedPlatforms.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';

type Item = { chatId: string; chatKind: 'private' | 'group' };

interface Plan {
  label: string;
  platform: 'telegram' | 'slack';
  items: Item[];
  /** The best the platform allows for this mix, in messages per second. */
  ceilingPerSecond: number;
}

const logger = createLogger('silent');

async function queue(database: Database, plan: Plan): Promise<string[]> {
  await migrateDatabase(database);
  const now = new Date();
  const items: OutboxItem[] = plan.items.map((it, i) => ({
    idempotencyKey: `bench:${i}`, platform: plan.platform, chatId: it.chatId, chatKind: it.chatKind, purpose: 'broadcast', message: { text: `bench-${i}` }, notBefore: now,
  }));
  for (let i = 0; i < items.length; i += 1000) await enqueue(database.db, items.slice(i, i + 1000), now);
  return items.map((i) => i.message.text);
}

/**
 * One row of the table. The rate counts from the first message the fake accepted to the last, so the start of
 * the processes is not in it. "Over limit" counts messages handed to the transport beyond Telegram's limits
 * by the senders' own clocks (what the senders chose); 429s are what the fake refused as the requests arrived.
 */
function row(plan: Plan, instances: number, ledger: Ledger, texts: string[]): (string | number)[] {
  const seconds = (ledger.lastAt - ledger.firstAt) / 1000;
  const rate = ledger.accepted / seconds;
  const lost = texts.filter((t) => !ledger.texts.has(t)).length;
  const duplicated = [...ledger.texts.values()].filter((n) => n > 1).length;
  const over = plan.platform === 'telegram' ? telegramViolations(ledger) : undefined;
  const lat = handOverToArrival(ledger);
  return [
    plan.label, instances, texts.length, seconds.toFixed(1), rate.toFixed(1), plan.ceilingPerSecond.toFixed(1), `${((rate / plan.ceilingPerSecond) * 100).toFixed(1)}%`,
    ledger.rejected429, over ? over.overall + over.chats : '-', lat ? `${lat.p50} / ${lat.p99} / ${lat.max}` : '-', lost, duplicated,
  ];
}

/** One instance in this process, on PGlite in memory, running as the bot runs it until nothing is left. */
async function inProcess(plan: Plan, transport: Transport, ledger: Ledger): Promise<(string | number)[]> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const texts = await queue(database, plan);
  // As the bot runs it: its batch size and poll interval are the sender's own defaults (app.ts passes neither).
  const sender = new OutboxSender({ database, clock: systemClock, logger, maxAttempts: 8 });
  sender.register(handedOver(transport, ledger));
  sender.start();
  while (Number((await query<{ n: number }>(database.db, sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')`))[0]!.n) > 0) {
    await new Promise((r) => setTimeout(r, 250));
  }
  await sender.stop();
  await database.close();
  return row(plan, 1, ledger, texts);
}

/** `instances` processes (bench/broadcastInstance.ts) sharing a scratch PostgreSQL database. */
async function severalProcesses(plan: Plan, instances: number, apiRoot: string, ledger: Ledger): Promise<(string | number)[]> {
  return withScratchPostgres('bench_broadcast', async (database, url) => {
    const texts = await queue(database, plan);
    const dir = mkdtempSync(join(tmpdir(), 'bench-broadcast-'));
    try {
      const runs = Array.from({ length: instances }, (_, n) => {
        const file = join(dir, `handed-${n}.json`);
        const child = spawn(process.execPath, ['--import', 'tsx', 'bench/broadcastInstance.ts', url, apiRoot, file, `bench-${n}`], { stdio: ['ignore', 'ignore', 'inherit'] });
        return new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(file) : reject(new Error(`instance ${n} exited with ${code}`)))));
      });
      for (const file of await Promise.all(runs)) {
        for (const [chat, at] of JSON.parse(readFileSync(file, 'utf8')) as [string, number][]) ledger.starts.push({ chat, at });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return row(plan, instances, ledger, texts);
  });
}

/**
 * Mostly private chats, plus a study notice to 10 branch groups (20/min each), queued among them: the groups'
 * limit spreads their messages over a minute, beside the members', as a sender would send a mixed queue.
 */
function telegramPlan(n: number, label: string): Plan {
  const groups = 10;
  const groupMessages = Math.min(200, Math.floor(n / 50));
  const every = Math.floor(n / groupMessages);
  const items = Array.from({ length: n }, (_, i): Item => {
    const g = i % every === every - 1 ? Math.floor(i / every) : -1;
    return g >= 0 && g < groupMessages ? { chatId: String(-1000 - (g % groups)), chatKind: 'group' } : { chatId: String(10_000 + i), chatKind: 'private' };
  });
  const groupSeconds = (groupMessages / groups / 20) * 60;
  const ceiling = Math.min(30, items.length / Math.max((items.length - groupMessages) / 30, groupSeconds));
  return { label, platform: 'telegram', items, ceilingPerSecond: ceiling };
}

/**
 * Broadcast throughput against fakes that enforce the real limits: one instance on PGlite, then
 * BENCH_INSTANCES (3) processes sharing a PostgreSQL database (BENCH_DATABASE_URL), then Slack. BENCH_RECIPIENTS
 * sets the size (default 10,000); BENCH_BROADCAST_RUNS a part of them (`telegram`, `several`, `slack`, comma-separated).
 */
export async function broadcastBench(): Promise<void> {
  const n = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
  const runs = process.env.BENCH_BROADCAST_RUNS?.split(',') ?? ['telegram', 'several', 'slack'];
  const instances = Number(process.env.BENCH_INSTANCES ?? 3);
  const rows: (string | number)[][] = [];
  const load = [loadavg()[0]!];

  if (runs.includes('telegram')) {
    const tg = await limitedTelegram();
    try {
      const transport = createTelegramTransport(new Api('123:bench', { apiRoot: tg.apiRoot }), logger, () => 'bench_bot');
      rows.push(await inProcess(telegramPlan(n, 'Telegram, PGlite'), transport, tg.ledger));
    } finally {
      await tg.close();
    }
    load.push(loadavg()[0]!);
  }

  if (runs.includes('several')) {
    const tg3 = await limitedTelegram();
    try {
      rows.push(await severalProcesses(telegramPlan(n, 'Telegram, PostgreSQL'), instances, tg3.apiRoot, tg3.ledger));
    } finally {
      await tg3.close();
    }
    load.push(loadavg()[0]!);
  }

  if (runs.includes('slack')) {
    const slack = await limitedSlack();
    try {
      const client = new WebClient('xoxb-bench', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      // Slack has no overall cap here: the per-channel limit is what binds; a broadcast to channels is 1/s each.
      const channels = 20;
      const items = Array.from({ length: Math.min(n, 600) }, (_, i) => ({ chatId: `C${String(i % channels).padStart(6, '0')}`, chatKind: 'group' as const }));
      rows.push(await inProcess({ label: `Slack (${channels} channels, 1/s each), PGlite`, platform: 'slack', items, ceilingPerSecond: channels }, createSlackTransport(client, logger), slack.ledger));
    } finally {
      await slack.close();
    }
    load.push(loadavg()[0]!);
  }
  printTable(
    `Broadcast through the outbox to fakes that enforce the limits (Telegram 30/s, 1/s/chat, 20/min/group); load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
    ['run', 'instances', 'messages', 'seconds', 'msg/s', 'ceiling/s', 'share', '429s', 'over limit', 'to arrival ms p50/p99/max', 'lost', 'duplicated'],
    rows,
  );
}
