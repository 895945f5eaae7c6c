import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { query } from '../../src/db/query.js';
import { incoming, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

/** The account's row as stored, with the transaction that last wrote it (xmin): a row not written keeps its xmin. */
async function account(chat: string) {
  const [row] = await query<{ version: string; last_seen_at: Date | string; unreachable_since: unknown; chat_id: string }>(h.database.db,
    sql`select xmin::text as version, last_seen_at, unreachable_since, chat_id from identities where platform = 'terminal' and external_user_id = ${chat}`);
  return { ...row!, last_seen_at: new Date(row!.last_seen_at).toISOString() };
}

const write = async (chat: string, over = {}) => expect(await h.bot.core.handle(incoming(chat, say('/help'), over))).toEqual({ status: 'applied' });

it('writes a linked account that has nothing new only once a minute; a change of chat or an unreachable mark is written at once', async () => {
  const chat = h.person('刘秀英').terminalUserId!;
  await write(chat);
  const first = await account(chat);
  expect(first.last_seen_at).toBe(h.clock.now().toISOString());

  h.clock.advance(30_000);
  await write(chat);
  expect(await account(chat)).toEqual(first);

  await h.database.db.execute(sql`update identities set unreachable_since = ${h.clock.now().toISOString()}::timestamptz where platform = 'terminal' and external_user_id = ${chat}`);
  h.clock.advance(1_000);
  await write(chat);
  const cleared = await account(chat);
  expect(cleared.unreachable_since).toBeNull();
  expect(cleared.last_seen_at).toBe(h.clock.now().toISOString());

  h.clock.advance(59_000);
  await write(chat);
  expect((await account(chat)).version).toBe(cleared.version);

  h.clock.advance(1_000);
  await write(chat);
  const minuteOn = await account(chat);
  expect(minuteOn.version).not.toBe(cleared.version);
  expect(minuteOn.last_seen_at).toBe(h.clock.now().toISOString());

  h.clock.advance(1_000);
  await write(chat, { chatId: `${chat}-new` });
  expect(await account(chat)).toMatchObject({ chat_id: `${chat}-new`, last_seen_at: h.clock.now().toISOString() });
});
