import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { pgliteForDrizzle } from '../src/db/pgliteParsers.js';
import { createBot } from '../src/app.js';
import { systemClock } from '../src/bot/clock.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, type Database, type Db } from '../src/db/client.js';
import * as schema from '../src/db/schema/index.js';
import { seedDemo } from '../src/demo/index.js';
import { createLogger } from '../src/logger.js';
import type { Incoming } from '../src/bot/types.js';
import { withScratchPostgres } from './scratchDatabase.js';

/**
 * Where an update's time goes, one update at a time (no concurrency, no HTTP): statements per update and the time
 * spent in the database against the time in JavaScript. `npm run bench -- inboundProfile`.
 */
const USERS = Number(process.env.BENCH_PROFILE_USERS ?? 100);
const PRESSES = ['ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes'];

interface Counter {
  statements: number;
  dbMs: number;
  texts: Map<string, number>;
  /** PGlite time by statement (the wasm runs synchronously after drizzle logs the statement). */
  msByText: Map<string, number>;
  last: string;
}

/** A PGlite database whose statements are counted and timed (the wasm runs on this thread: its time is the database's). */
async function countedPglite(counter: Counter): Promise<Database> {
  const client = new PGlite();
  await client.waitReady;
  const raw = client.execProtocolRawSync.bind(client);
  client.execProtocolRawSync = (message: Uint8Array) => {
    const t0 = performance.now();
    try {
      return raw(message);
    } finally {
      const ms = performance.now() - t0;
      counter.dbMs += ms;
      counter.msByText.set(counter.last, (counter.msByText.get(counter.last) ?? 0) + ms);
    }
  };
  const logger = { logQuery: (text: string) => countStatement(counter, text) };
  // As openDatabase gives it to drizzle (its parsers once, not copied for every statement).
  const db = drizzle({ client: pgliteForDrizzle(client) as unknown as PGlite, schema, logger }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

function countStatement(counter: Counter, text: string) {
  counter.statements++;
  const key = text.replace(/\s+/g, ' ').slice(0, 90);
  counter.texts.set(key, (counter.texts.get(key) ?? 0) + 1);
  counter.last = key;
}

async function seed(database: Database) {
  await migrateDatabase(database);
  await database.db.transaction((tx) => seedDemo(tx, new Date(), { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }));
  await database.db.execute(sql`insert into persons (name) select 'bench-' || g from generate_series(1, ${USERS}) g`);
  await database.db.execute(sql`insert into members (person_id, home_org_id) select p.id, (select id from organisations where kind = 'branch' limit 1) from persons p where p.name like 'bench-%'`);
  await database.db.execute(sql`
    insert into identities (platform, external_user_id, chat_id, person_id, linked_at, last_seen_at)
    select 'telegram', (899999 + row_number() over (order by id))::text, (899999 + row_number() over (order by id))::text, id, now(), now()
    from persons where name like 'bench-%'`);
}

let updateSeq = 1;
function checkIn(user: number): Incoming[] {
  const base = { platform: 'telegram' as const, chatId: String(user), chatKind: 'private' as const, userId: String(user) };
  return [
    { ...base, updateId: String(updateSeq++), body: { kind: 'text', text: '/report' } },
    ...PRESSES.map((payload) => ({ ...base, updateId: String(updateSeq++), body: { kind: 'button' as const, payload } })),
  ];
}

function helpFromNew(user: number): Incoming {
  return { platform: 'telegram', chatId: String(user), chatKind: 'private', userId: String(user), updateId: String(updateSeq++), body: { kind: 'text', text: '/help' } };
}

async function profile(label: string, database: Database, counter: Counter) {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const bot = createBot({ database, clock: systemClock, logger: createLogger('silent'), config, sender: { limits: { telegram: { globalPerSecond: Number(process.env.BENCH_GLOBAL ?? 10_000), perChatPerSecond: 1000, perGroupPerMinute: 60_000 } } } });
  let sent = 0;
  bot.core.registerTransport({ platform: 'telegram', send: async () => ({ ok: true, messageId: String(++sent) }) });
  const run = async (name: string, updates: Incoming[]) => {
    counter.statements = 0;
    counter.dbMs = 0;
    counter.texts.clear();
    counter.msByText.clear();
    const t0 = performance.now();
    for (const u of updates) {
      const r = await bot.core.handle(u);
      if (r.status !== 'applied') throw new Error(`${name}: ${r.status}`);
    }
    const ms = performance.now() - t0;
    const n = updates.length;
    process.stdout.write(`\n${label}, ${name}: ${n} updates, ${(ms / n).toFixed(2)} ms/update, ${(counter.statements / n).toFixed(1)} statements/update` +
      (counter.dbMs ? `, in PGlite ${(counter.dbMs / n).toFixed(2)} ms/update (${((100 * counter.dbMs) / ms).toFixed(0)}%)` : '') + '\n');
    for (const [text, count] of [...counter.texts].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${(count / n).toFixed(2)} ${((counter.msByText.get(text) ?? 0) / n).toFixed(2)}ms  ${text}\n`);
    counter.statements = 0;
    counter.dbMs = 0;
    counter.texts.clear();
    counter.msByText.clear();
    const before = sent;
    const t1 = performance.now();
    await bot.sender.drain(['telegram'], 600_000, true);
    const sendMs = performance.now() - t1;
    const m = sent - before;
    process.stdout.write(`${label}, ${name}, the outbox after: ${m} messages, ${(sendMs / m).toFixed(2)} ms/message, ${(counter.statements / m).toFixed(1)} statements/message` +
      (counter.dbMs ? `, in PGlite ${(counter.dbMs / m).toFixed(2)} ms/message` : '') + '\n');
    for (const [text, count] of [...counter.texts].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${(count / m).toFixed(2)} ${((counter.msByText.get(text) ?? 0) / m).toFixed(2)}ms  ${text}\n`);
  };
  const users = Array.from({ length: USERS }, (_, i) => 900_000 + i);
  await run('warm-up', checkIn(users[0]!).slice(0, 1).concat(helpFromNew(1)));
  await run('check-ins', users.slice(1).flatMap(checkIn));
  await run('/help from new accounts', Array.from({ length: USERS }, (_, i) => helpFromNew(100 + i)));
}

export async function inboundProfile(): Promise<void> {
  const counter: Counter = { statements: 0, dbMs: 0, texts: new Map(), msByText: new Map(), last: '' };
  const lite = await countedPglite(counter);
  await seed(lite);
  await profile('PGlite', lite, counter);
  await lite.close();
  await withScratchPostgres('bench_profile', async (pg, url) => {
    // postgres.js: statements counted through drizzle's logger on a second handle to the same database.
    const { drizzle: pgDrizzle } = await import('drizzle-orm/postgres-js');
    const { default: postgres } = await import('postgres');
    const client = postgres(url, { max: 10, onnotice: () => {} });
    const db = pgDrizzle({ client, schema, logger: { logQuery: (text: string) => countStatement(counter, text) } }) as unknown as Db;
    await seed(pg);
    await profile('PostgreSQL', { db, kind: 'postgres', close: () => client.end() }, counter);
    await client.end();
  });
}
