import ExcelJS from 'exceljs';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluations, helpRequests, identities, members, organisations, outboxMessages, reports, staffRoles, studyItems, studyReads, trackingEntries,
} from '../../src/db/schema/index.js';
import { persons } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { runEvaluationPrompts } from '../../src/schedules/evaluation.js';
import { saveSettings } from '../../src/features/settings/index.js';
import { incoming, lastQueued, payloadsOf, press, say, startTestBot, type TestBot } from '../support/bot.js';
import { columnOf } from '../support/xlsx.js';

/**
 * 民主评议 through the chat: the prompt in the branch's month, the member's self-evaluation, both organisations'
 * opinions, the secretary's list, the result the member is told, the year summary and the export. The year's
 * figures are written here and counted here, independently of the query that sums them.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen' | 'liaison' | 'secretary' | 'inflowLiaison' | 'branch' | 'inflow', number>;
const as = (name: string) => (name === '流入地联络员' ? 'inflow-liaison' : h.person(name).terminalUserId!);
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}

/** 张建国's 2026, as both organisations recorded it. */
const MONTHLY = Array.from({ length: 11 }, (_, i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, late: i % 4 === 3 }));
const CONTACTS = [['call', '2026-02-03'], ['message', '2026-05-09'], ['visit', '2026-07-20'], ['call', '2025-12-30'], ['visit', '2026-10-02']] as const;
const expected = {
  monthly: MONTHLY.length,
  onTime: MONTHLY.filter((m) => !m.late).length,
  thought: 2,
  contacts: CONTACTS.filter(([k, d]) => k !== 'visit' && d.startsWith('2026')).length,
  visits: CONTACTS.filter(([k, d]) => k === 'visit' && d.startsWith('2026')).length,
  helpAsked: 2,
  helpResolved: 1,
  studied: 1,
};

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-15T02:00:00Z') });
  const db = h.database.db;
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  ids = {
    zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId,
    liaison: h.person('李联络员').personId, secretary: h.person('王书记').personId, inflowLiaison: 0,
    branch: await orgId('幸福村党支部'), inflow: await orgId('东莞市长安镇流动党员党支部'),
  };
  // The inflow organisation's liaison, who talks to the bot too.
  const [p] = await db.insert(persons).values({ name: '流入地联络员' }).returning({ id: persons.id });
  ids.inflowLiaison = p!.id;
  await db.insert(staffRoles).values({ personId: ids.inflowLiaison, role: 'liaison', orgId: ids.inflow });
  const now = h.clock.now();
  await db.insert(identities).values({ platform: 'terminal', externalUserId: 'inflow-liaison', chatId: 'inflow-liaison', personId: ids.inflowLiaison, linkedAt: now, lastSeenAt: now });

  await db.insert(reports).values(MONTHLY.map((m) => ({ memberId: ids.zhang, kind: 'monthly' as const, period: m.period, late: m.late, submittedAt: now })));
  await db.insert(reports).values([
    { memberId: ids.zhang, kind: 'thought', period: '2026-Q1', body: '…', submittedAt: now },
    { memberId: ids.zhang, kind: 'thought', period: '2026-Q3', body: '…', submittedAt: now },
    { memberId: ids.zhang, kind: 'thought', period: '2025-Q4', body: '…', submittedAt: now },
  ]);
  await db.insert(trackingEntries).values(CONTACTS.map(([kind, day]) => ({ memberId: ids.zhang, kind, at: new Date(`${day}T04:00:00Z`), actorId: ids.liaison })));
  await db.insert(helpRequests).values([
    { memberId: ids.zhang, category: 'wages', description: '-', status: 'confirmed', createdAt: new Date('2026-04-01T00:00:00Z'), updatedAt: now },
    { memberId: ids.zhang, category: 'medical', description: '-', status: 'open', createdAt: new Date('2026-09-01T00:00:00Z'), updatedAt: now },
  ]);
  const [item] = await db.insert(studyItems).values({ orgId: ids.branch, category: 'policy_law', title: '劳动合同法', publishOn: '2026-03-01', createdAt: now }).returning({ id: studyItems.id });
  await db.insert(studyReads).values({ itemId: item!.id, memberId: ids.zhang, readAt: new Date('2026-03-02T10:00:00Z') });
});
afterAll(() => h?.close());

const resultNotices = (memberId: number) => h.database.db.select().from(outboxMessages)
  .where(and(eq(outboxMessages.personId, memberId), like(outboxMessages.idempotencyKey, 'evaluation:result:%'))).orderBy(outboxMessages.id);
const selfPrompts = () => h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'evaluation:self:%'));

describe('the self-evaluation prompt', () => {
  it('is not sent outside the evaluation month, and the branch can choose its month', async () => {
    expect(await h.database.db.transaction((tx) => runEvaluationPrompts(tx, h.clock.now(), h.config))).toEqual({ queued: 0, held: 0 });
    const set = await send('王书记', say('/evalmonth 11'));
    expect(set.text).toContain('幸福村党支部');
    expect(set.text).toContain('11');
  });

  it('asks each member once, in their off-peak hours, and holds back a member at the weekly cap', async () => {
    const db = h.database.db;
    const now = h.clock.now();
    // 陈志强 already had as many prompts this week as the cap allows.
    await db.insert(outboxMessages).values(Array.from({ length: h.config.WEEKLY_PROMPT_CAP }, (_, i) => ({
      idempotencyKey: `test:cap:${i}`, platform: 'terminal', chatId: as('陈志强'), personId: ids.chen, purpose: 'reminder', payload: {}, status: 'sent' as const, nextAttemptAt: now, createdAt: now,
    })));
    const first = await db.transaction((tx) => runEvaluationPrompts(tx, now, h.config));
    // 赵小红 has no account the bot can reach: she shows up on the secretary's list instead.
    expect(first).toEqual({ queued: 2, held: 1 });
    const rows = await selfPrompts();
    expect(rows.map((r) => r.personId).sort()).toEqual([ids.zhang, ids.liu].sort());
    for (const r of rows) {
      expect(r.purpose).toBe('membership');
      const hour = localDate(r.nextAttemptAt, 'Asia/Shanghai').hour;
      expect(hour).toBeGreaterThanOrEqual(h.config.OFF_PEAK_START_HOUR);
      expect(hour).toBeLessThan(h.config.OFF_PEAK_END_HOUR);
      expect(payloadsOf(r.payload as never)).toEqual(['menu:selfEvaluation']);
    }
    expect(await db.transaction((tx) => runEvaluationPrompts(tx, now, h.config))).toEqual({ queued: 0, held: 1 });
  });
});

describe('the self-evaluation in chat', () => {
  it('starts from a button, takes a few words, is recorded, and the liaison is told an opinion is wanted', async () => {
    const asked = await send('张建国', press('menu:selfEvaluation'));
    expect(payloadsOf(asked)).toEqual(['se:rate:good', 'se:rate:fair', 'se:rate:improve', 'cancel']);
    expect(payloadsOf(await send('张建国', press('se:rate:good')))).toEqual(['se:skip', 'cancel']);
    const done = await send('张建国', say('在东莞按时参加组织生活'));
    expect(done.text).toContain('自评已记下');
    const [e] = await h.database.db.select().from(evaluations).where(eq(evaluations.memberId, ids.zhang));
    expect([e!.year, e!.selfRating, e!.selfText]).toEqual([2026, 'good', '在东莞按时参加组织生活']);
    expect((await lastQueued(h.database, as('李联络员'))).text).toContain('张建国');
    // He is attached to the inflow organisation: its opinion is wanted too (双向管理).
    expect((await lastQueued(h.database, as('流入地联络员'))).text).toContain('张建国 已经交了 2026 年的自评');
    // The prompt still waiting for his afternoon is not sent any more.
    const prompt = (await selfPrompts()).find((r) => r.personId === ids.zhang)!;
    expect(prompt.status).toBe('cancelled');
  });

  it('takes typed words straight away, and asks again kindly when a tap belongs to nothing', async () => {
    await send('刘秀英', say('自评'));
    const nudged = await send('刘秀英', press('se:nonsense'));
    expect(payloadsOf(nudged)).toContain('se:rate:good');
    await send('刘秀英', say('下岗后在学电工，想多参加培训'));
    const [e] = await h.database.db.select().from(evaluations).where(eq(evaluations.memberId, ids.liu));
    expect([e!.selfRating, e!.selfText]).toEqual([null, '下岗后在学电工，想多参加培训']);
  });
});

describe('opinions, the list, the result', () => {
  it('the home side and the inflow organisation each give their own opinion; the inflow side only for members attached to it', async () => {
    expect((await send('李联络员', say(`/opinion ${ids.zhang} 联系紧密，按时报到`))).text).toContain('张建国');
    expect((await send('流入地联络员', say(`/opinion ${ids.zhang} 在流入地支部表现积极`))).text).toContain('流入地');
    expect((await send('流入地联络员', say(`/opinion ${ids.chen} 不认识`))).text).toBe((await send('流入地联络员', say('/opinion 999999 x'))).text);
    const [e] = await h.database.db.select().from(evaluations).where(eq(evaluations.memberId, ids.zhang));
    expect([e!.homeOpinion, e!.homeOpinionBy, e!.inflowOpinion, e!.inflowOpinionBy]).toEqual(['联系紧密，按时报到', ids.liaison, '在流入地支部表现积极', ids.inflowLiaison]);
  });

  it('the secretary sees who has not self-evaluated and which opinions and results are missing', async () => {
    const list = (await send('王书记', say('民主评议'))).text;
    expect(list).toContain('共 4 人，未自评 2 人，缺联络员/支部意见 3 人，缺流入地意见 0 人，未定等次 4 人');
    expect(list).toContain('• 张建国：未定等次');
    expect(list).toContain('• 陈志强：未自评、缺联络员/支部意见、未定等次');
    expect(list).toContain('• 赵小红：未自评');
  });

  it('records the result with its reason, tells the member, and refuses the inflow side', async () => {
    const refused = await send('流入地联络员', say(`/evalresult ${ids.zhang} 优秀 表现好`));
    expect(refused.text).toBe((await send('流入地联络员', say('/evalresult 999999 优秀 x'))).text);
    // 23:00 in 张建国's time zone: the notice waits for his afternoon, like every prompt.
    h.clock.current = new Date('2026-11-15T15:00:00Z');
    const first = await send('王书记', say(`/evalresult ${ids.zhang} 基本合格 报到不及时`));
    expect(first.text).toContain('当地 2026-11-16 14 点以后送到');
    // A correction the same night replaces the notice still waiting: he hears the result once, the right one.
    h.clock.advance(10 * 60_000);
    const saved = await send('王书记', say(`/evalresult ${ids.zhang} 合格 按时报到，流入地评价好`));
    expect(saved.text).toContain('张建国');
    expect(saved.text).toContain('14 点以后送到');
    const notices = await resultNotices(ids.zhang);
    expect(notices.map((r) => r.status)).toEqual(['cancelled', 'pending']);
    const told = notices[1]!;
    expect(told.purpose).toBe('membership');
    expect(told.nextAttemptAt.toISOString()).toBe('2026-11-16T06:00:00.000Z');
    expect(localDate(told.nextAttemptAt, 'Asia/Shanghai').hour).toBe(h.config.OFF_PEAK_START_HOUR);
    expect((told.payload as { text: string }).text).toContain('2026 年的民主评议，结果：合格');
    expect((told.payload as { text: string }).text).toContain('按时报到，流入地评价好');
    const [e] = await h.database.db.select().from(evaluations).where(and(eq(evaluations.memberId, ids.zhang), eq(evaluations.year, 2026)));
    expect([e!.result, e!.resultBy]).toEqual(['qualified', ids.secretary]);
    expect((await send('王书记', say(`/evalresult ${ids.zhang} 很好 x`))).text).toContain('/evalresult');
  });

  it('tells the member at once in their afternoon, and counts toward the weekly cap', async () => {
    h.clock.current = new Date('2026-11-16T07:00:00Z');
    const liu = await send('王书记', say(`/evalresult ${ids.liu} 合格 积极参加培训`));
    expect(liu.text).toContain('已通知本人');
    const [toLiu] = await resultNotices(ids.liu);
    expect([toLiu!.purpose, toLiu!.nextAttemptAt.toISOString()]).toEqual(['membership', '2026-11-16T07:00:00.000Z']);
    // 陈志强 had the cap's worth of prompts on 15 November: his result waits until that week is over.
    const chen = await send('王书记', say(`/evalresult ${ids.chen} 合格 按时报到`));
    expect(chen.text).toContain('2026-11-22 14 点以后');
    const [toChen] = await resultNotices(ids.chen);
    expect(toChen!.nextAttemptAt.toISOString()).toBe('2026-11-22T06:00:00.000Z');
  });
});

describe('the year summary and the export', () => {
  it('summarises the member’s year from what both organisations recorded', async () => {
    const text = (await send('王书记', say(`/yearsummary ${ids.zhang}`))).text;
    expect(text).toContain(`月度报到 ${expected.monthly} 个月，其中按时 ${expected.onTime} 个月；思想汇报 ${expected.thought} 次`);
    expect(text).toContain(`联系 ${expected.contacts} 次，走访 ${expected.visits} 次`);
    expect(text).toContain(`求助 ${expected.helpAsked} 件，已解决 ${expected.helpResolved} 件；学习 ${expected.studied} 次`);
    expect(text).toContain('自评：认真履行党员义务，表现好：在东莞按时参加组织生活');
    expect(text).toContain('评议结果：合格（按时报到，流入地评价好）');
    // The inflow liaison sees the member attached to them; the other year is empty.
    expect((await send('流入地联络员', say(`/yearsummary ${ids.zhang} 2025年`))).text).toContain('思想汇报 1 次');
  });

  it('exports the evaluation sheet of the branch in the usual layout', async () => {
    const reply = await send('王书记', say('/export 评议'));
    expect(reply.document?.fileName).toBe('民主评议-幸福村党支部-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(reply.document!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('民主评议')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('幸福村党支部 2026 年党员民主评议情况表');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const rows = [];
    for (let i = 3; i <= sheet.rowCount; i++) rows.push(Object.fromEntries(header.map((k, j) => [String(k), sheet.getRow(i).getCell(j + 1).value])));
    expect(rows.map((r) => r['姓名'])).toHaveLength(4);
    const zhang = rows.find((r) => r['姓名'] === '张建国')!;
    expect(zhang).toMatchObject({
      流入地党组织: '东莞市长安镇流动党员党支部', '本年报到（月）': expected.monthly, '按时报到（月）': expected.onTime, 思想汇报: expected.thought,
      联系: expected.contacts, 走访: expected.visits, 求助: expected.helpAsked, 已解决: expected.helpResolved, 学习: expected.studied,
      评议等次: '合格', 理由: '按时报到，流入地评价好', '流入地党组织意见': '在流入地支部表现积极',
    });
    expect(rows.find((r) => r['姓名'] === '赵小红')).toMatchObject({ 自评: '', 评议等次: '' });
  });
});

describe('recognition (先进)', () => {
  it('is proposed by the home branch or the inflow organisation, and shows in the summary, the list and the export', async () => {
    expect((await send('流入地联络员', say(`/example ${ids.zhang} 帮助工友讨回欠薪`))).text).toContain('东莞市长安镇流动党员党支部');
    expect((await send('王书记', say(`/example ${ids.chen} 疫情期间坚持送件`))).text).toContain('幸福村党支部');
    // A liaison does not propose on the organisation's behalf.
    expect((await send('李联络员', say(`/example ${ids.liu} 积极`))).text).toBe((await send('李联络员', say('/example 999999 积极'))).text);
    expect((await send('王书记', say(`/yearsummary ${ids.zhang}`))).text).toContain('先进：帮助工友讨回欠薪（东莞市长安镇流动党员党支部）');
    expect((await send('王书记', say('民主评议'))).text).toContain('；先进 2 人。');
    const reply = await send('王书记', say('/export 评议'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(reply.document!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('民主评议')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    const col = header.indexOf('先进') + 1;
    const byName = new Map<string, unknown>();
    for (let i = 3; i <= sheet.rowCount; i++) byName.set(String(sheet.getRow(i).getCell(1).value), sheet.getRow(i).getCell(col).value);
    expect(byName.get('陈志强')).toBe('疫情期间坚持送件（幸福村党支部）');
    expect(byName.get('刘秀英')).toBe('');
  });

  it('the tracking card carries the year: self-evaluation, both opinions, each result recorded, the 先进', async () => {
    const cards = await send('王书记', say(`/export 登记卡 ${ids.zhang}`));
    const lines = await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3);
    for (const line of [
      '2026 年民主评议自评：在东莞按时参加组织生活',
      '2026 年民主评议联络员/支部意见：联系紧密，按时报到',
      '2026 年民主评议流入地党组织意见：在流入地支部表现积极',
      // The correction is on the card too: what was recorded, in order.
      '2026 年民主评议结果：基本合格（报到不及时）',
      '2026 年民主评议结果：合格（按时报到，流入地评价好）',
      '2026 年先进：帮助工友讨回欠薪（东莞市长安镇流动党员党支部 推荐）',
    ]) expect(lines).toContain(line);
    expect(lines.indexOf('2026 年民主评议结果：基本合格（报到不及时）')).toBeLessThan(lines.indexOf('2026 年民主评议结果：合格（按时报到，流入地评价好）'));
  });
});

// Last: it changes the branch's settings and 张建国's result, which the tests above read.
describe('pacing by the member\'s own branch', () => {
  it('holds the result for the hours the member’s own branch keeps, not only the defaults', async () => {
    await saveSettings(h.database.db, ids.branch, { promptStartHour: 9, promptEndHour: 20, weeklyCap: 14 }, ids.secretary, h.clock.now(), h.config);
    // 23:00 in 张建国's time zone: his branch's prompts start at 9, not at the default hour.
    h.clock.current = new Date('2026-11-17T15:00:00Z');
    const saved = await send('王书记', say(`/evalresult ${ids.zhang} 优秀 按时报到，帮助工友`));
    expect(saved.text).toContain('当地 2026-11-18 9 点以后送到');
    const [told] = (await resultNotices(ids.zhang)).filter((r) => r.status === 'pending');
    expect(told!.nextAttemptAt.toISOString()).toBe('2026-11-18T01:00:00.000Z');
  });
});
