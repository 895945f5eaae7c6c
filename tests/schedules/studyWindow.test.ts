import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { members, outboxMessages, studyItems } from '../../src/db/schema/index.js';
import { runStudyPush, STUDY_PUSH_DAYS } from '../../src/schedules/study.js';
import { startTestBot, type TestBot } from '../support/bot.js';

/**
 * The hourly study push looks at items of the last STUDY_PUSH_DAYS only, and leaves out in the query what is queued
 * already: it read every unretired item's pairs with every member, every hour, for ever.
 */
let h: TestBot;
let branchId: number;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-12-01T04:00:00Z') });
  const [m] = await h.database.db.select({ org: members.homeOrgId }).from(members).where(eq(members.personId, h.person('张建国').personId));
  branchId = m!.org;
});
afterAll(async () => h?.close());

const day = (daysAgo: number) => new Date(Date.UTC(2026, 11, 1) - daysAgo * 86_400_000).toISOString().slice(0, 10);
const keysOf = async (itemId: number) =>
  (await h.database.db.select({ key: outboxMessages.idempotencyKey, personId: outboxMessages.personId }).from(outboxMessages).where(like(outboxMessages.idempotencyKey, `study:${itemId}:%`)));

describe('the study push', () => {
  it('pushes an item until STUDY_PUSH_DAYS after it was published, and not one older', async () => {
    const add = async (title: string, publishOn: string) => (await h.database.db.insert(studyItems).values({
      orgId: branchId, category: 'policy_law', title, targetOccupations: [], publishOn, createdAt: h.clock.now(),
    }).returning())[0]!;
    const lastDay = await add('还在推送期内', day(STUDY_PUSH_DAYS - 1));
    const past = await add('推送期已过', day(STUDY_PUSH_DAYS));
    // One member was queued the recent item already (by an earlier run; since cancelled): not queued again.
    const zhang = h.person('张建国').personId;
    await h.database.db.insert(outboxMessages).values({
      idempotencyKey: `study:${lastDay.id}:${zhang}`, platform: 'terminal', chatId: 'x', purpose: 'study', payload: { text: '' },
      status: 'cancelled', personId: zhang, nextAttemptAt: h.clock.now(), createdAt: h.clock.now(),
    });
    const pushed = await runStudyPush(h.database.db, h.clock.now(), h.config);
    expect(pushed.members).toBeGreaterThan(0);
    const recent = await keysOf(lastDay.id);
    expect(recent.length).toBe(pushed.members + 1);
    expect(recent.filter((k) => k.personId === zhang)).toHaveLength(1);
    expect(await keysOf(past.id)).toEqual([]);
    expect(await runStudyPush(h.database.db, h.clock.now(), h.config)).toEqual({ members: 0, groups: 0, waiting: 0 });
    // With everyone at a cap of one, what is queued already is not counted as waiting for the cap either.
    expect(await runStudyPush(h.database.db, h.clock.now(), { ...h.config, WEEKLY_PROMPT_CAP: 1 })).toEqual({ members: 0, groups: 0, waiting: 0 });
  });
});
