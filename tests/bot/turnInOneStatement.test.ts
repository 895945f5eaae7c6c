import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, type SQL } from 'drizzle-orm';
import { createBot, type Bot } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { conversations, identities, outboxMessages, persons, reports } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { incoming, lastQueued, payloadsOf, press, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * A turn in one statement (bot_turn_once, migration 0034) when the bot foresees what it will read: a first contact,
 * or a member whose last turn this process wrote. What is checked: which statements a turn took (counted by the
 * function each calls), and that a foresight that has gone stale (staff changed the record, another instance moved
 * the conversation on) is answered from what is stored, as a bot that foresaw nothing answers.
 */
let h: TestBot;

/** Another instance on the same database, whose turn statements are counted by name. */
function instance(): { bot: Bot; counts: Map<string, number>; take(): Record<string, number> } {
  const counts = new Map<string, number>();
  const db = new Proxy(h.database.db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === 'execute') {
        return (statement: SQL) => {
          const text = (statement as unknown as { queryChunks: { value?: string[] }[] }).queryChunks.map((c) => c.value?.join('') ?? '').join('');
          const name = /bot_turn_(once|begin|finish)_many/.exec(text)?.[0];
          if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
          return (value as (s: SQL) => unknown).call(target, statement);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const database: Database = { ...h.database, db };
  const bot = createBot({ database, clock: h.clock, logger: createLogger('silent'), config: h.config });
  return {
    bot, counts,
    take() {
      const out = Object.fromEntries(counts);
      counts.clear();
      return out;
    },
  };
}

beforeEach(async () => {
  h = await startTestBot();
});
afterEach(async () => h?.close());

describe('a turn in one statement', () => {
  it('answers a first contact in one statement, its answer addressed to the account that statement created', async () => {
    const a = instance();
    const hello = incoming('first-contact-1', say('/help'));
    expect(await a.bot.core.handle(hello)).toEqual({ status: 'applied' });
    expect(a.take()).toEqual({ bot_turn_once_many: 1 });
    const [account] = await h.database.db.select().from(identities).where(and(eq(identities.platform, 'terminal'), eq(identities.externalUserId, 'first-contact-1')));
    const [answer] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `reply:terminal:${hello.updateId}:0`));
    expect(answer?.identityId).toBe(account!.id);
    // The same update again: applied before, nothing new.
    expect(await a.bot.core.handle(hello)).toEqual({ status: 'duplicate' });
  });

  it("takes a member's first turn in two statements and each next step in one, answering as a bot that foresees nothing", async () => {
    const a = instance();
    const member = h.person('张建国');
    const chat = member.terminalUserId!;
    await a.bot.core.handle(incoming(chat, say('/report')));
    // Foreseen as a first contact, read as a member: the turn goes on from what was read.
    expect(a.take()).toEqual({ bot_turn_once_many: 1, bot_turn_finish_many: 1 });
    await a.bot.core.handle(incoming(chat, press('ci:same')));
    expect(a.take()).toEqual({ bot_turn_once_many: 1 });
    const foreseen = payloadsOf(await lastQueued(h.database, chat));

    const other = h.person('刘秀英');
    const b = instance();
    await b.bot.core.handle(incoming(other.terminalUserId!, say('/report')));
    const fresh = instance();
    await fresh.bot.core.handle(incoming(other.terminalUserId!, press('ci:same')));
    expect(fresh.take()).toEqual({ bot_turn_once_many: 1, bot_turn_finish_many: 1 });
    expect(foreseen.length).toBeGreaterThan(0);
    expect(payloadsOf(await lastQueued(h.database, other.terminalUserId!))).toEqual(foreseen);
  });

  it('reads again what staff changed since the last turn: the answer is in the language set meanwhile', async () => {
    const a = instance();
    const member = h.person('陈志强');
    const chat = member.terminalUserId!;
    await a.bot.core.handle(incoming(chat, say('/menu')));
    const before = (await lastQueued(h.database, chat)).text;
    await a.bot.core.handle(incoming(chat, say('/menu')));
    expect(a.take()).toEqual({ bot_turn_once_many: 2, bot_turn_finish_many: 1 });
    expect((await lastQueued(h.database, chat)).text).toBe(before);

    await h.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, member.personId));
    await a.bot.core.handle(incoming(chat, say('/menu')));
    // Not as foreseen: nothing written by the first statement, the turn finished on what it read.
    expect(a.take()).toEqual({ bot_turn_once_many: 1, bot_turn_finish_many: 1 });
    const after = (await lastQueued(h.database, chat)).text;
    expect(after).not.toBe(before);
    const reference = instance();
    await reference.bot.core.handle(incoming(chat, say('/menu')));
    expect((await lastQueued(h.database, chat)).text).toBe(after);
    await h.database.db.update(persons).set({ language: 'zh-CN' }).where(eq(persons.id, member.personId));
  });

  it('follows a conversation another instance moved on since its own last turn, one version a step', async () => {
    const a = instance();
    const b = instance();
    const member = h.person('张建国');
    const chat = member.terminalUserId!;
    const version = async () => (await h.database.db.select({ v: conversations.version }).from(conversations).where(eq(conversations.personId, member.personId)))[0]?.v;
    await a.bot.core.handle(incoming(chat, say('/report')));
    expect(await version()).toBe(1);
    await b.bot.core.handle(incoming(chat, press('ci:same')));
    expect(await version()).toBe(2);
    a.take();
    // A remembers version 1; what is stored is version 2, one question further on.
    expect(await a.bot.core.handle(incoming(chat, press('ci:work:working')))).toEqual({ status: 'applied' });
    expect(a.take()).toEqual({ bot_turn_once_many: 1, bot_turn_finish_many: 1 });
    expect(await version()).toBe(3);
    const next = payloadsOf(await lastQueued(h.database, chat));

    // The same three steps by one instance end on the same question.
    const other = h.person('陈志强');
    const c = instance();
    for (const body of [say('/report'), press('ci:same'), press('ci:work:working')]) await c.bot.core.handle(incoming(other.terminalUserId!, body));
    expect(next.length).toBeGreaterThan(0);
    expect(payloadsOf(await lastQueued(h.database, other.terminalUserId!))).toEqual(next);
  });

  it('answers after a report written with the turn from what the report changed, as a bot that foresees nothing', async () => {
    const a = instance();
    const member = h.person('张建国');
    const chat = member.terminalUserId!;
    for (const body of [say('/report'), press('ci:same'), press('ci:work:working'), press('ci:diff:no')]) await a.bot.core.handle(incoming(chat, body));
    a.take();
    await a.bot.core.handle(incoming(chat, press('ci:study:yes')));
    expect(a.take()).toEqual({ bot_turn_once_many: 1 });
    expect(await h.database.db.select().from(reports).where(and(eq(reports.memberId, member.personId), eq(reports.kind, 'monthly')))).toHaveLength(1);
    await a.bot.core.handle(incoming(chat, say('/status')));
    const status = (await lastQueued(h.database, chat)).text;
    const reference = instance();
    await reference.bot.core.handle(incoming(chat, say('/status')));
    expect((await lastQueued(h.database, chat)).text).toBe(status);
  });
});
