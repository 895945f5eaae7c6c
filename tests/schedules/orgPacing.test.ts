import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { members, organisations, outboxMessages, staffRoles } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { reply } from '../../src/bot/flow.js';
import { runReportCycle } from '../../src/schedules/reportCycle.js';
import { promptWithinCap } from '../../src/schedules/prompts.js';
import { sendBroadcast } from '../../src/features/broadcasts/notices.js';
import { effectiveSettings, memberPacing, saveSettings, settingsResolver } from '../../src/features/settings/index.js';
import { startTestBot, type TestBot } from '../support/bot.js';

/** 09:00 on 10 November in Beijing: reminder day, in the morning. */
const MORNING = new Date('2026-11-10T01:00:00Z');

let h: TestBot;
let township: { id: number; path: string };
let dongfeng: { id: number; path: string };
let liu: number;
let chen: number;

beforeAll(async () => {
  h = await startTestBot({ at: MORNING });
  const db = h.database.db;
  township = (await db.select().from(organisations).where(eq(organisations.name, '城关镇党委')))[0]!;
  // A second branch under the township, with 刘秀英 in it; the township's secretary can reach both.
  const [row] = await db.insert(organisations).values({ name: '东风村党支部', kind: 'branch', parentId: township.id, path: 'pending' }).returning();
  dongfeng = { id: row!.id, path: `${township.path}${row!.id}/` };
  await db.update(organisations).set({ path: dongfeng.path }).where(eq(organisations.id, dongfeng.id));
  liu = h.person('刘秀英').personId;
  chen = h.person('陈志强').personId;
  await db.update(members).set({ homeOrgId: dongfeng.id }).where(eq(members.personId, liu));
  await db.insert(staffRoles).values({ personId: h.person('王书记').personId, role: 'secretary', orgId: township.id });
});
afterAll(() => h?.close());

const hourOf = (d: Date) => localDate(d, 'Asia/Shanghai').hour;

describe('quiet hours and the weekly cap per organisation', () => {
  it('inherits each setting on its own from the nearest organisation above, the defaults where none set it', async () => {
    const db = h.database.db;
    expect((await saveSettings(db, township.id, { promptStartHour: 8, reminderDay: 12 }, null, MORNING, h.config)).ok).toBe(true);
    expect((await saveSettings(db, dongfeng.id, { promptStartHour: 19, weeklyCap: 1 }, null, MORNING, h.config)).ok).toBe(true);
    const at = await settingsResolver(db, h.config);
    const [branch] = await db.select().from(organisations).where(eq(organisations.name, '幸福村党支部'));
    // 幸福村 set nothing: the township's start and reminder day, the defaults for the rest.
    expect(at(branch!.path)).toMatchObject({ promptStartHour: 8, promptEndHour: 21, weeklyCap: 3, reminderDay: 12 });
    // 东风村 set its own start and cap, and still follows the township's reminder day.
    expect(at(dongfeng.path)).toMatchObject({ promptStartHour: 19, promptEndHour: 21, weeklyCap: 1, reminderDay: 12 });
    const shown = (await effectiveSettings(db, dongfeng.id, h.config))!;
    expect(shown.from.promptStartHour).toEqual({ orgId: dongfeng.id, name: '东风村党支部' });
    expect(shown.from.reminderDay).toEqual({ orgId: township.id, name: '城关镇党委' });
    expect(shown.from.promptEndHour).toBeNull();
    const pacing = await memberPacing(db, [liu, chen], h.config);
    expect(pacing(liu)).toEqual({ window: { startHour: 19, endHour: 21 }, cap: 1 });
    expect(pacing(chen)).toEqual({ window: { startHour: 8, endHour: 21 }, cap: 3 });

    // Back to the township's reminder day for the rest of the test; an empty window is refused, here or below.
    expect((await saveSettings(db, township.id, { reminderDay: null }, null, MORNING, h.config)).ok).toBe(true);
    expect(await saveSettings(db, township.id, { promptEndHour: 18 }, null, MORNING, h.config)).toMatchObject({ ok: false, problem: 'window', orgId: dongfeng.id });
    expect(await saveSettings(db, dongfeng.id, { promptStartHour: 21 }, null, MORNING, h.config)).toMatchObject({ ok: false, problem: 'window', orgId: dongfeng.id });
    expect(await saveSettings(db, dongfeng.id, { weeklyCap: 0 }, null, MORNING, h.config)).toMatchObject({ ok: false, problem: 'range', key: 'weeklyCap' });
    expect((await settingsResolver(db, h.config))(dongfeng.path)).toMatchObject({ promptStartHour: 19, promptEndHour: 21, weeklyCap: 1, reminderDay: 10 });
  });

  it('reminds each member within their own organisation’s hours', async () => {
    await runReportCycle(h.database.db, MORNING, h.config);
    const rows = await h.database.db.select().from(outboxMessages).where(and(inArray(outboxMessages.personId, [liu, chen]), eq(outboxMessages.purpose, 'reminder')));
    const of = (id: number) => rows.find((r) => r.personId === id)!;
    // 陈志强's branch follows the township: from 08:00, so now. 刘秀英's branch starts at 19:00.
    expect(of(chen).nextAttemptAt).toEqual(MORNING);
    expect(hourOf(of(liu).nextAttemptAt)).toBe(19);
    expect(localDate(of(liu).nextAttemptAt, 'Asia/Shanghai').day).toBe(10);
  });

  it('holds a prompt for a member at their organisation’s lower cap, and not for a member at the default cap', async () => {
    const prompt = (memberId: number) => ({ memberId, timezone: 'Asia/Shanghai', key: `test:extra:${memberId}`, message: reply('reminder-thought'), purpose: 'reminder' as const });
    expect(await promptWithinCap(h.database.db, [prompt(liu), prompt(chen)], MORNING, h.config)).toEqual({ queued: 1, held: 1 });
    const [queued] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `test:extra:${chen}`));
    expect(queued!.nextAttemptAt).toEqual(MORNING);
  });

  it('paces a notice by each member’s organisation: 刘秀英 waits a week for her one prompt, 陈志强 gets it now', async () => {
    const secretary = h.person('王书记').personId;
    await sendBroadcast(h.database.db, secretary, '', '周五开会', MORNING, { defaults: h.config, timezone: 'Asia/Shanghai' });
    const rows = await h.database.db.select().from(outboxMessages).where(and(inArray(outboxMessages.personId, [liu, chen]), eq(outboxMessages.purpose, 'broadcast')));
    const of = (id: number) => rows.find((r) => r.personId === id)!;
    expect(of(chen).nextAttemptAt).toEqual(MORNING);
    const liuAt = of(liu).nextAttemptAt;
    expect(liuAt.getTime()).toBeGreaterThanOrEqual(MORNING.getTime() + 7 * 86_400_000);
    expect(hourOf(liuAt)).toBe(19);
  });
});
