import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { outboxMessages, persons, reports } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { runReportCycle } from '../../src/schedules/reportCycle.js';
import { incoming, press, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-01T00:00:00Z') });
  // 刘秀英 has gone to work in Germany: her reminders follow her clock, not Beijing's.
  await h.database.db.update(persons).set({ timezone: 'Europe/Berlin' }).where(eq(persons.id, h.person('刘秀英').personId));
});
afterAll(async () => h?.close());

async function rowsFor(personId: number) {
  return h.database.db.select().from(outboxMessages).where(eq(outboxMessages.personId, personId)).orderBy(outboxMessages.id);
}

async function checkIn(name: string) {
  const chat = h.person(name).terminalUserId!;
  for (const b of ['menu:checkIn', 'ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes']) await h.bot.core.handle(incoming(chat, press(b)));
}

describe('a simulated November', () => {
  it('chases the member twice, then the liaison once, then the secretary once; a report stops it', async () => {
    const zhang = h.person('张建国').personId;
    const chen = h.person('陈志强').personId;
    const liu = h.person('刘秀英').personId;
    const liaison = h.person('李联络员').personId;
    const secretary = h.person('王书记').personId;
    // Every six hours through the month, as the hourly job would (it is idempotent, so fewer runs suffice).
    for (let t = Date.parse('2026-11-01T00:00:00Z'); t < Date.parse('2026-12-01T00:00:00Z'); t += 6 * 3_600_000) {
      h.clock.current = new Date(t);
      if (t === Date.parse('2026-11-12T06:00:00Z')) await checkIn('张建国');
      await runReportCycle(h.database.db, h.clock.now(), h.config);
    }

    const zhangRows = await rowsFor(zhang);
    expect(zhangRows.filter((r) => r.purpose === 'reminder').map((r) => r.idempotencyKey)).toEqual([`reminder:monthly:2026-11:${zhang}`]);
    expect(zhangRows.filter((r) => r.purpose === 'followup')).toHaveLength(0);

    const chenRows = await rowsFor(chen);
    expect(chenRows.map((r) => r.purpose).filter((p) => p !== 'reply')).toEqual(['reminder', 'followup']);
    const [reminder, followUp] = chenRows.filter((r) => r.purpose !== 'reply');
    expect(localDate(reminder!.createdAt, 'Asia/Shanghai').day).toBe(10);
    expect(localDate(followUp!.createdAt, 'Asia/Shanghai').day).toBe(15);

    // Off-peak in each member's own time zone: afternoon or evening, never at night.
    for (const [row, tz] of [[reminder!, 'Asia/Shanghai'], [(await rowsFor(liu)).find((r) => r.purpose === 'reminder')!, 'Europe/Berlin']] as const) {
      const hour = localDate(row.nextAttemptAt, tz).hour;
      expect(hour).toBeGreaterThanOrEqual(14);
      expect(hour).toBeLessThan(21);
    }

    const toLiaison = (await rowsFor(liaison)).filter((r) => r.purpose === 'digest');
    expect(toLiaison).toHaveLength(1);
    const digest = toLiaison[0]!.payload as { text: string; buttons: { payload: string }[][] };
    expect(digest.text).toContain('陈志强');
    expect(digest.text).not.toContain('张建国');
    expect(digest.buttons.flat().map((b) => b.payload)).toContain(`contact:call:${chen}`);
    expect(localDate(toLiaison[0]!.createdAt, 'Asia/Shanghai').day).toBe(18);

    const toSecretary = (await rowsFor(secretary)).filter((r) => r.purpose === 'digest');
    expect(toSecretary).toHaveLength(1);
    expect((toSecretary[0]!.payload as { text: string }).text).toContain('李联络员');
    expect(localDate(toSecretary[0]!.createdAt, 'Asia/Shanghai').day).toBe(23);
  });

  it('cancels a queued reminder when the member reports before it goes out', async () => {
    h.clock.current = new Date('2026-12-10T01:00:00Z'); // 09:00 in Beijing: the reminder waits for the afternoon
    await runReportCycle(h.database.db, h.clock.now(), h.config);
    const zhang = h.person('张建国').personId;
    const [queued] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `reminder:monthly:2026-12:${zhang}`));
    expect(queued!.status).toBe('pending');
    await checkIn('张建国');
    const [after] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, queued!.id));
    expect(after!.status).toBe('cancelled');
    expect(await h.database.db.select().from(reports).where(and(eq(reports.memberId, zhang), eq(reports.period, '2026-12')))).toHaveLength(1);
  });

  it('holds a member to the weekly cap: no reminder beyond it', async () => {
    const chen = h.person('陈志强').personId;
    const identityRows = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.personId, chen)).limit(1);
    const chat = identityRows[0]!.chatId;
    h.clock.current = new Date('2027-01-09T06:00:00Z');
    await h.database.db.insert(outboxMessages).values([1, 2, 3].map((i) => ({
      idempotencyKey: `study:cap-test-${i}:${chen}`, platform: 'terminal', chatId: chat, personId: chen, purpose: 'study',
      payload: { text: 'x' }, nextAttemptAt: h.clock.now(), createdAt: new Date(h.clock.now().getTime() - i * 3_600_000),
    })));
    h.clock.current = new Date('2027-01-10T06:00:00Z');
    const outcome = await runReportCycle(h.database.db, h.clock.now(), h.config);
    expect(outcome.heldByCap).toBeGreaterThanOrEqual(1);
    const prompts = await h.database.db.select().from(outboxMessages)
      .where(and(eq(outboxMessages.personId, chen), inArray(outboxMessages.purpose, ['reminder', 'followup', 'study'])));
    const lastWeek = prompts.filter((r) => r.createdAt.getTime() > h.clock.now().getTime() - 7 * 86_400_000);
    expect(lastWeek.length).toBeLessThanOrEqual(h.config.WEEKLY_PROMPT_CAP);
  });
});
