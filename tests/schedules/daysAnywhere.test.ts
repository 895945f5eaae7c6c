import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, like } from 'drizzle-orm';
import { evaluations, outboxMessages, persons, reports } from '../../src/db/schema/index.js';
import { runThoughtReminders } from '../../src/schedules/duties.js';
import { runEvaluationPrompts } from '../../src/schedules/evaluation.js';
import { daysAnywhere } from '../../src/schedules/timing.js';
import { startTestBot, type TestBot } from '../support/bot.js';

/**
 * The member-prompt jobs return at once in an hour when it is nowhere a day they act on; where it is such a day for
 * a member at the edge of the zones, they still act on it.
 */
describe('daysAnywhere', () => {
  it('is every calendar day from UTC−12 to UTC+14', () => {
    expect(daysAnywhere(new Date('2026-12-09T11:00:00Z')).map((d) => d.day)).toEqual(['2026-12-08', '2026-12-09', '2026-12-10']);
    expect(daysAnywhere(new Date('2026-12-09T05:00:00Z')).map((d) => d.day)).toEqual(['2026-12-08', '2026-12-09']);
    expect(daysAnywhere(new Date('2026-12-31T12:00:00Z')).at(-1)).toEqual({ day: '2027-01-01', year: 2027, month: 1, dayOfMonth: 1 });
  });
});

describe('member prompts at the edge of the zones', () => {
  let h: TestBot;
  beforeAll(async () => {
    h = await startTestBot({ at: new Date('2026-12-09T10:30:00Z') });
  });
  afterAll(async () => h?.close());
  const keysLike = async (prefix: string) => (await h.database.db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, `${prefix}%`))).map((r) => r.key);

  it('reminds a member whose own day is already the reminder day (UTC+14) while it is not yet in UTC', async () => {
    const chen = h.person('陈志强').personId;
    const zhang = h.person('张建国').personId;
    await h.database.db.update(persons).set({ timezone: 'Pacific/Kiritimati' }).where(inArray(persons.id, [chen, zhang]));
    // 张建国, there too, has sent this quarter's report: nothing to remind him of.
    await h.database.db.insert(reports).values({ memberId: zhang, kind: 'thought', period: '2026-Q4', submittedAt: h.clock.now(), body: '-' });
    // 10:30 UTC on the 9th is 00:30 on the 10th at UTC+14: the thought reminder's day (REMINDER_DAY 10) there only.
    expect(h.config.REMINDER_DAY).toBe(10);
    expect(await runThoughtReminders(h.database.db, h.clock.now(), h.config)).toBe(1);
    expect(await keysLike('reminder:thought:2026-Q4:')).toEqual([`reminder:thought:2026-Q4:${chen}`]);
  });

  it('asks for the self-evaluation in the evaluation month, and not in an hour when it is that month nowhere', async () => {
    expect(h.config.EVALUATION_MONTH).toBe(12);
    expect((await runEvaluationPrompts(h.database.db, h.clock.now(), h.config)).queued).toBeGreaterThan(0);
    const before = (await keysLike('evaluation:self:')).length;
    expect(await runEvaluationPrompts(h.database.db, new Date('2026-11-15T10:00:00Z'), h.config)).toEqual({ queued: 0, held: 0 });
    expect(await keysLike('evaluation:self:')).toHaveLength(before);
  });
});

describe('the self-evaluation prompt at a month\'s edge', () => {
  let h: TestBot;
  beforeAll(async () => {
    // 20:00 UTC on 30 November: 1 December (the evaluation month) in Beijing, still November in New York.
    h = await startTestBot({ at: new Date('2026-11-30T20:00:00Z') });
  });
  afterAll(async () => h?.close());

  it('asks those whose own month it is, who have not self-evaluated this year (begun is not done)', async () => {
    const [zhang, liu, chen] = ['张建国', '刘秀英', '陈志强'].map((n) => h.person(n).personId);
    await h.database.db.update(persons).set({ timezone: 'America/New_York' }).where(eq(persons.id, liu!));
    await h.database.db.insert(evaluations).values([
      { memberId: zhang!, year: 2026 },
      { memberId: chen!, year: 2026, selfRating: 'good', selfText: '-', selfAt: h.clock.now() },
    ]);
    expect(await runEvaluationPrompts(h.database.db, h.clock.now(), h.config)).toEqual({ queued: 1, held: 0 });
    const keys = (await h.database.db.select({ key: outboxMessages.idempotencyKey }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'evaluation:self:%'))).map((r) => r.key);
    expect(keys).toEqual([`evaluation:self:2026:${zhang}`]);
  });
});
