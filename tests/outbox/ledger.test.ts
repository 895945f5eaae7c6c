import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../src/db/client.js';
import { outboxMessages } from '../../src/db/schema/index.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { SendLedger, type RowSlotRequest, type SentRecord } from '../../src/outbox/ledger.js';
import { createLogger } from '../../src/logger.js';
import { openTestDatabase } from '../support/db.js';

/**
 * The ledger's promise: a send's record, once queued, is stored no later than any slot asked for after it (that
 * slot marks another row in flight: the in-flight place was handed on when the record was queued). The database
 * going away is the network edge, faked by refusing statements with a connection error.
 */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const NOW = Date.parse('2026-11-30T12:00:00Z');
let ids: number[] = [];
beforeEach(async () => {
  await database.db.delete(outboxMessages);
  await database.db.execute(sql`delete from send_budget`);
  ids = [];
  await enqueue(database.db, ['a', 'b', 'c'].map((chat) => ({ idempotencyKey: `ledger:${chat}`, platform: 'telegram' as const, chatId: chat, chatKind: 'private' as const, purpose: 'reply', message: { text: 'hi' }, notBefore: new Date(NOW) })), new Date(NOW));
  await database.db.update(outboxMessages).set({ status: 'sending', claimedBy: 'me#1', claimedUntil: new Date(NOW + 600_000) });
  ids = (await database.db.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(outboxMessages.id)).map((r) => r.id);
});

/** The statements the ledger made, what each carried, and a database that refuses the next `refuse` of them. */
function watched(db: Db) {
  const seen: { records: number[]; takes: number[]; refused: boolean }[] = [];
  /** SQLSTATEs to refuse the next statements with: 08006 is a lost connection (an outage), others a bug. */
  const refusals: string[] = [];
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver);
      return async (statement: SQL) => {
        // The step's two parameters: the records and the slots asked for, as JSON.
        const params = (statement as unknown as { queryChunks: unknown[] }).queryChunks.filter((c): c is string => typeof c === 'string');
        const [records, takes] = params.map((p) => JSON.parse(p) as { id: number }[]);
        const code = refusals.shift();
        seen.push({ records: records!.map((r) => r.id), takes: takes!.map((t) => t.id), refused: code !== undefined });
        if (code) throw Object.assign(new Error(code === '08006' ? 'connection lost' : 'bad input'), { code });
        return target.execute(statement);
      };
    },
  });
  return { db: proxy, seen, refuseNext: (...codes: string[]) => refusals.push(...codes) };
}

const sent = (id: number): SentRecord => ({ id, platform: 'telegram', sentAt: new Date(NOW).toISOString(), parts: 1, messageId: `m${id}` });
const slotFor = (id: number, chat: string): RowSlotRequest => ({
  id, claimer: 'me#1', platform: 'telegram', platformN: 30, platformW: 1025, platformGap: 30, chat: `telegram:${chat}`, chatN: 1, chatW: 1025, chatGap: 922, earliest: NOW, latest: NOW + 400,
});

async function statusOf(id: number) {
  const [row] = await database.db.select({ status: outboxMessages.status, inFlight: outboxMessages.sendStartedAt }).from(outboxMessages).where(eq(outboxMessages.id, id));
  return row!;
}

/**
 * A slot taken for row 0; its record queued while the next statements are refused with `codes`, and a slot for row 1
 * asked for meanwhile (refused with them); then a slot for row 2, which must go with the record or after it.
 */
async function recordRefusedThenNextSlot(...codes: string[]) {
  const { db, seen, refuseNext } = watched(database.db);
  const ledger = new SendLedger(db, { running: () => true, logger: createLogger('silent') });
  await ledger.take(slotFor(ids[0]!, 'a'));
  refuseNext(...codes);
  const recorded = ledger.record(sent(ids[0]!));
  expect(await ledger.take(slotFor(ids[1]!, 'b')).then(() => 'taken', () => 'refused')).toBe('refused');
  const next = ledger.take(slotFor(ids[2]!, 'c'));
  await recorded;
  expect(await next).toMatchObject({ taken: true, marked: true });
  return seen;
}

describe('the send ledger', () => {
  it('records a send and takes the next slot in one statement, the record first', async () => {
    const { db, seen } = watched(database.db);
    const ledger = new SendLedger(db, { running: () => true, logger: createLogger('silent') });
    // A statement under way: what comes meanwhile goes together in the next.
    const first = ledger.take(slotFor(ids[0]!, 'a'));
    const recorded = ledger.record(sent(ids[0]!));
    const second = ledger.take(slotFor(ids[1]!, 'b'));
    expect(await first).toMatchObject({ taken: true, marked: true });
    await recorded;
    expect(await second).toMatchObject({ taken: true, marked: true });
    expect(seen).toEqual([
      { records: [], takes: [ids[0]], refused: false },
      { records: [ids[0]], takes: [ids[1]], refused: false },
    ]);
    expect(await statusOf(ids[0]!)).toEqual({ status: 'sent', inFlight: null });
    expect((await statusOf(ids[1]!)).inFlight).not.toBeNull();
  });

  it('keeps a record the database did not take and stores it before any slot asked for after it; the slots of the refused statement are refused', async () => {
    const seen = await recordRefusedThenNextSlot('08006');
    expect(seen.slice(1)).toEqual([
      { records: [ids[0]], takes: [ids[1]], refused: true },
      { records: [ids[0]], takes: [ids[2]], refused: false },
    ]);
    const rows = await database.db.select({ id: outboxMessages.id, status: outboxMessages.status }).from(outboxMessages).where(inArray(outboxMessages.id, ids)).orderBy(outboxMessages.id);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sending', 'sending']);
    expect((await statusOf(ids[1]!)).inFlight).toBeNull();
  });

  it('tries a statement that failed for a bug an item at a time, and keeps a record whose own try meets an outage', async () => {
    const seen = await recordRefusedThenNextSlot('22P02', '08006');
    expect(seen.slice(1)).toEqual([
      { records: [ids[0]], takes: [ids[1]], refused: true },
      { records: [ids[0]], takes: [], refused: true },
      { records: [ids[0]], takes: [ids[2]], refused: false },
    ]);
  });

  it('gives up a record it could not store once the sender has stopped', async () => {
    const { db, refuseNext } = watched(database.db);
    let running = true;
    const ledger = new SendLedger(db, { running: () => running, logger: createLogger('silent') });
    refuseNext('08006');
    running = false;
    await expect(ledger.record(sent(ids[0]!))).rejects.toThrow('connection lost');
  });
});
