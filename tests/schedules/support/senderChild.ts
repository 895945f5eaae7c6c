/**
 * A bot process that only sends: opens the database (DATABASE_URL, or PGlite in DATA_DIR), delivers the outbox
 * to PLATFORM_URL over HTTP, and exits 0 once nothing is left to send. The crash test kills it with SIGKILL.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../../src/db/client.js';
import { OutboxSender } from '../../../src/outbox/sender.js';
import { createLogger } from '../../../src/logger.js';
import { systemClock } from '../../../src/bot/clock.js';
import { query } from '../../../src/db/query.js';
import type { SendOutcome, Transport } from '../../../src/bot/types.js';

const platformUrl = process.env.PLATFORM_URL!;
const database = await openDatabase({ ...(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {}), dataDir: process.env.DATA_DIR ?? '', maxConnections: 3 });

const transport: Transport = {
  platform: 'telegram',
  async send(chat, message): Promise<SendOutcome> {
    const res = await fetch(`${platformUrl}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatId: chat.chatId, text: message.text, startedAt: Date.now() }) });
    const body = (await res.json()) as { ok: boolean; result?: { message_id: number }; parameters?: { retry_after?: number } };
    if (res.status === 429) {
      // When the sender learnt that this chat must wait: the test checks what it started before retry_after passed.
      process.stdout.write(`429 ${Date.now()} ${chat.chatId}\n`);
      return { ok: false, kind: 'retry_after', seconds: body.parameters?.retry_after ?? 1, code: '429' };
    }
    if (!res.ok) return { ok: false, kind: 'transient', code: String(res.status) };
    return { ok: true, messageId: String(body.result?.message_id) };
  },
};

const sender = new OutboxSender({
  database,
  clock: systemClock,
  logger: createLogger('silent'),
  maxAttempts: 8,
  leaseMs: Number(process.env.LEASE_MS ?? 2000),
  pollMs: 50,
  batchSize: 50,
});
sender.register(transport);
sender.start();
process.stdout.write('ready\n');

for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const [left] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from outbox_messages where status in ('pending', 'sending')`);
  if (Number(left!.n) === 0) break;
}
await sender.stop();
await database.close();
process.exit(0);
