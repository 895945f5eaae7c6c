/**
 * A bot process that only sends, built as main.ts builds it (createBot with the default configuration), with
 * the real grammY transport to a Bot API on 127.0.0.1. It exits 0 once nothing is left to send.
 * env: DATABASE_URL (or DATA_DIR for PGlite), API_ROOT.
 */
import { Api } from 'grammy';
import { sql } from 'drizzle-orm';
import { createBot } from '../../../src/app.js';
import { createTelegramTransport } from '../../../src/adapters/telegram/transport.js';
import { systemClock } from '../../../src/bot/clock.js';
import { rowsOfResult } from '../../../src/db/query.js';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/db/client.js';
import { createLogger } from '../../../src/logger.js';

const database = await openDatabase({ ...(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {}), dataDir: process.env.DATA_DIR ?? '' });
const logger = createLogger('silent');
const bot = createBot({ database, clock: systemClock, logger, config: loadConfig({ LOG_LEVEL: 'silent' }) });
bot.core.registerTransport(createTelegramTransport(new Api('123:sender-child', { apiRoot: process.env.API_ROOT! }), logger, () => 'child_bot'));
bot.sender.start();
process.stdout.write('ready\n');
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const [left] = rowsOfResult<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')`));
  if (Number(left!.n) === 0) break;
}
await bot.sender.stop();
await database.close();
process.exit(0);
