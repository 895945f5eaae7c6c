import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversations, outboxMessages, processedUpdates, reports, trackingEntries } from '../../src/db/schema/index.js';
import type { Incoming } from '../../src/bot/types.js';
import { incoming, press, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
/** On PGlite, both ways it can run: on the bot's thread and on a thread of its own (PGLITE_THREAD; PostgreSQL: once). */
const threads = process.env.TEST_DATABASE_URL ? (['main'] as const) : (['main', 'worker'] as const);

/** The platform delivering one update several times at once (a webhook retried while the first is still running). */
async function deliveredAtOnce(update: Incoming, times = 4) {
  const results = await Promise.all(Array.from({ length: times }, () => h.bot.core.handle({ ...update })));
  return results.map((r) => r.status).sort();
}

async function repliesTo(update: Incoming) {
  const rows = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, update.chatId));
  return rows.filter((r) => r.idempotencyKey.startsWith(`reply:${update.platform}:${update.updateId}:`));
}

async function conversationVersion(personId: number) {
  const [row] = await h.database.db.select({ version: conversations.version }).from(conversations).where(eq(conversations.personId, personId));
  return row?.version;
}

describe.each(threads)('exactly once under concurrent redelivery (PGLITE_THREAD=%s)', (thread) => {
  beforeAll(async () => {
    h = await startTestBot({ env: { PGLITE_THREAD: thread } });
  });
  afterAll(async () => h?.close());

  it('applies each step of a check-in once when every update arrives four times at once', async () => {
    const member = h.person('张建国');
    const chat = member.terminalUserId!;
    const steps = [say('/report'), press('ci:same'), press('ci:work:working'), press('ci:diff:no'), press('ci:study:yes')];
    const versions: (number | undefined)[] = [];
    for (const body of steps) {
      const update = incoming(chat, body);
      expect(await deliveredAtOnce(update)).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
      expect((await repliesTo(update)).length).toBeGreaterThan(0);
      versions.push(await conversationVersion(member.personId));
      // Delivered again later: still nothing new.
      const queued = (await repliesTo(update)).length;
      expect(await h.bot.core.handle(update)).toEqual({ status: 'duplicate' });
      expect(await repliesTo(update)).toHaveLength(queued);
    }
    // The conversation moved one version a step, then ended with the report.
    expect(versions).toEqual([1, 2, 3, 4, undefined]);
    const written = await h.database.db.select().from(reports).where(and(eq(reports.memberId, member.personId), eq(reports.kind, 'monthly')));
    expect(written).toHaveLength(1);
    const card = await h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, member.personId), eq(trackingEntries.kind, 'report')));
    expect(card).toHaveLength(1);
  });

  it('applies two different updates from one person, arriving together, one after the other', async () => {
    const member = h.person('刘秀英');
    const chat = member.terminalUserId!;
    await h.bot.core.handle(incoming(chat, say('/report')));
    const first = incoming(chat, press('ci:same'));
    const second = incoming(chat, say('/menu'));
    const results = await Promise.all([first, second, first, second].map((u) => h.bot.core.handle({ ...u })));
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'applied', 'duplicate', 'duplicate']);
    expect((await repliesTo(first)).length).toBeGreaterThan(0);
    expect((await repliesTo(second)).length).toBeGreaterThan(0);
    const ids = await h.database.db.select().from(processedUpdates).where(eq(processedUpdates.platform, 'terminal'));
    expect(ids.filter((r) => r.updateId === first.updateId || r.updateId === second.updateId)).toHaveLength(2);
  });

  it('finishes the turns of many chats together, each on its own: redeliveries and a conflict among them change nothing for the others', async () => {
    // New accounts writing at once (their turns are group-committed), each update delivered twice, and one
    // member's two updates together (one of them has to run again).
    const member = h.person('陈志强');
    await h.bot.core.handle(incoming(member.terminalUserId!, say('/report')));
    const strangers = Array.from({ length: 12 }, (_, i) => incoming(`stranger-${i}`, say('/help')));
    const mine = [incoming(member.terminalUserId!, press('ci:same')), incoming(member.terminalUserId!, say('/menu'))];
    const all = [...strangers, ...mine];
    const results = await Promise.all([...all, ...all].map((u) => h.bot.core.handle({ ...u })));
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(all.length);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(all.length);
    for (const u of all) expect((await repliesTo(u)).length).toBeGreaterThan(0);
    const ids = await h.database.db.select().from(processedUpdates).where(eq(processedUpdates.platform, 'terminal'));
    expect(ids.filter((r) => all.some((u) => u.updateId === r.updateId))).toHaveLength(all.length);
  });
});
