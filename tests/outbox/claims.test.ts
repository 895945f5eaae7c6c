import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { claimRows, claimStatement } from '../../src/outbox/claims.js';
import { query } from '../../src/db/query.js';
import { openTestDatabase } from '../support/db.js';

let database: Database;
const now = new Date('2026-11-10T06:00:00Z');
const lease = new Date(now.getTime() + 60_000);

beforeAll(async () => {
  database = await openTestDatabase();
  // Statistics from when the outbox was empty, as PGlite keeps them (no autovacuum renews them), then a backlog:
  // 3,000 rows due in 3,000 chats, 50 of them being sent by another instance.
  await database.db.execute(sql`analyze outbox_messages`);
  await database.db.execute(sql`insert into outbox_messages (idempotency_key, platform, chat_id, chat_kind, purpose, payload, next_attempt_at, created_at, status, claimed_until, claimed_by)
    select 'k' || g, 'telegram', 'c' || g, 'private', 'reply', '{"text":"hi"}'::jsonb, ${now.toISOString()}::timestamptz - (g || ' ms')::interval / 1000, ${now.toISOString()}::timestamptz,
      case when g <= 50 then 'sending' else 'pending' end, case when g <= 50 then ${lease.toISOString()}::timestamptz end, case when g <= 50 then 'other' end
    from generate_series(1, 3000) g`);
  // A second row for a chat being sent to: it waits for that send, so that a chat's messages keep their order.
  await database.db.execute(sql`insert into outbox_messages (idempotency_key, platform, chat_id, chat_kind, purpose, payload, next_attempt_at, created_at)
    values ('k-c7-second', 'telegram', 'c7', 'private', 'reply', '{"text":"hi"}'::jsonb, ${now.toISOString()}::timestamptz - interval '1 hour', ${now.toISOString()}::timestamptz)`);
});
afterAll(async () => database?.close());

it('leaves out the chats being sent to by a lookup, not a scan of them for every row due, whatever the statistics say', async () => {
  const plan = (await query<Record<string, string>>(database.db, sql`explain ${claimStatement(['telegram'], now, lease, 100, 'me')}`)).map((r) => Object.values(r)[0]).join('\n');
  expect(plan).toMatch(/hashed SubPlan/i);
  expect(plan).not.toMatch(/Nested Loop Anti Join/);
});

it('claims the earliest rows due, none of a chat being sent to', async () => {
  const rows = await claimRows(database.db, ['telegram'], now, lease, 100, 'me');
  expect(rows).toHaveLength(100);
  const chats = rows.map((r) => r.chat_id);
  expect(chats).not.toContain('c7');
  // Due earliest first: the chats numbered highest were due first (their rows' next_attempt_at is earliest).
  expect(chats.slice().sort()).toEqual(Array.from({ length: 100 }, (_, i) => `c${3000 - i}`).sort());
});

it('reads the rows still to send in the order they are claimed, once the statistics know the backlog: the first rows, not all', async () => {
  await database.db.execute(sql`analyze outbox_messages`);
  const plan = (await query<Record<string, string>>(database.db, sql`explain ${claimStatement(['telegram'], now, lease, 100, 'me')}`)).map((r) => Object.values(r)[0]).join('\n');
  expect(plan).toMatch(/Index Scan using outbox_due_idx/);
  expect(plan).not.toMatch(/Sort/);
});
