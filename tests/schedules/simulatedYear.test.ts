import ExcelJS from 'exceljs';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcasts, certificateActivities, duesAmounts, evaluations, homeVisitTasks, identities, jobWishStatements, members, organisations, outboxMessages, persons, recognitions, staffRoles, studyItems, helperAssignments } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { scheduledJobs } from '../../src/schedules/index.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * 2026 of the demo branch, day by day: the hourly member-prompts job fired once a day in the members' afternoon,
 * people acting on the days below. 张建国 is away with a certificate, attached to the inflow organisation;
 * 陈志强 is away until he says he is home for good in October; 刘秀英 is laid off at home; 赵小红 cannot be
 * reached. What the bot sent, and the counts and exports at the end, are checked against figures computed here
 * from the script.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen' | 'inflowLiaison' | 'helper', number>;
const SPRING_FESTIVAL = '2026-02-17';
const as = (name: string) => ({ 流入地联络员: 'inflow-liaison', 帮扶人: 'helper' } as Record<string, string>)[name] ?? h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}

/** Dues recorded in the script: who, months, on which day (the reminders expected follow from it). */
const DUES_PAID = [
  { who: 'zhang' as const, by: '流入地联络员', months: '2026-01..2026-06', on: '2026-07-01' },
  { who: 'liu' as const, by: '王书记', months: '2026-01..2026-11', on: '2026-12-01' },
];
const monthsOf = (range: string) => {
  const [a, b] = range.split('..') as [string, string];
  const out = [];
  for (let m = Number(a.slice(5)); m <= Number(b.slice(5)); m++) out.push(`2026-${String(m).padStart(2, '0')}`);
  return out;
};
/** The months (1-12) on whose 20th a member still owes an earlier month: one reminder each, no more. */
function expectedDuesReminderMonths(who: 'zhang' | 'liu' | 'chen'): string[] {
  const out = [];
  for (let month = 2; month <= 12; month++) {
    const day20 = `2026-${String(month).padStart(2, '0')}-20`;
    const paid = new Set(DUES_PAID.filter((p) => p.who === who && p.on <= day20).flatMap((p) => monthsOf(p.months)));
    const owed = Array.from({ length: month - 1 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`).filter((m) => !paid.has(m));
    if (owed.length > 0) out.push(`2026-${String(month).padStart(2, '0')}`);
  }
  return out;
}

/** Activities of 张建国 at the destination, recorded by the inflow organisation on his 活动证 (one a typo'd day, refused). */
const ACTIVITIES = [
  { on: '2026-03-15', what: '参加流入地支部主题党日' },
  { on: '2026-06-20', what: '参加流入地党课' },
  { on: '2026-09-10', what: '志愿服务' },
];
/** Courses posted in the script: the occupations they suit. 刘秀英 is a 纺织工 and says in February she wants 焊工 training. */
const COURSES = [
  { day: '2026-03-01', text: '/offer 培训 | 电工培训班 | 县职业技术学校 | 2026-03-20 | 2026-04-10 | 纺织工', skills: ['纺织工'] },
  { day: '2026-04-15', text: '/offer 培训 | 焊工培训班 | 县职业技术学校 | 2026-05-01 | 2026-05-20 | 焊工', skills: ['焊工'] },
];
const LIU = { occupation: '纺织工', wishes: ['保洁', '焊工'] };

async function script(day: string) {
  const db = h.database.db;
  if (day === '2026-01-20') {
    await send('张建国', press(`hq:${SPRING_FESTIVAL}:2026-02-03`));
    await send('陈志强', press(`hq:${SPRING_FESTIVAL}:away`));
  }
  if (day === '2026-02-05') await send('李联络员', say(`/log ${ids.zhang} 走访 在家，活动证已查验`));
  if (day === '2026-02-10') await send('王书记', say(`/makeup 2026-02-10 ${ids.zhang}`));
  for (const c of COURSES) if (day === c.day) await send('王书记', say(c.text));
  if (day === '2026-02-20') {
    // 刘秀英 says in her own words what work she wants, from the menu.
    await send('刘秀英', press('menu:jobWish'));
    await send('刘秀英', say('保洁'));
    await send('刘秀英', press('jw:place:local'));
    await send('刘秀英', say('焊工'));
  }
  for (const a of ACTIVITIES) if (day === a.on) await send('流入地联络员', say(`/activity ${ids.zhang} ${a.on} ${a.what}`));
  if (day === '2026-07-01') await send('流入地联络员', say(`/activity ${ids.zhang} 2026-06-31 不存在的一天`));
  if (day === '2026-03-05') {
    const offers = (await db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, ids.liu), like(outboxMessages.idempotencyKey, 'job:%'))));
    await send('刘秀英', press(`job:signup:${offers[0]!.idempotencyKey.split(':')[1]}`));
  }
  if (day === '2026-04-10') await send('帮扶人', say(`/employment ${ids.liu} 培训 2026-04-10`));
  if (day === '2026-06-01') await send('帮扶人', say(`/employment ${ids.liu} 再就业 2026-06-01`));
  if (day === '2026-10-02') {
    // 陈志强 comes home for good after National Day, and confirms it.
    await send('陈志强', say('我回来了'));
    await send('陈志强', press('home:yes:2026-10-02'));
  }
  for (const p of DUES_PAID) if (day === p.on) await send(p.by, say(`/dues ${ids[p.who]} 已交 ${p.months} ${p.on}`));
  if (day === '2026-12-05') {
    for (const b of ['menu:selfEvaluation', 'se:rate:good']) await send('张建国', press(b));
    await send('张建国', say('在东莞按时参加流入地支部的组织生活'));
    await send('李联络员', say(`/opinion ${ids.zhang} 每月按时报到，联系紧密`));
    await send('流入地联络员', say(`/opinion ${ids.zhang} 在流入地支部表现积极`));
  }
  if (day === '2026-12-20') {
    await send('王书记', say(`/evalresult ${ids.zhang} 优秀 两地评价都好`));
    await send('流入地联络员', say(`/example ${ids.zhang} 帮助工友讨回欠薪`));
  }
  if (day === '2026-12-21') {
    // The secretary announces it to the branch from the list of the year's 先进.
    const list = await send('王书记', say('/examples'));
    const announce = payloadsOf(list).find((p) => p.startsWith('example:announce:'));
    await send('王书记', press(announce!));
  }
}

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-01-01T00:00:00Z'), env: { SPRING_FESTIVAL_DATE: SPRING_FESTIVAL, OUTBOX_TEXT_RETENTION_DAYS: '365' } });
  const db = h.database.db;
  ids = { zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId, inflowLiaison: 0, helper: 0 };
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  const branch = await orgId('幸福村党支部');
  const now = h.clock.now();
  for (const [key, name, role, org] of [['inflowLiaison', '流入地联络员', 'liaison', await orgId('东莞市长安镇流动党员党支部')], ['helper', '帮扶人', 'helper', branch]] as const) {
    const [p] = await db.insert(persons).values({ name }).returning({ id: persons.id });
    ids[key] = p!.id;
    await db.insert(staffRoles).values({ personId: p!.id, role, orgId: org });
    await db.insert(identities).values({ platform: 'terminal', externalUserId: as(name), chatId: as(name), personId: p!.id, linkedAt: now, lastSeenAt: now });
  }
  await db.insert(helperAssignments).values({ memberId: ids.liu, helperId: ids.helper });
  await db.insert(duesAmounts).values([ids.zhang, ids.liu, ids.chen].map((memberId, i) => ({ memberId, monthlyFen: [2000, 1000, 1500][i]!, fromMonth: '2026-01', setAt: now })));
  await db.insert(studyItems).values({ orgId: branch, category: 'policy_law', title: '劳动合同法要点', publishOn: '2026-01-05', createdAt: now });
  const job = scheduledJobs(h.config, h.bot.engine).find((j) => j.name === 'member-prompts')!;
  for (let t = Date.parse('2026-01-01T07:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 86_400_000) {
    h.clock.current = new Date(t);
    await script(new Date(t).toISOString().slice(0, 10));
    await db.transaction((tx) => job.run(tx, h.clock.now()));
  }
}, 900_000);
afterAll(async () => h?.close());

const membershipPrompts = (personId: number, keyPrefix: string) => h.database.db.select().from(outboxMessages)
  .where(and(eq(outboxMessages.personId, personId), eq(outboxMessages.purpose, 'membership'), like(outboxMessages.idempotencyKey, `${keyPrefix}%`)));

describe('a simulated year (2026) of membership at a distance', () => {
  it('asked about the Spring Festival once, only the members away it can reach', async () => {
    const asked = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'holiday:%'));
    expect(asked.map((r) => r.personId).sort()).toEqual([ids.zhang, ids.chen].sort());
  });

  it('gave the liaison a home visit when 张建国 came home, closed by the visit, and the make-up session cleared his list', async () => {
    const [task] = await h.database.db.select().from(homeVisitTasks).where(eq(homeVisitTasks.memberId, ids.zhang));
    expect([task!.source, task!.homeOn, task!.dueOn]).toEqual(['answer', '2026-02-03', '2026-02-10']);
    const visits = (await send('王书记', say('/visits'))).text;
    expect(visits).not.toContain('张建国');
  });

  it('reminded each member behind on dues at most once a month, in the months the script leaves them behind', async () => {
    for (const who of ['zhang', 'liu', 'chen'] as const) {
      const months = (await membershipPrompts(ids[who], 'dues:')).map((r) => r.idempotencyKey.split(':')[1]).sort();
      expect(months, who).toEqual(expectedDuesReminderMonths(who));
    }
  });

  it('made 陈志强 a returned member on his own confirmed word, with a home visit for his liaison', async () => {
    const [chen] = await h.database.db.select().from(members).where(eq(members.personId, ids.chen));
    expect(chen!.status).toBe('returned');
    const tasks = await h.database.db.select().from(homeVisitTasks).where(eq(homeVisitTasks.memberId, ids.chen));
    expect(tasks.map((t) => [t.source, t.homeOn])).toEqual([['said', '2026-10-02']]);
    expect((await send('王书记', say('/visits'))).text).toContain('陈志强');
  });

  it('counts the year in /stats: the 先进, and the laid-off member signed up, trained and working again', async () => {
    const stats = (await send('王书记', say('/stats'))).text;
    expect(stats).toContain('本年先进 1 人。');
    expect(stats).toContain('下岗失业党员 1 人：本年报名 1 人，参加培训 1 人，正在培训 0 人，实现再就业 1 人。');
    expect(stats).toContain('开放中的培训和岗位 0 个');
  });

  it('pushed the course to the laid-off member only, and counted her trained and re-employed', async () => {
    // Each course once, to her only: the first suits her occupation, the second the training she asked for.
    const suits = COURSES.filter((c) => c.skills.includes(LIU.occupation) || c.skills.some((k) => LIU.wishes.includes(k)));
    expect((await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'job:%'))).map((r) => r.personId)).toEqual(suits.map(() => ids.liu));
    expect((await send('王书记', say('/jobstats 2026年'))).text).toContain('现有下岗失业党员 1 人；报名 1 人，参加培训 1 人，实现再就业 1 人');
  });

  it('asked for the self-evaluation in December only, and recorded the whole evaluation of 张建国', async () => {
    const asked = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'evaluation:self:%'));
    expect(asked.map((r) => r.idempotencyKey).sort()).toEqual([ids.zhang, ids.liu, ids.chen].map((id) => `evaluation:self:2026:${id}`).sort());
    for (const r of asked) expect(localDate(r.createdAt, 'Asia/Shanghai').month).toBe(12);
    const [e] = await h.database.db.select().from(evaluations).where(eq(evaluations.memberId, ids.zhang));
    expect([e!.selfRating, e!.homeOpinion, e!.inflowOpinion, e!.result]).toEqual(['good', '每月按时报到，联系紧密', '在流入地支部表现积极', 'excellent']);
    expect((await queuedFor(h.database, as('张建国'))).some((m) => m.text.includes('结果：优秀。理由：两地评价都好'))).toBe(true);
  });

  it('exports dues that add up to what the script paid, in both places, and the arrears it left', async () => {
    const reply = await send('王书记', say('/export 党费 2026年'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(reply.document!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('党费收缴')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    const rows = new Map<string, Record<string, unknown>>();
    for (let i = 3; i <= sheet.rowCount; i++) rows.set(String(sheet.getRow(i).getCell(1).value), Object.fromEntries(header.map((k, j) => [k, sheet.getRow(i).getCell(j + 1).value])));
    const fen = { zhang: 2000, liu: 1000, chen: 1500 };
    for (const [who, name] of [['zhang', '张建国'], ['liu', '刘秀英'], ['chen', '陈志强']] as const) {
      const paid = DUES_PAID.filter((p) => p.who === who).flatMap((p) => monthsOf(p.months));
      // On 31 December the months owed are January to November less those paid.
      const owed = monthsOf('2026-01..2026-11').filter((m) => !paid.includes(m)).length;
      expect(rows.get(name), name).toMatchObject({ '本年已交（元）': ((paid.length * fen[who]) / 100).toFixed(2), 欠缴月数: owed });
    }
    const byMonth = wb.getWorksheet('按月')!;
    // June: 张建国 at the inflow organisation and 刘秀英 at home.
    expect((byMonth.getRow(7).values as unknown[]).slice(1)).toEqual(['2026-06', 2, '30.00', 1, 1]);
  });

  it('never sent a member more prompts in any 7 days than the weekly cap, and queued every one for the off-peak hours', async () => {
    const memberIds = [ids.zhang, ids.liu, ids.chen];
    const rows = await h.database.db.select().from(outboxMessages)
      .where(and(inArray(outboxMessages.personId, memberIds), inArray(outboxMessages.purpose, ['reminder', 'followup', 'study', 'membership', 'broadcast'])));
    expect(rows.filter((r) => r.purpose === 'membership').length).toBeGreaterThan(20);
    for (const id of memberIds) {
      // When each was due to go out: a notice is queued at once for the slot its pacing chose, later.
      const due = rows.filter((r) => r.personId === id && r.status !== 'cancelled').map((r) => ({ at: Math.max(r.createdAt.getTime(), r.nextAttemptAt.getTime()), key: r.idempotencyKey })).sort((a, b) => a.at - b.at);
      for (const t of due) {
        const week = due.filter((x) => x.at >= t.at && x.at < t.at + 7 * 86_400_000);
        expect(week.length, week.map((x) => `${new Date(x.at).toISOString()} ${x.key}`).join(', ')).toBeLessThanOrEqual(h.config.WEEKLY_PROMPT_CAP);
      }
    }
    // The 先进 announcement went the broadcast way: paced like every prompt.
    expect(rows.filter((r) => r.purpose === 'broadcast').length).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.purpose === 'membership' || x.purpose === 'broadcast')) {
      const hour = localDate(r.nextAttemptAt, 'Asia/Shanghai').hour;
      expect(hour).toBeGreaterThanOrEqual(h.config.OFF_PEAK_START_HOUR);
      expect(hour).toBeLessThan(h.config.OFF_PEAK_END_HOUR);
    }
  });

  it('recorded the inflow organisation’s activities on 张建国’s 活动证: in the year summary, the evaluation export and the card', async () => {
    expect(await h.database.db.select().from(certificateActivities)).toHaveLength(ACTIVITIES.length);
    expect((await send('王书记', say(`/yearsummary ${ids.zhang} 2026年`))).text).toContain(`流入地活动（活动证）${ACTIVITIES.length} 次`);
    const reply = await send('王书记', say('/export 评议 2026年'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(reply.document!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    const col = header.indexOf('流入地活动') + 1;
    const counts = new Map<string, unknown>();
    for (let i = 3; i <= sheet.rowCount; i++) counts.set(String(sheet.getRow(i).getCell(1).value), sheet.getRow(i).getCell(col).value);
    expect([counts.get('张建国'), counts.get('刘秀英'), counts.get('陈志强')]).toEqual([ACTIVITIES.length, 0, 0]);
  });

  it('kept 刘秀英’s own 就业意向 and matched courses with it; her helper was told once', async () => {
    const [own] = await h.database.db.select().from(jobWishStatements).where(eq(jobWishStatements.memberId, ids.liu));
    expect([own!.work, own!.place, own!.training]).toEqual([[LIU.wishes[0]], 'local', [LIU.wishes[1]]]);
    const [liu] = await h.database.db.select().from(members).where(eq(members.personId, ids.liu));
    expect(liu!.jobWishes).toEqual(LIU.wishes);
    expect((await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, ids.helper), like(outboxMessages.idempotencyKey, 'job-wish:%'))))).toHaveLength(1);
    expect((await send('帮扶人', say(`/employment ${ids.liu}`))).text).toContain('想参加的培训：焊工');
  });

  it('announced the 先进 once to the branch, each member reachable getting it in their afternoon', async () => {
    const [rec] = await h.database.db.select().from(recognitions).where(eq(recognitions.memberId, ids.zhang));
    const [b] = await h.database.db.select().from(broadcasts).where(eq(broadcasts.id, rec!.announcedBroadcastId!));
    expect(b).toBeDefined();
    const notices = await h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, `notice:${b!.id}:%`));
    expect(notices.map((n) => n.personId).sort()).toEqual([ids.zhang, ids.liu, ids.chen].sort());
  });
});
