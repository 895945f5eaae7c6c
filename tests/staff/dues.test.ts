import ExcelJS from 'exceljs';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duesPayments, identities, organisations, outboxMessages, persons, staffRoles } from '../../src/db/schema/index.js';
import { localDate } from '../../src/bot/period.js';
import { runDuesReminders } from '../../src/schedules/dues.js';
import { incoming, lastQueued, payloadsOf, press, say, startTestBot, type TestBot } from '../support/bot.js';
import { columnOf } from '../support/xlsx.js';

/**
 * 党费 recorded where it is paid: amounts set by the home branch; months paid recorded at home or by the inflow
 * organisation for the member attached to it; a member's "我交了党费" confirmed by the secretary; arrears, the
 * monthly ledger and the export, against figures this test adds up itself; one reminder a month inside the cap.
 */
let h: TestBot;
let ids: Record<'zhang' | 'liu' | 'chen', number>;
const as = (name: string) => (name === '流入地联络员' ? 'inflow-liaison' : h.person(name).terminalUserId!);
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await h.bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}

/** What was paid, where, in fen: the expected ledger is computed from this list. */
const PAID: { who: 'zhang' | 'liu' | 'chen'; month: string; fen: number; at: 'home' | 'inflow' }[] = [
  { who: 'zhang', month: '2026-07', fen: 2000, at: 'inflow' }, { who: 'zhang', month: '2026-08', fen: 2000, at: 'inflow' },
  { who: 'zhang', month: '2026-09', fen: 2000, at: 'inflow' }, { who: 'liu', month: '2026-09', fen: 1000, at: 'home' },
  { who: 'liu', month: '2026-10', fen: 1000, at: 'home' }, { who: 'chen', month: '2026-10', fen: 1550, at: 'home' },
];

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-19T02:00:00Z') });
  ids = { zhang: h.person('张建国').personId, liu: h.person('刘秀英').personId, chen: h.person('陈志强').personId };
  const db = h.database.db;
  const [inflow] = await db.select().from(organisations).where(eq(organisations.name, '东莞市长安镇流动党员党支部'));
  const [p] = await db.insert(persons).values({ name: '流入地联络员' }).returning({ id: persons.id });
  await db.insert(staffRoles).values({ personId: p!.id, role: 'liaison', orgId: inflow!.id });
  const now = h.clock.now();
  await db.insert(identities).values({ platform: 'terminal', externalUserId: 'inflow-liaison', chatId: 'inflow-liaison', personId: p!.id, linkedAt: now, lastSeenAt: now });
});
afterAll(() => h?.close());

describe('dues recorded where they are paid', () => {
  it('the home branch sets amounts; the inflow organisation records months only for the member attached to it', async () => {
    expect((await send('王书记', say(`/dues ${ids.zhang} 金额 20 从 2026-07`))).text).toContain('20.00');
    await send('王书记', say(`/dues ${ids.liu} amount 10 from 2026-08`));
    await send('王书记', say(`/dues ${ids.chen} 金额 15.5 从 2026-10`));
    expect((await send('流入地联络员', say(`/dues ${ids.zhang} 金额 1`))).text).toBe((await send('流入地联络员', say('/dues 999999 金额 1'))).text);
    const inflow = await send('流入地联络员', say(`/dues ${ids.zhang} 已交 2026-07..2026-09 2026-10-05`));
    expect(inflow.text).toContain('3 个月，共 60.00 元');
    expect((await send('流入地联络员', say(`/dues ${ids.chen} 已交 2026-10`))).text).toBe((await send('流入地联络员', say('/dues 999999 已交 2026-10'))).text);
    await send('王书记', say(`/dues ${ids.liu} paid 2026-09,2026-10`));
    expect((await send('王书记', say(`/dues ${ids.liu} 已交 2026-13`))).text).toContain('/dues');
  });

  it('a member says which month is paid; nothing counts until the secretary confirms', async () => {
    const which = await send('陈志强', say('我交了党费'));
    expect(payloadsOf(which)).toEqual(['dues:claim:2026-10']);
    await send('陈志强', press('dues:claim:2026-10'));
    const [claimed] = await h.database.db.select().from(duesPayments).where(eq(duesPayments.memberId, ids.chen));
    expect(claimed!.state).toBe('claimed');
    // A month not owed cannot be claimed.
    expect((await send('陈志强', press('dues:claim:2026-12'))).text).toContain('这个按钮已经用过了');
    const toSecretary = await lastQueued(h.database, as('王书记'));
    expect(toSecretary.text).toContain('陈志强');
    expect(payloadsOf(toSecretary)).toEqual([`dues:confirm:${claimed!.id}`]);
    await send('王书记', press(`dues:confirm:${claimed!.id}`));
    const [confirmed] = await h.database.db.select().from(duesPayments).where(eq(duesPayments.memberId, ids.chen));
    expect([confirmed!.state, confirmed!.amountFen]).toEqual(['confirmed', 1550]);
    expect((await send('陈志强', say('我交了党费'))).text).toContain('没有待交');
  });

  it('the secretary sees arrears and the monthly ledger, both places counted', async () => {
    const arrears = (await send('王书记', say('欠缴党费'))).text;
    // Owed up to October (November is not over): 张建国 October, 刘秀英 August.
    expect(arrears).toContain('欠缴党费 2 人，共 30.00 元');
    expect(arrears).toContain('• 张建国：1 个月（2026-10 起），20.00 元');
    expect(arrears).toContain('• 刘秀英：1 个月（2026-08 起），10.00 元');
    const text = (await send('王书记', say('党费收缴'))).text;
    for (const month of [...new Set(PAID.map((p) => p.month))]) {
      const paid = PAID.filter((p) => p.month === month);
      const fen = paid.reduce((a, p) => a + p.fen, 0);
      const home = paid.filter((p) => p.at === 'home').length;
      expect(text).toContain(`• ${month}：${paid.length} 人 ${(fen / 100).toFixed(2)} 元（本支部 ${home}，流入地 ${paid.length - home}）`);
    }
  });

  it('exports the ledger, a row per member and a sheet by month', async () => {
    const reply = await send('王书记', say('/export 党费'));
    expect(reply.document?.fileName).toBe('党费收缴-幸福村党支部-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(reply.document!.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('党费收缴')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    const row = (name: string) => {
      for (let i = 3; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === name) return Object.fromEntries(header.map((k, j) => [k, sheet.getRow(i).getCell(j + 1).value]));
      return undefined;
    };
    expect(row('张建国')).toMatchObject({ '月缴纳额（元）': '20.00', '7月': '20.00', '9月': '20.00', '10月': '', '本年已交（元）': '60.00', 欠缴月数: 1 });
    expect(row('陈志强')).toMatchObject({ '月缴纳额（元）': '15.50', '10月': '15.50', 欠缴月数: 0 });
    expect(row('赵小红')).toBeUndefined();
    const byMonth = wb.getWorksheet('按月')!;
    const september = (byMonth.getRow(10).values as unknown[]).slice(1);
    expect(september).toEqual(['2026-09', 2, '30.00', 1, 1]);
    // Each recording is a line on the member's tracking card.
    const cards = await send('王书记', say(`/export 登记卡 ${ids.zhang}`));
    expect(await columnOf(Buffer.from(cards.document!.base64, 'base64'), '跟踪管理卡', 4, 3)).toContain('党费已交 3 个月：2026-07、2026-08、2026-09（东莞市长安镇流动党员党支部 收缴）');
  });
});

describe('the dues reminder', () => {
  const reminders = () => h.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'dues:2026-%'));
  const run = () => h.database.db.transaction((tx) => runDuesReminders(tx, h.clock.now(), h.config));

  it('comes late in the month, once a month, privately, off-peak, and waits for a member at the weekly cap', async () => {
    expect(await run()).toEqual({ queued: 0, held: 0 });
    h.clock.current = new Date('2026-11-21T02:00:00Z');
    const now = h.clock.now();
    await h.database.db.insert(outboxMessages).values(Array.from({ length: h.config.WEEKLY_PROMPT_CAP }, (_, i) => ({
      idempotencyKey: `test:cap:${i}`, platform: 'terminal', chatId: as('刘秀英'), personId: ids.liu, purpose: 'reminder', payload: {}, status: 'sent' as const, nextAttemptAt: now, createdAt: now,
    })));
    expect(await run()).toEqual({ queued: 1, held: 1 });
    expect(await run()).toEqual({ queued: 0, held: 1 });
    // At a cap of one, one reminded this month already is not counted as held.
    expect(await h.database.db.transaction((tx) => runDuesReminders(tx, h.clock.now(), { ...h.config, WEEKLY_PROMPT_CAP: 1 }))).toEqual({ queued: 0, held: 1 });
    const [r] = await reminders();
    expect([r!.personId, r!.purpose, r!.chatKind]).toEqual([ids.zhang, 'membership', 'private']);
    expect(localDate(r!.nextAttemptAt, 'Asia/Shanghai').hour).toBe(h.config.OFF_PEAK_START_HOUR);
    expect((r!.payload as { text: string }).text).toContain('1 个月的党费未交（2026-10 起，共 20.00 元）');
    expect(payloadsOf(r!.payload as never)).toEqual(['menu:paiddues']);
    // December: one more for each still behind (刘秀英's cap has room again; November now owed by all three).
    h.clock.current = new Date('2026-12-21T02:00:00Z');
    expect(await run()).toEqual({ queued: 3, held: 0 });
    expect((await reminders()).map((x) => x.idempotencyKey.split(':')[1]).sort()).toEqual(['2026-11', '2026-12', '2026-12', '2026-12']);
  });

  it('a claim from a member attached to an inflow organisation may be confirmed there: the first to confirm counts', async () => {
    // 张建国 pays at 东莞; both his secretary and the inflow organisation get the button.
    await send('张建国', say('我交了党费'));
    await send('张建国', press('dues:claim:2026-11'));
    const [claim] = await h.database.db.select().from(duesPayments).where(and(eq(duesPayments.memberId, ids.zhang), eq(duesPayments.month, '2026-11')));
    const toInflow = await lastQueued(h.database, as('流入地联络员'));
    expect(toInflow.text).toContain('张建国 说已交 2026-11 的党费');
    expect(payloadsOf(toInflow)).toEqual([`dues:confirm:${claim!.id}`]);
    expect(payloadsOf(await lastQueued(h.database, as('王书记')))).toEqual([`dues:confirm:${claim!.id}`]);
    expect((await send('流入地联络员', press(`dues:confirm:${claim!.id}`))).text).toContain('张建国');
    const [paid] = await h.database.db.select().from(duesPayments).where(eq(duesPayments.id, claim!.id));
    const [inflow] = await h.database.db.select().from(organisations).where(eq(organisations.name, '东莞市长安镇流动党员党支部'));
    expect([paid!.state, paid!.paidAtOrgId, paid!.amountFen]).toEqual(['confirmed', inflow!.id, 2000]);
    expect((await send('王书记', press(`dues:confirm:${claim!.id}`))).text).toContain('2026-11');
  });
});
