/**
 * One bot instance for the broadcast benchmark: a process that only sends, from the PostgreSQL database it is
 * given, to the limit-enforcing fake Telegram through the real grammY transport, until nothing is left. It
 * writes when it handed each message to the transport (chat id, ms) to a file, for the parent to check the
 * limits against. argv: <database url> <Bot API root> <file for the hand-over times> <instance id>
 */
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { Api } from 'grammy';
import { createTelegramTransport } from '../src/adapters/telegram/transport.js';
import { systemClock } from '../src/bot/clock.js';
import { openDatabase } from '../src/db/client.js';
import { query } from '../src/db/query.js';
import { createLogger } from '../src/logger.js';
import { OutboxSender } from '../src/outbox/sender.js';

const [url, apiRoot, handedFile, instanceId] = process.argv.slice(2) as [string, string, string, string];
const database = await openDatabase({ url, dataDir: '', maxConnections: 3 });
const logger = createLogger('silent');
const handed: [string, number][] = [];
const transport = createTelegramTransport(new Api('123:bench', { apiRoot }), logger, () => 'bench_bot');
// As the bot runs it: its batch size and poll interval are the sender's own defaults (app.ts passes neither).
const sender = new OutboxSender({ database, clock: systemClock, logger, maxAttempts: 8, instanceId });
sender.register({
  ...transport,
  send(chat, message) {
    handed.push([chat.chatId, Date.now()]);
    return transport.send(chat, message);
  },
});
sender.start();
for (;;) {
  await new Promise((r) => setTimeout(r, 250));
  const [left] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')`);
  if (Number(left!.n) === 0) break;
}
await sender.stop();
writeFileSync(handedFile, JSON.stringify(handed));
await database.close();
process.exit(0);
