import { tellLiaisonUnreachable } from '../../src/bot/unreachable.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { members, outboxMessages, persons, reports, studyItems, studyReads, trackingEntries } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { createLogger } from '../../src/logger.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { JobCoordinator, lastFireTime, type Job } from '../../src/schedules/coordinator.js';
import { scheduledJobs } from '../../src/schedules/index.js';
import { PROMPT_PURPOSES } from '../../src/schedules/prompts.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { incoming, press, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Q4 2026 of the demo branch, every job fired by three coordinators on one database, every message sent by
 * the outbox as the simulated clock passes. Then: who got what, when, in whose time zone, and the weekly cap.
 *   张建国 (Beijing) reports every month on the 12th and hands in his thought report on 10 December;
 *   刘秀英 (Berlin) never reports, but her liaison calls her in November;
 *   陈志强 (Beijing, probationary, courier) never answers until 28 December;
 *   赵小红 never joined: the bot cannot reach her at all.
 */
class Recorder implements Transport {
  readonly platform = 'terminal' as const;
  async send(_chat: OutboundChat, _message: OutgoingMessage): Promise<SendOutcome> {
    return { ok: true };
  }
}

const STEP_MS = 3 * 3_600_000;
let h: TestBot;
const runs = new Map<string, number>();
const failures: string[] = [];
let ids: Record<'zhang' | 'liu' | 'chen' | 'zhao' | 'liaison' | 'secretary', number>;

async function checkIn(name: string) {
  const chat = h.person(name).terminalUserId!;
  for (const b of ['menu:checkIn', 'ci:same', 'ci:work:working', 'ci:diff:no', 'ci:study:yes']) await h.bot.core.handle(incoming(chat, press(b)));
}

async function prompts(personId: number) {
  return h.database.db.select().from(outboxMessages)
    .where(and(eq(outboxMessages.personId, personId), inArray(outboxMessages.purpose, [...PROMPT_PURPOSES])))
    .orderBy(outboxMessages.createdAt);
}

beforeAll(async () => {
  // Texts are kept past the quarter here so what was sent can be read back; retention has its own fault test.
  h = await startTestBot({ at: new Date('2026-10-01T00:00:00Z'), env: { PROBATION_NOTICE_DAYS: '60', OUTBOX_TEXT_RETENTION_DAYS: '120' } });
  ids = {
    zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId,
    zhao: h.person('赵小红').personId, liaison: h.person('李联络员').personId, secretary: h.person('王书记').personId,
  };
  const db = h.database.db;
  await db.update(persons).set({ timezone: 'Europe/Berlin' }).where(eq(persons.id, ids.liu));
  // On the roster since mid-September: three months of silence make 失联 in mid-December.
  await db.update(members).set({ createdAt: new Date('2026-09-15T00:00:00Z') });
  const [branch] = await db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, ids.zhang));
  await db.insert(studyItems).values([
    { orgId: branch!.orgId, category: 'policy_law', title: '劳动合同法要点', body: '签合同、留凭证', publishOn: '2026-10-03', createdAt: h.clock.now() },
    { orgId: branch!.orgId, category: 'practical_skills', title: '电动车安全驾驶', body: '送件路上', targetOccupations: ['快递员'], publishOn: '2026-10-04', createdAt: h.clock.now() },
    { orgId: branch!.orgId, category: 'market_info', title: '返乡创业补贴', link: 'https://example.org/subsidy', publishOn: '2026-11-03', createdAt: h.clock.now() },
    { orgId: branch!.orgId, category: 'science_culture_health', title: '冬季防煤气中毒', body: '开窗通风', publishOn: '2026-12-03', createdAt: h.clock.now() },
  ]);

  // Each job wrapped to count how often it ran per fire time.
  const jobs: Job[] = scheduledJobs(h.config, h.bot.engine).map((job) => ({
    ...job,
    run: async (tx, now) => {
      const key = `${job.name}@${lastFireTime(job, now).toISOString()}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
      // The coordinator retries a failed job and carries on: a job that always fails (an SQL mistake one
      // database refuses) would pass unseen without this.
      return job.run(tx, now).catch((err: Error) => {
        failures.push(`${key}: ${err.name} ${(err as { code?: string }).code ?? ''} ${err.message}`);
        throw err;
      });
    },
  }));
  const logger = createLogger('silent');
  const coordinators = [0, 1, 2].map(() => new JobCoordinator({ database: h.database, clock: h.clock, logger, jobs }));
  const sender = new OutboxSender({ database: h.database, clock: h.clock, logger, maxAttempts: 3, onUnreachable: tellLiaisonUnreachable });
  sender.register(new Recorder());

  for (let t = Date.parse('2026-10-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += STEP_MS) {
    h.clock.current = new Date(t);
    const day = new Date(t).toISOString();
    // What people do, at the moment it happens.
    if (day.endsWith('T03:00:00.000Z') && localDate(h.clock.now(), 'Asia/Shanghai').day === 12) await checkIn('张建国');
    if (day === '2026-11-12T09:00:00.000Z') await h.bot.core.handle(incoming(h.person('李联络员').terminalUserId!, press(`contact:call:${ids.liu}`)));
    if (day === '2026-12-10T03:00:00.000Z') await db.insert(reports).values({ memberId: ids.zhang, kind: 'thought', period: '2026-Q4', submittedAt: h.clock.now(), body: '……' });
    if (day === '2026-10-06T09:00:00.000Z') await h.bot.core.handle(incoming(h.person('张建国').terminalUserId!, press('study:done:1')));
    if (day === '2026-12-28T09:00:00.000Z') await checkIn('陈志强');
    await Promise.all(coordinators.flatMap((c) => jobs.map((j) => c.fire(j))));
    for (let i = 0; i < 100 && (await sender.runOnce()) > 0; i++);
  }
}, 600_000);
afterAll(async () => h?.close());

describe('a simulated quarter (October to December 2026)', () => {
  it('ran every job without a failure', () => {
    expect(failures).toEqual([]);
  });

  it('ran each job once per fire time, whatever the three instances did', () => {
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    // Hourly jobs at every simulated step; daily ones once a day.
    expect([...runs.keys()].filter((k) => k.startsWith('member-prompts@'))).toHaveLength(92 * 8);
    // Daily ones once a day, plus 30 September's, caught up at the first start.
    expect([...runs.keys()].filter((k) => k.startsWith('staff-digests@'))).toHaveLength(93);
    expect(runs.has('staff-digests@2026-09-30T01:00:00.000Z')).toBe(true);
  });

  it('reminded 陈志强 on the 10th and followed up on the 15th, in his afternoon, until he was lost; then stopped', async () => {
    const rows = (await prompts(ids.chen)).filter((r) => r.idempotencyKey.includes(':monthly:'));
    const seen = rows.map((r) => `${r.purpose}:${localDay(r.sentAt!, 'Asia/Shanghai')}`);
    // The December follow-up is due in the hour he is marked lost (15 December, 02:00 his time): the two jobs run
    // side by side, and whichever reads him first decides whether it goes. Nothing after.
    expect(seen.slice(0, 5)).toEqual(['reminder:2026-10-10', 'followup:2026-10-15', 'reminder:2026-11-10', 'followup:2026-11-15', 'reminder:2026-12-10']);
    expect(['', 'followup:2026-12-15']).toContain(seen.slice(5).join());
    const card = await h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, ids.chen), eq(trackingEntries.kind, 'status_change')));
    expect(card.map((c) => [localDay(c.at, 'Asia/Shanghai'), c.details])).toEqual([
      ['2026-12-15', { to: 'lost_contact' }],
      ['2026-12-28', { from: 'lost_contact', to: 'mobile', found: true }],
    ]);
    const afterLost = (await prompts(ids.chen)).filter((r) => r.createdAt > card[0]!.at && r.createdAt < card[1]!.at);
    expect(afterLost).toHaveLength(0);
    for (const r of rows) expect(r.status).toBe('sent');
    for (const r of rows) expect(localDate(r.sentAt!, 'Asia/Shanghai').hour).toBeGreaterThanOrEqual(14);
    for (const r of rows) expect(localDate(r.sentAt!, 'Asia/Shanghai').hour).toBeLessThan(21);
  });

  it('reached 刘秀英 in the afternoon in Berlin, and a logged call stopped her November chase', async () => {
    const rows = (await prompts(ids.liu)).filter((r) => r.idempotencyKey.includes(':monthly:') && r.status === 'sent');
    expect(rows.map((r) => `${r.purpose}:${localDay(r.sentAt!, 'Europe/Berlin')}`)).toEqual([
      'reminder:2026-10-10', 'followup:2026-10-15', 'reminder:2026-11-10', 'reminder:2026-12-10', 'followup:2026-12-15',
    ]);
    for (const r of rows) {
      const hour = localDate(r.sentAt!, 'Europe/Berlin').hour;
      expect(hour).toBeGreaterThanOrEqual(14);
      expect(hour).toBeLessThan(21);
    }
  });

  it('reminded 张建国 once a month and never followed up; his thought-report reminder was cancelled, not sent', async () => {
    const rows = await prompts(ids.zhang);
    expect(rows.filter((r) => r.purpose === 'followup')).toHaveLength(0);
    expect(rows.filter((r) => r.purpose === 'reminder' && r.idempotencyKey.startsWith('reminder:monthly')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    const thought = rows.filter((r) => r.idempotencyKey.startsWith('reminder:thought'));
    expect(thought.map((r) => r.status)).toEqual(['cancelled']);
    expect(thought[0]!.sentAt).toBeNull();
  });

  it('gave the liaison one overdue digest a month, the secretary one a month, and duties digests', async () => {
    const toLiaison = await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, ids.liaison), eq(outboxMessages.purpose, 'digest')));
    const keys = toLiaison.map((r) => r.idempotencyKey.split(':').slice(0, 3).join(':')).sort();
    expect(keys.filter((k) => k.startsWith('digest:liaison:'))).toEqual(['digest:liaison:2026-10', 'digest:liaison:2026-11', 'digest:liaison:2026-12']);
    expect(keys.filter((k) => k.startsWith('digest:duties:'))).toEqual(['digest:duties:2026-10', 'digest:duties:2026-11', 'digest:duties:2026-12']);
    const nov = toLiaison.find((r) => r.idempotencyKey.startsWith('digest:liaison:2026-11'))!;
    const text = (nov.payload as OutgoingMessage).text;
    expect(text).toContain('陈志强');
    expect(text).not.toContain('张建国');
    expect(text).not.toContain('刘秀英'); // called on the 12th, before the digest
    const toSecretary = await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, ids.secretary), eq(outboxMessages.purpose, 'digest')));
    const sKeys = toSecretary.map((r) => r.idempotencyKey.split(':').slice(0, 2).join(':'));
    expect(sKeys.filter((k) => k === 'digest:secretary')).toHaveLength(3);
    expect(sKeys.filter((k) => k === 'digest:probation')).toHaveLength(1); // 陈志强's probation ends 2027-02-15
    const lost = toSecretary.filter((r) => r.idempotencyKey.startsWith('lost:'));
    // Lost contact comes as one digest per secretary and day, naming the members, not one message per member.
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((r) => r.idempotencyKey.endsWith(`:${ids.secretary}`))).toBe(true);
    const named = lost.map((r) => (r.payload as OutgoingMessage).text).join('\n');
    expect(named).toContain('陈志强');
    expect(named).toContain('赵小红');
    expect(named).not.toContain('张建国');
  });

  it('marked the silent members lost in December and 陈志强 found again when he reported', async () => {
    const rows = await h.database.db.select({ id: members.personId, status: members.status }).from(members);
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status[ids.zhao]).toBe('lost_contact');
    expect(status[ids.chen]).toBe('mobile');
    expect(status[ids.zhang]).toBe('mobile');
    expect(status[ids.liu]).toBe('laid_off');
  });

  it('pushed study material to whom it fits, in the off-peak window, and kept the read', async () => {
    const chen = (await prompts(ids.chen)).filter((r) => r.purpose === 'study');
    const zhang = (await prompts(ids.zhang)).filter((r) => r.purpose === 'study');
    expect(chen.map((r) => r.idempotencyKey.split(':')[1])).toEqual(['1', '2', '3', '4']);
    expect(zhang.map((r) => r.idempotencyKey.split(':')[1])).toEqual(['1', '3', '4']);
    for (const r of [...chen, ...zhang]) {
      const hour = localDate(r.sentAt!, 'Asia/Shanghai').hour;
      expect(hour).toBeGreaterThanOrEqual(14);
      expect(hour).toBeLessThan(21);
    }
    const reads = await h.database.db.select().from(studyReads);
    expect(reads.map((r) => [r.itemId, r.memberId])).toEqual([[1, ids.zhang]]);
  });

  it('never sent a member more prompts in any 7 days than the weekly cap', async () => {
    for (const id of [ids.zhang, ids.liu, ids.chen]) {
      const sent = (await prompts(id)).filter((r) => r.status === 'sent').map((r) => r.sentAt!.getTime()).sort((a, b) => a - b);
      for (let i = 0; i < sent.length; i++) {
        const inWeek = sent.filter((t) => t >= sent[i]! && t < sent[i]! + 7 * 86_400_000).length;
        expect(inWeek).toBeLessThanOrEqual(h.config.WEEKLY_PROMPT_CAP);
      }
    }
  });

  it('logged ids only: no names or texts', () => {
    for (const name of ['张建国', '刘秀英', '陈志强', '赵小红', '李联络员', '王书记', '劳动合同法']) expect(h.logs.text).not.toContain(name);
  });
});

function localDay(at: Date, tz: string) {
  const d = localDate(at, tz);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
