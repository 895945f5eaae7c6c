import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members, outboxMessages, trackingEntries } from '../../src/db/schema/index.js';
import { incoming, press, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

it('finds a laid-off member marked lost contact when they report: back to their category, the card says so after the report, the reminders go', async () => {
  const liu = h.person('刘秀英');
  const chat = liu.terminalUserId!;
  const key = `reminder:monthly:2026-11:${liu.personId}`;
  await h.database.db.update(members).set({ status: 'lost_contact', lostContactSince: h.clock.now(), categoryWhileLost: 'laid_off' }).where(eq(members.personId, liu.personId));
  await h.database.db.insert(outboxMessages).values({ idempotencyKey: key, platform: 'terminal', chatId: chat, chatKind: 'private', personId: liu.personId, purpose: 'reminder', payload: { text: '该报到了' }, nextAttemptAt: h.clock.now(), createdAt: h.clock.now() });
  for (const body of [press('menu:checkIn'), press('ci:same'), press('ci:work:working'), press('ci:diff:no'), press('ci:study:yes')]) {
    expect(await h.bot.core.handle(incoming(chat, body))).toEqual({ status: 'applied' });
  }
  const [member] = await h.database.db.select().from(members).where(eq(members.personId, liu.personId));
  expect(member).toMatchObject({ status: 'laid_off', categoryWhileLost: null, lostContactSince: null });
  const card = await h.database.db.select().from(trackingEntries).where(eq(trackingEntries.memberId, liu.personId)).orderBy(trackingEntries.id);
  expect(card.slice(-2).map((e) => [e.kind, e.details])).toEqual([
    ['report', { period: '2026-11', late: false }],
    ['status_change', { from: 'lost_contact', to: 'laid_off', found: true }],
  ]);
  const [reminder] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key));
  expect(reminder!.status).toBe('cancelled');
});
