import { createServer, request } from 'node:http';
import { sql } from 'drizzle-orm';
import { Bot, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { createBot } from '../src/app.js';
import { createTelegramAdapter } from '../src/adapters/telegram/index.js';
import { systemClock } from '../src/bot/clock.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/demo/index.js';
import { createLogger } from '../src/logger.js';
import { startFakeTelegram, BOT_ID, BOT_USERNAME } from '../tests/support/fakeTelegram.js';
import { printTable } from './table.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { query } from '../src/db/query.js';

const SECRET = 'bench-secret-0123456789';
const USERS = Number(process.env.BENCH_USERS ?? 200);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 20);
const PRESSES = ['ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes'];

let updateId = 1;
let messageId = 1;
/** One check-in as a member's phone sends it: the command, then four taps. */
function conversation(userId: number): Update[] {
  const from = { id: userId, is_bot: false, first_name: 'bench' };
  const chat = { id: userId, type: 'private' as const, first_name: 'bench' };
  const date = Math.floor(Date.now() / 1000);
  const first: Update = { update_id: updateId++, message: { message_id: messageId++, date, from, chat, text: '/report', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } } as Update;
  const taps = PRESSES.map((data) => ({
    update_id: updateId++,
    callback_query: { id: `cq${updateId}`, from, chat_instance: 'ci', data, message: { message_id: messageId++, date, chat, from: { id: BOT_ID, is_bot: true, first_name: 'bot' }, text: 'q' } },
  }) as Update);
  return [first, ...taps];
}

function post(port: number, path: string, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends every user's conversation, users side by side, each user's updates in order. */
async function drive(port: number, path: string, users: number[]): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const queue = [...users];
  const started = performance.now();
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let user = queue.shift(); user !== undefined; user = queue.shift()) {
      for (const update of conversation(user)) {
        const t0 = performance.now();
        const status = await post(port, path, update);
        latencies.push(performance.now() - t0);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
      }
    }
  }));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** The bot on one database: state persisted, update ids deduplicated, replies through the outbox. */
async function runBot(database: Database, fakeUrl: string, token: string, users: number[]) {
  const apiRoot = fakeUrl;
  await migrateDatabase(database);
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_BOT_USERNAME: BOT_USERNAME, LOG_LEVEL: 'silent' });
  await database.db.transaction((tx) => seedDemo(tx, new Date(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  await database.db.execute(sql`insert into persons (name) select 'bench-' || g from generate_series(1, ${USERS}) g`);
  await database.db.execute(sql`insert into members (person_id, home_org_id) select p.id, (select id from organisations where kind = 'branch' limit 1) from persons p where p.name like 'bench-%'`);
  await database.db.execute(sql`
    insert into identities (platform, external_user_id, chat_id, person_id, linked_at, last_seen_at)
    select 'telegram', (899999 + row_number() over (order by id))::text, (899999 + row_number() over (order by id))::text, id, now(), now()
    from persons where name like 'bench-%'`);
  const logger = createLogger('silent');
  const bot = createBot({ database, clock: systemClock, logger, config, sender: { pollMs: 20, limits: { telegram: { globalPerSecond: 10_000, perChatPerSecond: 1000, perGroupPerMinute: 60_000 } } } });
  const adapter = createTelegramAdapter({ config, core: bot.core, logger, port: 0 });
  await adapter.start();
  bot.sender.start();
  const run = await drive(adapter.port()!, '/hook', users);
  const drainStart = performance.now();
  await bot.sender.drain(['telegram'], 600_000, true);
  const drained = (performance.now() - drainStart) / 1000;
  const [{ n }] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from reports`) as [{ n: number }];
  await adapter.stop();
  await bot.sender.stop();
  return { ...run, drained, reports: n };
}

export async function inboundBench(): Promise<void> {
  const fake = await startFakeTelegram();
  const apiRoot = fake.url;
  const users = Array.from({ length: USERS }, (_, i) => 900_000 + i);
  const rows: (string | number)[][] = [];

  // The bare reference: grammY answering each update with one message, nothing stored.
  const bare = new Bot(fake.token, { client: { apiRoot }, botInfo: { id: BOT_ID, is_bot: true, first_name: 'bench', username: BOT_USERNAME, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never });
  bare.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bare.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.callbackQuery.data);
  });
  const bareServer = createServer(webhookCallback(bare, 'http', { secretToken: SECRET }));
  await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));
  const barePort = (bareServer.address() as { port: number }).port;
  const bareRun = await drive(barePort, '/', users);
  bareServer.close();

  const lite = await openDatabase({ dataDir: 'memory://' });
  const onLite = await runBot(lite, apiRoot, fake.token, users);
  await lite.close();
  const onPg = await withScratchPostgres('bench_inbound', (pg) => runBot(pg, apiRoot, fake.token, users));
  await fake.stop();

  const convs = (r: { seconds: number }) => USERS / r.seconds;
  rows.push(['bare grammY echo (webhook, nothing stored)', convs(bareRun).toFixed(1), '1.00', pct(bareRun.latencies, 0.5).toFixed(1), pct(bareRun.latencies, 0.99).toFixed(1), '-']);
  for (const [label, r] of [['PGlite', onLite], ['PostgreSQL', onPg]] as const) {
    rows.push([`bot on ${label}: state + dedupe + outbox (${r.reports} reports)`, convs(r).toFixed(1), (convs(r) / convs(bareRun)).toFixed(2), pct(r.latencies, 0.5).toFixed(1), pct(r.latencies, 0.99).toFixed(1), r.drained.toFixed(1)]);
  }
  printTable(`Inbound: ${USERS} check-ins (5 updates each), ${PARALLEL} members at once, through the webhook`, ['run', 'check-ins/s', '× bare', 'p50 ms', 'p99 ms', 'outbox tail s'], rows);
}
