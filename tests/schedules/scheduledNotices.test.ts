import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createLogger } from '../../src/logger.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { auditLog, broadcasts, outboxMessages, staffRoles, studyItems, studyReads } from '../../src/db/schema/index.js';
import { checkedTarget } from '../../src/features/broadcasts/audience.js';
import { createNotice } from '../../src/features/broadcasts/notices.js';
import { noticeProgress } from '../../src/features/broadcasts/progress.js';
import { ScheduledNotices } from '../../src/schedules/scheduledNotices.js';
import { incoming, press, queuedFor, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
const extra: Database[] = [];
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T05:00:00Z') });
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await h?.close();
});

const pacing = () => ({ defaults: h.config, timezone: h.config.DEFAULT_TIMEZONE });
const rowsOf = (id: number) => h.database.db.select().from(outboxMessages).where(eq(outboxMessages.broadcastId, id));

/** A notice 王书记 sets for `sendAt`, as the console's 确认定时发送 makes it. */
async function schedule(text: string, sendAt: Date, extraFilter: Record<string, unknown> = {}, itemId?: number) {
  const staff = h.person('王书记').personId;
  const target = await checkedTarget(h.database.db, staff, { statuses: ['mobile'], ...extraFilter }, h.clock.now(), { via: 'console' });
  if (!target.ok) throw new Error('refused');
  const item = itemId === undefined ? undefined : { id: itemId, title: '新版党章学习', category: 'policy_law', body: '第一章', link: null };
  return (await createNotice(h.database.db, staff, target, text, { sendAt, ...(item ? { item } : {}) }, h.clock.now(), pacing())).broadcastId;
}

/** Runners as separate instances would be: their own connection pools on PostgreSQL, the one embedded database on PGlite. */
async function runners(n: number): Promise<ScheduledNotices[]> {
  const url = (h.database as Database & { url?: string }).url;
  const out: ScheduledNotices[] = [];
  for (let i = 0; i < n; i++) {
    let database = h.database;
    if (url && i > 0) {
      database = await openDatabase({ url, dataDir: '', maxConnections: 3 });
      extra.push(database);
    }
    out.push(new ScheduledNotices({ database, clock: h.clock, logger: createLogger('silent'), pacing: pacing() }));
  }
  return out;
}

describe('a scheduled notice', () => {
  it('goes out once at its time, not before, and not twice with two runners side by side', async () => {
    const at = new Date('2026-11-10T10:30:00Z');
    const id = await schedule('今晚七点线上党课', at);
    const [a, b] = await runners(2);
    h.clock.current = new Date('2026-11-10T10:29:59Z');
    expect(await Promise.all([a!.tick(), b!.tick()])).toEqual([0, 0]);
    expect(await rowsOf(id)).toEqual([]);

    h.clock.current = at;
    const sent = await Promise.all([a!.tick(), b!.tick(), a!.tick(), b!.tick()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
    // 张建国 and 陈志强 (赵小红 has no account the bot can reach): one row each.
    const rows = await rowsOf(id);
    expect(rows.map((r) => r.personId).sort()).toEqual([h.person('张建国').personId, h.person('陈志强').personId].sort());
    const [row] = await h.database.db.select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(row!.queuedAt?.toISOString()).toBe(at.toISOString());
    // The sender is told once that it went; the scope was checked again at its time, on record.
    const told = (await queuedFor(h.database, h.person('王书记').terminalUserId!)).filter((m) => m.text.includes(`定时通知 ${id}`));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('2 位党员');
    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.action, 'broadcast.compose'));
    expect(audits.filter((x) => (x.details as { via?: string }).via === 'schedule')).toHaveLength(1);

    h.clock.advance(60_000);
    expect(await Promise.all([a!.tick(), b!.tick()])).toEqual([0, 0]);
    expect(await rowsOf(id)).toHaveLength(2);
  });

  it('keeps the members’ hours and weekly cap at its time, unless urgent', async () => {
    // 02:00 in Shanghai: nobody's afternoon.
    const at = new Date('2026-11-10T18:00:00Z');
    const id = await schedule('夜里定的', at, { excluded: ['陈志强'] });
    h.clock.current = at;
    const [runner] = await runners(1);
    expect(await runner!.tick()).toBe(1);
    const [row] = await rowsOf(id);
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(at.getTime());
  });

  it('is called off, and its sender told, when the sender may no longer send to that organisation', async () => {
    const at = new Date('2026-11-11T07:00:00Z');
    const id = await schedule('书记调走了', at);
    const staff = h.person('王书记').personId;
    const roles = await h.database.db.select().from(staffRoles).where(eq(staffRoles.personId, staff));
    await h.database.db.delete(staffRoles).where(eq(staffRoles.personId, staff));
    h.clock.current = at;
    const [runner] = await runners(1);
    expect(await runner!.tick()).toBe(0);
    expect(await rowsOf(id)).toEqual([]);
    expect((await noticeProgress(h.database.db, id))?.state).toBe('cancelled');
    expect((await queuedFor(h.database, h.person('王书记').terminalUserId!)).some((m) => m.text.includes(`定时通知 ${id} 没有发出`))).toBe(true);
    await h.database.db.insert(staffRoles).values(roles);
  });

  it('carries an attached study item; 已学习 under it counts as read', async () => {
    const staff = h.person('王书记').personId;
    const [branch] = await h.database.db.select({ orgId: staffRoles.orgId }).from(staffRoles).where(eq(staffRoles.personId, staff));
    const [item] = await h.database.db.insert(studyItems).values({ orgId: branch!.orgId, category: 'policy_law', title: '新版党章学习', body: '第一章', publishOn: '2026-11-01', createdAt: h.clock.now() }).returning({ id: studyItems.id });
    const at = new Date(h.clock.now().getTime() + 60_000);
    const id = await schedule('请学习', at, { excluded: ['陈志强'] }, item!.id);
    h.clock.current = at;
    const [runner] = await runners(1);
    expect(await runner!.tick()).toBe(1);
    const [row] = await rowsOf(id);
    const message = row!.payload as { text: string; buttons: { payload: string }[][] };
    expect(message.text).toContain('新版党章学习');
    expect(message.buttons.flat().map((b) => b.payload)).toEqual([`study:done:${item!.id}`]);
    await h.bot.core.handle(incoming(h.person('张建国').terminalUserId!, press(`study:done:${item!.id}`)));
    expect(await h.database.db.select().from(studyReads).where(eq(studyReads.itemId, item!.id))).toHaveLength(1);
    expect((await noticeProgress(h.database.db, id))?.read).toBe(1);
  });
});
