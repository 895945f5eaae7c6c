import { sql } from 'drizzle-orm';
import { Api } from 'grammy';
import { apiFetch } from '../src/adapters/telegram/apiFetch.js';
import { openDatabase } from '../src/db/client.js';
import { prepared, query } from '../src/db/query.js';
import { startFakeTelegram } from '../tests/support/fakeTelegram.js';
import { printTable } from './table.js';

/**
 * What one call costs the process, by the way it is made: a Bot API call (grammY's default node-fetch, Node's own
 * fetch, apiFetch on node:http) against the fake in this process, and a statement on PostgreSQL through drizzle as
 * the bot sends one (unprepared, or marked prepared). CPU is the process's (client and fake alike for the Bot API),
 * which moves less with the machine's load than the time does. Variants alternate, `BENCH_ROUNDS` (3) times.
 * `npm run bench -- calls`.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CALLS = Number(process.env.BENCH_CALLS ?? 4000);

type Figures = { wallUs: number; cpuUs: number };

async function measure(n: number, atOnce: number, call: (i: number, lane: number) => Promise<unknown>): Promise<Figures> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: atOnce }, async (_, lane) => {
    for (let i = 0; i < n / atOnce; i++) await call(i, lane);
  }));
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: ((performance.now() - t0) * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
}

/** Every variant's figures over the rounds, alternated within each round. */
async function alternate(variants: Record<string, (atOnce: number) => Promise<Figures>>, atOnce: number[]): Promise<(string | number)[][]> {
  const seen = new Map<string, Figures[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of atOnce) {
      for (const [name, run] of Object.entries(variants)) {
        const key = `${name}\u0000${n}`;
        seen.set(key, [...(seen.get(key) ?? []), await run(n)]);
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  return [...seen].map(([key, figures]) => {
    const [name, n] = key.split('\u0000');
    const cpu = figures.map((f) => f.cpuUs);
    const wall = figures.map((f) => f.wallUs);
    return [name!, n!, median(cpu).toFixed(0), range(cpu), median(wall).toFixed(0), range(wall)];
  });
}

async function botApiCalls(): Promise<void> {
  const text = '您好！本月的报到已经收到，谢谢。如需帮助，请点下面的按钮。'.repeat(3);
  const keyboard = { inline_keyboard: [[{ text: '本月情况不变', callback_data: 'ci:same' }, { text: '有变化', callback_data: 'ci:diff' }]] };
  const undici = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) =>
    fetch(url, { method: init.method ?? 'GET', ...(init.headers ? { headers: init.headers } : {}), ...(init.body !== undefined ? { body: init.body } : {}), ...(init.signal ? { signal: init.signal } : {}) });
  const clients: Record<string, object> = { "grammY's default (node-fetch 2)": {}, "Node's fetch (undici)": { fetch: undici }, 'apiFetch (node:http)': { fetch: apiFetch } };
  // A fake of its own for each run: it keeps every call it was made, and the runs should not inherit each other's.
  const variants = Object.fromEntries(Object.entries(clients).map(([name, client]) => [name, async (atOnce: number) => {
    const fake = await startFakeTelegram();
    const api = new Api(fake.token, { apiRoot: fake.url, ...client });
    try {
      return await measure(CALLS, atOnce, (_, lane) => api.sendMessage(100_000 + lane, text, { reply_markup: keyboard }));
    } finally {
      await fake.stop();
    }
  }]));
  const rows = await alternate(variants, [1, 10]);
  printTable(`Bot API calls: sendMessage against the fake in this process, ${CALLS} a run, the median of ${ROUNDS} runs`, ['client', 'at once', 'CPU µs a call', 'range', 'wall µs a call', 'range'], rows);
}

async function statements(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await openDatabase({ url, dataDir: '', maxConnections: 4 });
  // A batch of ten turns' worth of JSON, as bot_turn_*_many take it, read back as the batch's answer is.
  const items = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ i, text: '您好！我是支部的联络助手。请输入支部给您的邀请码。', now: new Date().toISOString() })));
  const statement = () => sql`select coalesce(json_agg(x), '[]'::json) as rows from jsonb_array_elements(${items}::jsonb) x`;
  const variants = {
    unprepared: (atOnce: number) => measure(CALLS, atOnce, () => query(database.db, statement())),
    'marked prepared': (atOnce: number) => measure(CALLS, atOnce, () => query(database.db, prepared(statement()))),
  };
  const rows = await alternate(variants, [1, 2]);
  await database.close();
  printTable(`PostgreSQL statements through drizzle and postgres.js: a 10-item JSON batch and its answer, ${CALLS} a run, the median of ${ROUNDS} runs`, ['statement', 'at once', 'CPU µs a statement', 'range', 'wall µs a statement', 'range'], rows);
}

export async function callsBench(): Promise<void> {
  await botApiCalls();
  await statements();
}
