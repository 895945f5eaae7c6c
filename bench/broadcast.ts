import { WebClient } from '@slack/web-api';
import { Api } from 'grammy';
import { createSlackTransport } from '../src/adapters/slack/transport.js';
import { createTelegramTransport } from '../src/adapters/telegram/transport.js';
import { systemClock } from '../src/bot/clock.js';
import type { Transport } from '../src/bot/types.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { enqueue, type OutboxItem } from '../src/outbox/enqueue.js';
import { OutboxSender } from '../src/outbox/sender.js';
import { limitedSlack, limitedTelegram, type Ledger } from '../tests/support/limitedPlatforms.js';
import { printTable } from './table.js';

interface Plan {
  label: string;
  platform: 'telegram' | 'slack';
  items: { chatId: string; chatKind: 'private' | 'group' }[];
  /** The best the platform allows for this mix, in messages per second. */
  ceilingPerSecond: number;
}

async function run(plan: Plan, transport: Transport, ledger: Ledger) {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const now = new Date();
  const items: OutboxItem[] = plan.items.map((it, i) => ({
    idempotencyKey: `bench:${i}`, platform: plan.platform, chatId: it.chatId, chatKind: it.chatKind, purpose: 'broadcast', message: { text: `bench-${i}` }, notBefore: now,
  }));
  for (let i = 0; i < items.length; i += 1000) await enqueue(database.db, items.slice(i, i + 1000), now);
  const sender = new OutboxSender({ database, clock: systemClock, logger: createLogger('silent'), maxAttempts: 8, batchSize: 200 });
  sender.register(transport);
  const started = Date.now();
  await sender.drain([plan.platform], 60 * 60_000, true);
  const seconds = (Date.now() - started) / 1000;
  await database.close();
  const expected = new Set(items.map((i) => i.message.text));
  const lost = [...expected].filter((t) => !ledger.texts.has(t)).length;
  const duplicated = [...ledger.texts.values()].filter((n) => n > 1).length;
  const rate = ledger.accepted / seconds;
  return [plan.label, items.length, seconds.toFixed(1), rate.toFixed(1), plan.ceilingPerSecond.toFixed(1), `${((rate / plan.ceilingPerSecond) * 100).toFixed(0)}%`, ledger.rejected429, lost, duplicated];
}

/** Broadcast throughput against fakes that enforce the real limits. BENCH_RECIPIENTS sets the size (default 10,000). */
export async function broadcastBench(): Promise<void> {
  const n = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
  const rows: (string | number)[][] = [];

  const tg = await limitedTelegram();
  try {
    const api = new Api('123:bench', { apiRoot: tg.apiRoot });
    const transport = createTelegramTransport(api, createLogger('silent'), () => 'bench_bot');
    // Mostly private chats, plus a study notice to 10 branch groups (20/min each).
    const groups = 10;
    const groupMessages = Math.min(200, Math.floor(n / 50));
    const items = [
      ...Array.from({ length: n - groupMessages }, (_, i) => ({ chatId: String(10_000 + i), chatKind: 'private' as const })),
      ...Array.from({ length: groupMessages }, (_, i) => ({ chatId: String(-1000 - (i % groups)), chatKind: 'group' as const })),
    ];
    const groupSeconds = (groupMessages / groups / 20) * 60;
    const ceiling = Math.min(30, items.length / Math.max((items.length - groupMessages) / 30, groupSeconds));
    rows.push(await run({ label: 'Telegram (30/s, 1/s/chat, 20/min/group)', platform: 'telegram', items, ceilingPerSecond: ceiling }, transport, tg.ledger));
  } finally {
    await tg.close();
  }

  const slack = await limitedSlack();
  try {
    const client = new WebClient('xoxb-bench', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const transport = createSlackTransport(client, createLogger('silent'));
    // Slack has no overall cap here: the per-channel limit is what binds; a broadcast to channels is 1/s each.
    const channels = 20;
    const m = Math.min(n, 600);
    const items = Array.from({ length: m }, (_, i) => ({ chatId: `C${String(i % channels).padStart(6, '0')}`, chatKind: 'group' as const }));
    rows.push(await run({ label: `Slack (${channels} channels, 1/s each)`, platform: 'slack', items, ceilingPerSecond: channels }, transport, slack.ledger));
  } finally {
    await slack.close();
  }
  printTable('Broadcast through the outbox to fakes that enforce the limits', ['platform', 'messages', 'seconds', 'msg/s', 'ceiling/s', 'share', '429s', 'lost', 'duplicated'], rows);
}
