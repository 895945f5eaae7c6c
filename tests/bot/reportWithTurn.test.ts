import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { processedUpdates, reports, trackingEntries } from '../../src/db/schema/index.js';
import { query } from '../../src/db/query.js';
import { incoming, press, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

const reportsOf = (memberId: number) => h.database.db.select().from(reports).where(and(eq(reports.memberId, memberId), eq(reports.kind, 'monthly')));

describe('a monthly report written by the turn\'s last statement (migration 0030)', () => {
  it('a check-in opens no transaction: the report goes with the conversation and the replies', async () => {
    const zhang = h.person('张建国');
    const db = h.database.db;
    const opened: number[] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((work: never, config?: never) => (opened.push(1), transaction(work, config))) as typeof db.transaction;
    try {
      for (const body of [press('menu:checkIn'), press('ci:same'), press('ci:work:working'), press('ci:diff:no'), press('ci:study:yes')]) {
        expect(await h.bot.core.handle(incoming(zhang.terminalUserId!, body))).toEqual({ status: 'applied' });
      }
    } finally {
      db.transaction = transaction;
    }
    expect(opened).toEqual([]);
    const [report] = await reportsOf(zhang.personId);
    expect(report).toMatchObject({ period: '2026-11', work: 'working', hasDifficulty: false, studied: true, late: false, platform: 'terminal' });
    const card = await db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, zhang.personId), eq(trackingEntries.kind, 'report')));
    expect(card.map((e) => e.details)).toEqual([{ period: '2026-11', late: false }]);
  });

  it('saves nothing when the conversation moved on meanwhile, or the update was applied before; once otherwise', async () => {
    const chen = h.person('陈志强');
    const report = { kind: 'monthlyReport', member: chen.personId, period: '2026-11', at: h.clock.now().toISOString(), late: false, movedSinceLast: false, work: 'working', hasDifficulty: false, studied: true, platform: 'terminal' };
    const finish = (mode: string, previousVersion: number | null, updateId: string) => query<{ written: string }>(h.database.db, sql`select bot_turn_finish(${chen.personId}::integer, ${mode}::text, ${previousVersion}::integer,
      'checkIn'::text, '{}'::jsonb, ${h.clock.now().toISOString()}::timestamptz, ${h.clock.now().toISOString()}::timestamptz, '[]'::jsonb, 'terminal'::text, ${updateId}::text,
      ${JSON.stringify([report])}::jsonb) as written`);
    // No conversation of that version: another update of the same person got there first.
    expect(await finish('update', 41, 'u-conflict')).toEqual([{ written: 'conflict' }]);
    expect(await reportsOf(chen.personId)).toEqual([]);
    expect(await h.database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, 'u-conflict'))).toEqual([]);
    // Applied before: nothing again.
    await h.database.db.insert(processedUpdates).values({ platform: 'terminal', updateId: 'u-done', processedAt: h.clock.now() });
    expect(await finish('none', null, 'u-done')).toEqual([{ written: 'duplicate' }]);
    expect(await reportsOf(chen.personId)).toEqual([]);
    expect(await finish('none', null, 'u-first')).toEqual([{ written: 'saved' }]);
    expect(await finish('none', null, 'u-first')).toEqual([{ written: 'duplicate' }]);
    expect((await reportsOf(chen.personId)).map((r) => r.period)).toEqual(['2026-11']);
  });

  it('refuses an effect it does not know, writing nothing', async () => {
    const failed = await query(h.database.db, sql`select bot_turn_finish(null::integer, 'none'::text, null::integer, null::text, null::jsonb, null::timestamptz,
      now(), '[]'::jsonb, 'terminal'::text, 'u-unknown'::text, '[{"kind":"somethingElse"}]'::jsonb)`).then(() => undefined, (err: Error) => err);
    expect(String((failed?.cause as Error | undefined)?.message ?? failed?.message)).toMatch(/no such effect somethingElse/);
    expect(await h.database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, 'u-unknown'))).toEqual([]);
  });
});
