/**
 * A sender process for the kill test: opens the database, sends everything in the outbox to the fake
 * Telegram server through the real grammY transport, and exits when nothing is left.
 * argv: <database url or PGlite folder> <Bot API root>
 */
import { Api } from 'grammy';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { systemClock } from '../../src/bot/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { OutboxSender } from '../../src/outbox/sender.js';

const [target, apiRoot] = process.argv.slice(2) as [string, string];
const database = await openDatabase(target.startsWith('postgres') ? { url: target, dataDir: '' } : { dataDir: target });
const sender = new OutboxSender({ database, clock: systemClock, logger: createLogger('silent'), maxAttempts: 8, leaseMs: 2000, batchSize: 20 });
sender.register(createTelegramTransport(new Api('123:kill-test', { apiRoot }), createLogger('silent'), () => 'kill_test_bot'));
process.stdout.write('ready\n');
await sender.drain(['telegram'], 120_000, true);
await database.close();
process.exit(0);
