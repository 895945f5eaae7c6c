import { createServer, request } from 'node:http';
import { sql } from 'drizzle-orm';
import { Bot, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { createBot, type Bot as BotApp } from '../src/app.js';
import { createTelegramAdapter } from '../src/adapters/telegram/index.js';
import { TelegramPolling } from '../src/adapters/telegram/polling.js';
import type { Core } from '../src/bot/core.js';
import { systemClock } from '../src/bot/clock.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/demo/index.js';
import { createLogger } from '../src/logger.js';
import { startFakeTelegram, BOT_ID, BOT_USERNAME, type FakeTelegram } from '../tests/support/fakeTelegram.js';
import { lookAtRun } from './inboundLooks.js';
import { printTable } from './table.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { query } from '../src/db/query.js';

const SECRET = 'bench-secret-0123456789';
const USERS = Number(process.env.BENCH_USERS ?? 200);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 20);
/**
 * Each cell is measured this many times, the bare echo and the bot alternately, each pair with users of its own: the
 * echo's own rate moves by 2× between runs a minute apart on this machine, and one pair's ratio said as much about
 * that as about the bot. The table gives the median pair and the range of the ratios.
 */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const PRESSES = ['ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes'];
type Mode = 'webhook' | 'polling';
type Scenario = 'check-ins' | 'help';
/** A part of the bench only (profiling one cell): BENCH_MODES=polling BENCH_SCENARIOS=help BENCH_DATABASES=postgres (or pglite, pglite-worker). */
const only = <T extends string>(name: string, all: readonly T[]): T[] => all.filter((x) => (process.env[name]?.split(',') ?? all).includes(x));
const MODES = only('BENCH_MODES', ['webhook', 'polling'] as const);
const SCENARIOS = only('BENCH_SCENARIOS', ['check-ins', 'help'] as const);
const DATABASES = only('BENCH_DATABASES', ['pglite', 'pglite-worker', 'postgres'] as const);
/** Each run's users: check-ins from linked members (seeded), /help from accounts never seen. */
const FIRST_USER: Record<Mode, Record<Scenario, number>> = { webhook: { 'check-ins': 900_000, help: 700_000 }, polling: { 'check-ins': 910_000, help: 710_000 } };

/**
 * Update ids are given on delivery, from the fake's one counter, webhook and polling alike (Telegram numbers them as
 * they arrive). Each run's ids made here once clashed: a webhook run's ids, stored by the bot, came again later in the
 * same database from the fake's counter, and the bot rightly skipped those updates as handled before.
 */
const UNNUMBERED = 0;
let queryId = 1;
let messageId = 1;
/** One check-in as a member's phone sends it: the command, then four taps. */
function checkIn(userId: number): Update[] {
  const from = { id: userId, is_bot: false, first_name: 'bench' };
  const chat = { id: userId, type: 'private' as const, first_name: 'bench' };
  const date = Math.floor(Date.now() / 1000);
  const first: Update = { update_id: UNNUMBERED, message: { message_id: messageId++, date, from, chat, text: '/report', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } } as Update;
  const taps = PRESSES.map((data) => ({
    update_id: UNNUMBERED,
    callback_query: { id: `cq${queryId++}`, from, chat_instance: 'ci', data, message: { message_id: messageId++, date, chat, from: { id: BOT_ID, is_bot: true, first_name: 'bot' }, text: 'q' } },
  }) as Update);
  return [first, ...taps];
}

/** /help from an account the bot has never seen (the issue's first row): five such accounts per "user". */
function helpFromNew(userId: number): Update[] {
  return Array.from({ length: 5 }, (_, i) => {
    const id = userId * 10 + i;
    const from = { id, is_bot: false, first_name: 'bench' };
    return { update_id: UNNUMBERED, message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), from, chat: { id, type: 'private', first_name: 'bench' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } } as Update;
  });
}

function post(fake: FakeTelegram, port: number, update: Update): Promise<void> {
  const body = JSON.stringify({ ...update, update_id: fake.updateId() });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/hook', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Polling: an update is queued at the fake and counts as done when the bot has handled it. */
class Handled {
  private readonly waiting = new Map<string, () => void>();
  wait(fake: FakeTelegram, update: Update): Promise<void> {
    // As Telegram does, the id is given on arrival (ids made up front would arrive out of order, below the offset).
    const id = fake.updateId();
    const done = new Promise<void>((resolve) => this.waiting.set(String(id), resolve));
    fake.inject({ ...update, update_id: id });
    return done;
  }
  done(updateId: string | number): void {
    this.waiting.get(String(updateId))?.();
    this.waiting.delete(String(updateId));
  }
}

/** Sends every user's updates, PARALLEL users side by side, each user's updates in order, the next once the last was handled. */
async function drive(deliver: (u: Update) => Promise<void>, users: number[], scenario: Scenario): Promise<{ seconds: number; latencies: number[]; updates: number }> {
  if (process.env.BENCH_VERBOSE) process.stderr.write(`inbound: ${scenario}, users from ${users[0]}\n`);
  const latencies: number[] = [];
  const queue = [...users];
  const started = performance.now();
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let user = queue.shift(); user !== undefined; user = queue.shift()) {
      for (const update of scenario === 'check-ins' ? checkIn(user) : helpFromNew(user)) {
        const t0 = performance.now();
        await deliver(update);
        latencies.push(performance.now() - t0);
      }
    }
  }));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), updates: latencies.length };
}

const usersOf = (mode: Mode, scenario: Scenario, pair: number) => Array.from({ length: USERS }, (_, i) => FIRST_USER[mode][scenario] + pair * USERS + i);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
/** `sentInRun`: of the bot's messages (sendMessage), the share the fake had by the end of the run; the rest went in the tail. */
type Run = Awaited<ReturnType<typeof drive>> & { drained?: number; sentInRun?: number };

/** The bare reference: grammY answering each update with one message, nothing stored; webhook or grammY's runner. */
async function bareRun(fake: FakeTelegram, mode: Mode, scenario: Scenario, pair: number): Promise<Run> {
  const bare = new Bot(fake.token, { client: { apiRoot: fake.url }, botInfo: { id: BOT_ID, is_bot: true, first_name: 'bench', username: BOT_USERNAME, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as never });
  const handled = new Handled();
  bare.use(async (ctx, next) => {
    await next();
    handled.done(ctx.update.update_id);
  });
  // A failed reply (seen once: a BotError that ended the whole bench) is said and counted as handled, as the bot's
  // outbox would try it again later instead of holding up the member.
  bare.catch((err) => {
    process.stderr.write(`inbound: the bare echo's reply failed: ${err.error instanceof Error ? err.error.message : String(err.error)}\n`);
    handled.done(err.ctx.update.update_id);
  });
  bare.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bare.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.callbackQuery.data);
  });
  if (mode === 'webhook') {
    const server = createServer(webhookCallback(bare, 'http', { secretToken: SECRET }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const result = await drive((u) => post(fake, port, u), usersOf(mode, scenario, pair), scenario);
    server.close();
    return result;
  }
  // Polled by the same loop as the bot's (one chat's updates in order, chats side by side), grammY handling each.
  await bare.api.deleteWebhook();
  const polling = new TelegramPolling({
    api: bare.api, logger: createLogger('silent'), timeoutSeconds: 1, allowedUpdates: ['message', 'callback_query'],
    handle: async (update) => {
      await bare.handleUpdate(update);
      return true;
    },
    orderKey: (update) => String(update.message?.chat.id ?? update.callback_query?.from.id),
    onFatal: (err) => {
      throw err;
    },
  });
  polling.start();
  const result = await drive((u) => handled.wait(fake, u), usersOf(mode, scenario, pair), scenario);
  await polling.stop();
  return result;
}

/** The bot: state persisted, update ids deduplicated, replies through the outbox (drained after: the tail). */
async function botRun(app: BotApp, database: Database, name: string, fake: FakeTelegram, mode: Mode, scenario: Scenario, pair: number): Promise<Run> {
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, TELEGRAM_BOT_USERNAME: BOT_USERNAME, LOG_LEVEL: 'silent', ...(mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook', TELEGRAM_WEBHOOK_SECRET: SECRET } : {}) });
  const handled = new Handled();
  const core: Core = { ...app.core, handle: async (incoming) => {
    const result = await app.core.handle(incoming);
    handled.done(incoming.updateId);
    return result;
  } };
  const adapter = createTelegramAdapter({ config, core, logger: createLogger('silent'), port: 0, ...(mode === 'polling' ? { pollTimeoutSeconds: 1 } : {}) });
  await adapter.start();
  const port = adapter.port();
  const look = await lookAtRun(database);
  const result = await drive((u) => (mode === 'webhook' ? post(fake, port!, u) : handled.wait(fake, u)), usersOf(mode, scenario, pair), scenario);
  look.ran();
  const sentInRun = fake.callsOf('sendMessage').length;
  const drainStart = performance.now();
  await app.sender.drain(['telegram'], 600_000, true);
  await adapter.stop();
  const drained = (performance.now() - drainStart) / 1000;
  await look.done(`${mode}, ${scenario}, ${name}, pair ${pair + 1}`, result.updates);
  // Every update of both scenarios is answered (a check-in's five with six messages): fewer means updates were skipped.
  const sent = fake.callsOf('sendMessage').length;
  if (sent < result.updates) process.stderr.write(`inbound: ${mode}, ${scenario}, ${name}: ${sent} messages for ${result.updates} updates; the figures do not count\n`);
  return { ...result, drained, sentInRun: sentInRun / Math.max(1, sent) };
}

async function seedBench(database: Database): Promise<void> {
  await migrateDatabase(database);
  await database.db.transaction((tx) => seedDemo(tx, new Date(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  for (const mode of ['webhook', 'polling'] as const) {
    const first = FIRST_USER[mode]['check-ins'];
    await database.db.execute(sql`insert into persons (name) select 'bench-' || ${mode} || '-' || g from generate_series(0, ${USERS * PAIRS - 1}) g`);
    await database.db.execute(sql`insert into members (person_id, home_org_id) select p.id, (select id from organisations where kind = 'branch' limit 1) from persons p where p.name like ${`bench-${mode}-%`}`);
    await database.db.execute(sql`
      insert into identities (platform, external_user_id, chat_id, person_id, linked_at, last_seen_at)
      select 'telegram', (${first} + split_part(name, '-', 3)::int)::text, (${first} + split_part(name, '-', 3)::int)::text, id, now(), now()
      from persons where name like ${`bench-${mode}-%`}`);
  }
}

type BotRun = Run & { reports: number; bare: Run };
/** A cell's pairs, the median one (by ratio) first. */
type Cell = { median: BotRun; ratios: number[] };

/**
 * Every mode and scenario on one database, the sender running beside as in production (limits raised). Each bot
 * run comes right after its own bare echo run: on a shared machine the load moves within minutes, and a ratio of
 * two runs minutes apart said more about the load than about the bot.
 */
async function onDatabase(database: Database, name: string, fake: FakeTelegram): Promise<Map<string, Cell>> {
  await seedBench(database);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = createBot({ database, clock: systemClock, logger: createLogger('silent'), config, sender: { pollMs: 20, limits: { telegram: { globalPerSecond: 10_000, perChatPerSecond: 1000, perGroupPerMinute: 60_000 } } } });
  app.sender.start();
  const runs = new Map<string, Cell>();
  for (const scenario of SCENARIOS) {
    for (const mode of MODES) {
      const pairs: BotRun[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        // The fake records every call; cleared before each run, so that no run carries the earlier runs' records
        // (tens of thousands over the bench, each run's garbage collection the slower for them) and the bot's run
        // counts only its own messages.
        fake.calls.length = 0;
        const bare = await bareRun(fake, mode, scenario, pair);
        fake.calls.length = 0;
        const r = await botRun(app, database, name, fake, mode, scenario, pair);
        const [{ n }] = (await query<{ n: number }>(database.db, sql`select count(*)::int as n from reports`)) as [{ n: number }];
        pairs.push({ ...r, reports: n, bare });
      }
      const ratio = (r: BotRun) => r.updates / r.seconds / (r.bare.updates / r.bare.seconds);
      pairs.sort((a, b) => ratio(a) - ratio(b));
      runs.set(`${mode}/${scenario}`, { median: pairs[Math.floor(pairs.length / 2)]!, ratios: pairs.map(ratio) });
    }
  }
  await app.sender.stop();
  return runs;
}

export async function inboundBench(): Promise<void> {
  const fake = await startFakeTelegram();
  const onPglite = async (pgliteThread: 'main' | 'worker') => {
    const lite = await openDatabase({ dataDir: 'memory://', pgliteThread });
    try {
      return await onDatabase(lite, pgliteThread === 'main' ? 'pglite' : 'pglite-worker', fake);
    } finally {
      await lite.close();
    }
  };
  const onLite = DATABASES.includes('pglite') ? await onPglite('main') : new Map<string, Cell>();
  const onLiteWorker = DATABASES.includes('pglite-worker') ? await onPglite('worker') : new Map<string, Cell>();
  const onPg = DATABASES.includes('postgres') ? await withScratchPostgres('bench_inbound', (pg) => onDatabase(pg, 'postgres', fake)) : new Map<string, Cell>();
  await fake.stop();

  const rate = (r: Run) => r.updates / r.seconds;
  const figures = (r: Run) => [rate(r).toFixed(0), pct(r.latencies, 0.5).toFixed(1), pct(r.latencies, 0.99).toFixed(1)];
  for (const scenario of SCENARIOS) {
    const rows: (string | number)[][] = [];
    for (const mode of MODES) {
      for (const [label, runs] of [['PGlite', onLite], ['PGlite on a worker thread', onLiteWorker], ['PostgreSQL', onPg]] as const) {
        const cell = runs.get(`${mode}/${scenario}`);
        if (!cell) continue;
        const r = cell.median;
        const [bareRate, bareP50, bareP99] = figures(r.bare);
        rows.push([`${mode}: bare grammY echo, just before`, bareRate!, '1.00', '', bareP50!, bareP99!, '- (all in the run)']);
        const [botRate, botP50, botP99] = figures(r);
        const range = `${Math.min(...cell.ratios).toFixed(2)}–${Math.max(...cell.ratios).toFixed(2)}`;
        rows.push([`${mode}: bot on ${label}${scenario === 'check-ins' ? ` (${r.reports} reports so far)` : ''}`, botRate!, (rate(r) / rate(r.bare)).toFixed(2), range, botP50!, botP99!, `${r.drained!.toFixed(1)} (${Math.round(r.sentInRun! * 100)}% sent in the run)`]);
      }
    }
    const title = scenario === 'check-ins' ? `${USERS} check-ins (5 updates each)` : `/help from ${USERS * 5} new accounts`;
    printTable(`Inbound: ${title}, ${PARALLEL} at once, each update after the last was handled; the median of ${PAIRS} pairs`, ['run', 'updates/s', '× bare', `× bare, ${PAIRS} pairs`, 'p50 ms', 'p99 ms', 'outbox tail s'], rows);
  }
}
