import ExcelJS from 'exceljs';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { duesAmounts, outboxMessages, persons, rosterImports } from '../../src/db/schema/index.js';
import { fieldOfHeader } from '../../src/roster/columns.js';
import type { FileFetcher } from '../../src/roster/chatImport.js';
import { parseDues } from '../../src/roster/values.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { incoming, lastQueued, press, say, startTestBot, type TestBot } from '../support/bot.js';
import { fixture } from '../fixtures/importHelpers.js';

/**
 * 月缴党费 from the 花名册: the column under the names secretaries give it, amounts as they write them, shown in the
 * preview, stored where the dues feature reads the expected amount, changed by a later roster without forgiving
 * months already owed, and exported so that export → import changes nothing.
 */
let h: TestBot;
let bot: ReturnType<typeof createBot>;
const files = new Map<string, Buffer>();
const fetcher: FileFetcher = { fetch: async (_p, ref) => ({ data: files.get(ref)!, name: ref }) };

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T06:00:00Z') });
  bot = createBot({ database: h.database, clock: h.clock, logger: createLogger('debug', h.logs), config: h.config, files: fetcher });
});
afterAll(() => h.close());

const chatOf = (name: string) => h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await bot.core.handle(incoming(chatOf(name), body));
  return lastQueued(h.database, chatOf(name));
}
const file = (ref: string, buf: Buffer) => { files.set(ref, buf); return { kind: 'file' as const, fileRef: ref }; };
const lastJob = async () => (await h.database.db.select().from(rosterImports).orderBy(sql`id desc`).limit(1))[0]!;
async function step(jobId: number, name: string): Promise<OutgoingMessage> {
  const rows = await h.database.db.select().from(outboxMessages)
    .where(and(eq(outboxMessages.chatId, chatOf('王书记')), like(outboxMessages.idempotencyKey, `roster:${jobId}:${name}%`))).orderBy(outboxMessages.id);
  return rows[rows.length - 1]!.payload as OutgoingMessage;
}
/** Sends a roster in chat as the secretary; the background job answers with the preview. */
async function previewInChat(ref: string, buf: Buffer): Promise<{ job: number; preview: string }> {
  await send('王书记', file(ref, buf));
  const job = await lastJob();
  await bot.rosterImports.drain();
  return { job: job.id, preview: (await step(job.id, 'preview')).text };
}
/** The same, then 确认导入: the preview and the summary. */
async function importInChat(ref: string, buf: Buffer): Promise<{ preview: string; done: string }> {
  const { job, preview } = await previewInChat(ref, buf);
  await send('王书记', press(`roster:apply:${job}`));
  await bot.rosterImports.drain();
  return { preview, done: (await step(job, 'done')).text };
}
async function amountOf(name: string) {
  const [row] = await h.database.db.select({ fen: duesAmounts.monthlyFen, from: duesAmounts.fromMonth }).from(duesAmounts)
    .innerJoin(persons, eq(persons.id, duesAmounts.memberId)).where(eq(persons.name, name));
  return row;
}

describe('月缴党费 in the roster', () => {
  it('knows the column by the names rosters give it, and reads amounts as they are written', () => {
    for (const h of ['党费', '月缴党费', '每月党费', '党费(元/月)', '月缴党费（元）', '每月应交党费', '党费缴纳标准（元）']) expect(fieldOfHeader(h), h).toBe('monthlyDues');
    const read = ['20', '20元', '20.50', '￥15', '¥ 15.5', '每月10元', '10元/月', '２０', '免交', '0'].map(parseDues);
    expect(read).toEqual([2000, 2000, 2050, 1500, 1550, 1000, 1000, 2000, 0, 0]);
    for (const bad of ['二十元', '20-30', '1%', '20.555', '-5', 'abc']) expect(parseDues(bad), bad).toBeUndefined();
  });

  it('is shown in the chat preview, refused cell by cell where unreadable, and stored for the dues ledger', async () => {
    const { preview, done } = await importInChat('21-dues.xlsx', fixture('21-dues.xlsx'));
    // Rows 3 to 12 under the title and the header; 二十元 and 20-30 are not amounts.
    expect(preview).toContain('将新增 8 人');
    expect(preview).toContain('有错误 2 行');
    expect(preview).toContain('第 10 行「党费(元/月)」：党费金额看不懂');
    expect(preview).toContain('第 11 行「党费(元/月)」：党费金额看不懂');
    // 20 + 20 + 20.50 + 15 + 10 + 12.50 + 0, the amounts of the seven rows that have one.
    expect(preview).toContain('月缴党费：7 人填了金额，每月合计 98.00 元');
    expect(done).toContain('月缴党费：7 人填了金额，每月合计 98.00 元');
    const expected: [string, number][] = [['党一', 2000], ['党二', 2000], ['党三', 2050], ['党四', 1500], ['党五', 1000], ['党六', 1250], ['党七', 0]];
    for (const [name, fen] of expected) expect(await amountOf(name), name).toEqual({ fen, from: '2026-11' });
    expect(await amountOf('党十')).toBeUndefined();
    expect(await amountOf('党八')).toBeUndefined();
  });

  it('a later roster changes an amount, old → new, and keeps the months already owed', async () => {
    h.clock.current = new Date('2027-01-10T06:00:00Z');
    // November and December are owed at 20.00 by 党一; the branch raises his dues to 25.
    expect((await send('王书记', say('欠缴党费'))).text).toContain('• 党一：2 个月（2026-11 起），40.00 元');
    const csv = '姓名,手机号码,月缴党费\n党一,13815150001,25元\n党二,13815150002,20\n刘秀英,13800138004,免交\n';
    const { preview } = await importInChat('raise.csv', Buffer.from(csv));
    expect(preview).toContain('将新增 0 人，更新 2 人，无变化 1 人');
    expect(preview).toContain('第 2 行 党一：月缴党费 20.00 → 25.00');
    expect(preview).toContain('第 4 行 刘秀英：月缴党费 （空） → 0.00');
    expect(await amountOf('党一')).toEqual({ fen: 2500, from: '2026-11' });
    expect(await amountOf('刘秀英')).toEqual({ fen: 0, from: '2027-01' });
    expect((await send('王书记', say('欠缴党费'))).text).toContain('• 党一：2 个月（2026-11 起），50.00 元');
  });

  it('is exported in the roster, and the export imported again changes nothing', async () => {
    const exported = await send('王书记', say('/export 花名册'));
    const buf = Buffer.from(exported.document!.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = header.indexOf('月缴党费（元）') + 1;
    expect(col).toBeGreaterThan(0);
    const byName = new Map<string, unknown>();
    for (let i = 2; i <= sheet.rowCount; i++) byName.set(String(sheet.getRow(i).getCell(header.indexOf('姓名') + 1).value), sheet.getRow(i).getCell(col).value);
    expect([byName.get('党一'), byName.get('党三'), byName.get('党七'), byName.get('党十')]).toEqual(['25.00', '20.50', '0.00', '']);
    const { preview } = await previewInChat('roster.xlsx', buf);
    expect(preview).toMatch(/将新增 0 人，更新 0 人，无变化 \d+ 人/);
    expect(preview).toContain('没有要写入的内容');
  });
});
