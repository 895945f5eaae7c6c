import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Api } from 'grammy';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { systemClock } from '../../src/bot/clock.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import type { OutboundChat, OutgoingMessage } from '../../src/bot/types.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { handedOver, limitedTelegram, telegramViolations } from '../support/limitedPlatforms.js';
import { openTestDatabase } from '../support/db.js';

/**
 * Senders sharing one database, against a fake Telegram that enforces its limits, in real time. What is
 * checked does not depend on the machine's speed: the times messages were handed to the transport never
 * break a limit, whichever instance sent them; nothing is lost or sent twice; a chat's messages keep their
 * order. (How long a request then takes to arrive is not the sender's choice: the fake's 429s are printed.)
 * On PostgreSQL, three instances with a connection pool each; on PGlite, its one instance.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let main: Database & { url?: string };
const databases: Database[] = [];

beforeAll(async () => {
  main = await openTestDatabase();
  databases.push(main);
  if (main.url) for (let i = 0; i < 2; i++) databases.push(await openDatabase({ url: main.url, dataDir: '', maxConnections: 3 }));
});
afterAll(async () => {
  for (const d of databases.slice(1)) await d.close();
  await main?.close();
});

describe(onPostgres ? 'three senders on one PostgreSQL database' : 'the one sender on PGlite', () => {
  it('never start more than Telegram allows, overall or per chat, and lose or repeat nothing', async () => {
    const fake = await limitedTelegram();
    const now = new Date();
    // 170 members, one member with four messages in a row, two branch groups with six each (20 a minute allowed).
    const items = [
      ...Array.from({ length: 170 }, (_, i) => ({ chatId: String(7000 + i), chatKind: 'private' as const })),
      ...Array.from({ length: 4 }, () => ({ chatId: '6999', chatKind: 'private' as const })),
      ...Array.from({ length: 12 }, (_, i) => ({ chatId: String(-2000 - (i % 2)), chatKind: 'group' as const })),
    ];
    await enqueue(main.db, items.map((it, i) => ({ idempotencyKey: `several:${i}`, ...it, platform: 'telegram' as const, purpose: 'broadcast', message: { text: `several-${i}` }, notBefore: now })), now);
    const sent: number[] = [];
    const senders = databases.map((database, n) => {
      const sender = new OutboxSender({ database, clock: systemClock, logger: createLogger('silent'), maxAttempts: 8, batchSize: 40, pollMs: 50, instanceId: `test-${n}` });
      const transport = createTelegramTransport(new Api('123:several', { apiRoot: fake.apiRoot }), createLogger('silent'), () => 'several_bot');
      const counted = { ...transport, send: async (chat: OutboundChat, message: OutgoingMessage) => ((sent[n] = (sent[n] ?? 0) + 1), transport.send(chat, message)) };
      sender.register(handedOver(counted, fake.ledger));
      sender.start();
      return sender;
    });
    try {
      for (const deadline = Date.now() + 150_000; Date.now() < deadline; ) {
        const [left] = await query<{ n: number }>(main.db, sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')`);
        if (Number(left!.n) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
      await fake.close();
    }
    expect(telegramViolations(fake.ledger)).toEqual({ overall: 0, chats: 0 });
    const texts = items.map((_, i) => `several-${i}`);
    expect(texts.filter((t) => fake.ledger.texts.get(t) !== 1)).toEqual([]);
    const statuses = await query<{ status: string; n: number }>(main.db, sql`select status, count(*)::int as n from outbox_messages group by status`);
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['sent', items.length]]);
    // The member's four messages arrived in the order they were queued.
    const theirs = [...fake.ledger.texts.keys()].filter((t) => ['170', '171', '172', '173'].some((i) => t === `several-${i}`));
    expect(theirs).toEqual(['several-170', 'several-171', 'several-172', 'several-173']);
    process.stdout.write(`[several senders] ${databases.length} instance(s) sent ${sent.map((n) => n ?? 0).join(' + ')}; 429s on arrival: ${fake.ledger.rejected429}\n`);
  }, 180_000);
});
