import ExcelJS from 'exceljs';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { auditLog, outboxMessages, persons, rosterImports, staffRoles } from '../../src/db/schema/index.js';
import type { FileFetcher } from '../../src/roster/chatImport.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { RosterImportRunner } from '../../src/roster/jobs.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';
import { addOrg } from './fixture.js';
import { fixture } from '../fixtures/importHelpers.js';

let h: TestBot;
let bot: ReturnType<typeof createBot>;
const files = new Map<string, Buffer>();
const fetcher: FileFetcher = { fetch: async (_p, ref) => ({ data: files.get(ref)!, name: ref }) };

beforeAll(async () => {
  h = await startTestBot();
  bot = createBot({ database: h.database, clock: h.clock, logger: createLogger('debug', h.logs), config: h.config, files: fetcher });
});
afterAll(() => h.close());

const chatOf = (name: string) => h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1]) {
  await bot.core.handle(incoming(chatOf(name), body));
  return lastQueued(h.database, chatOf(name));
}
const file = (ref: string, buf: Buffer) => { files.set(ref, buf); return { kind: 'file' as const, fileRef: ref }; };
const jobOf = async (id: number) => (await h.database.db.select().from(rosterImports).where(eq(rosterImports.id, id)))[0]!;
const lastJob = async () => (await h.database.db.select().from(rosterImports).orderBy(sql`id desc`).limit(1))[0]!;
const byName = async (name: string) => h.database.db.select().from(persons).where(eq(persons.name, name));
async function messages(chat: string, keyPrefix: string): Promise<OutgoingMessage[]> {
  const rows = await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.chatId, chat), like(outboxMessages.idempotencyKey, `${keyPrefix}%`))).orderBy(outboxMessages.id);
  return rows.map((r) => r.payload as OutgoingMessage);
}

const ROSTER = '姓名,手机号码,工作单位\n聊天甲,13817170001,某厂\n刘秀英,13800138004,某纺织厂\n聊天乙,123,\n';
/** A roster of new people only, different each time. */
const fresh = (tag: string, n: number) => `姓名,手机号码\n${tag}甲,1382020${String(n).padStart(4, '0')}\n`;

describe('a roster sent in chat', () => {
  it('is previewed in the background, applied only after the button, with the errors sent back as a marked copy', async () => {
    const secretary = chatOf('王书记');
    expect((await send('王书记', file('a.csv', Buffer.from(ROSTER)))).text).toContain('收到花名册');
    const job = await lastJob();
    expect(job.state).toBe('queued');
    expect(await byName('聊天甲')).toEqual([]);

    await bot.rosterImports.drain();
    const [preview] = await messages(secretary, `roster:${job.id}:preview`);
    expect(preview!.text).toContain('将新增 1 人，更新 1 人，无变化 0 人；有错误 1 行，冲突 0 行');
    expect(preview!.text).toContain('第 3 行 刘秀英：工作单位 （空） → 某纺织厂');
    expect(preview!.text).toContain('第 4 行「手机号码」');
    expect(payloadsOf(preview!)).toEqual([`roster:apply:${job.id}`, `roster:cancel:${job.id}`]);
    expect(await byName('聊天甲')).toEqual([]);

    const [report] = await messages(secretary, `roster:${job.id}:report`);
    expect(report!.document).toMatchObject({ fileName: 'a-错误说明.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report!.document!.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('错误说明');
    expect(String(ws.getRow(4).getCell(4).value)).toContain('电话号码看不懂');
    expect((ws.getRow(4).getCell(2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    expect((await send('王书记', press(`roster:apply:${job.id}`))).text).toContain('开始导入');
    await bot.rosterImports.drain();
    const [done] = await messages(secretary, `roster:${job.id}:done`);
    expect(done!.text).toContain('花名册已导入（幸福村党支部）：新增 1 人，更新 1 人');
    expect(await byName('聊天甲')).toHaveLength(1);
    expect((await jobOf(job.id))).toMatchObject({ state: 'done', file: null });
    const audit = await h.database.db.select().from(auditLog).where(like(auditLog.action, 'roster.import.%'));
    expect(audit.map((a) => a.action)).toEqual(['roster.import.preview', 'roster.import.apply']);
    // A second press does nothing more.
    expect((await send('王书记', press(`roster:apply:${job.id}`))).text).toContain('已经处理过了');
  });

  it('members are answered while an import waits or runs', async () => {
    await send('王书记', file('b.csv', Buffer.from(fresh('并行', 1))));
    const member = chatOf('陈志强');
    const [answer] = await Promise.all([send('陈志强', say('/report')), bot.rosterImports.drain()]);
    expect(answer.text).not.toContain('抱歉');
    expect((await queuedFor(h.database, member)).length).toBeGreaterThan(0);
    expect((await lastJob()).state).toBe('previewed');
  });

  it('cancel forgets the file; only the sender can press; a liaison cannot import', async () => {
    await send('王书记', file('c.csv', Buffer.from(fresh('取消', 2))));
    const job = await lastJob();
    await bot.rosterImports.drain();
    expect((await send('李联络员', press(`roster:apply:${job.id}`))).text).toContain('已经处理过了');
    expect((await send('王书记', press(`roster:cancel:${job.id}`))).text).toContain('已取消');
    expect(await jobOf(job.id)).toMatchObject({ state: 'cancelled', file: null });
    expect((await send('李联络员', file('d.csv', Buffer.from(ROSTER)))).text).toContain('只有支部书记');
  });

});

describe('a roster sent in chat: refusals and the branch question', () => {
  it('a refused file is answered with what to do', async () => {
    await send('王书记', file('old.xls', fixture('12-old-excel.xls')));
    await bot.rosterImports.drain();
    const job = await lastJob();
    const [refused] = await messages(chatOf('王书记'), `roster:${job.id}:refused`);
    expect(refused!.text).toContain('另存为');
    expect(job).toMatchObject({ state: 'refused', file: null });
  });

  it('asks which branch when the secretary runs several', async () => {
    const [township] = await h.database.db.execute(sql`select id from organisations where name = '城关镇党委'`).then((r) => (Array.isArray(r) ? r : (r as { rows: { id: number }[] }).rows));
    const second = await addOrg(h.database.db, '和平村党支部', 'branch', (township as { id: number }).id);
    await h.database.db.insert(staffRoles).values({ personId: h.person('王书记').personId, role: 'secretary', orgId: second.id });
    const ask = await send('王书记', file('e.csv', Buffer.from('姓名,手机号码\n和平甲,13818180001\n')));
    const job = await lastJob();
    expect(ask.text).toContain('导入哪个支部');
    expect(payloadsOf(ask)).toEqual([
      expect.stringMatching(new RegExp(`^roster:branch:${job.id}:\\d+$`)), `roster:branch:${job.id}:${second.id}`, `roster:branch:${job.id}:0`, `roster:cancel:${job.id}`,
    ]);
    expect((await send('王书记', press(`roster:branch:${job.id}:${second.id}`))).text).toContain('收到花名册');
    await bot.rosterImports.drain();
    const [preview] = await messages(chatOf('王书记'), `roster:${job.id}:preview`);
    expect(preview!.text).toContain('（和平村党支部）');
    await h.database.db.delete(staffRoles).where(eq(staffRoles.orgId, second.id));
  });
});

describe('the import job', () => {
  const big = (n: number) => `姓名,手机号码\n${Array.from({ length: n }, (_, i) => `续${i},139${String(i).padStart(8, '0')}`).join('\n')}\n`;

  it('carries on after a restart from the last chunk written, and counts what the first run wrote', async () => {
    await send('王书记', file('big.csv', Buffer.from(big(1200))));
    const job = await lastJob();
    await bot.rosterImports.drain();
    await send('王书记', press(`roster:apply:${job.id}`));
    // The instance that took the job died after its first chunk (500 rows committed with rows_done = 500).
    const { applyRoster, readRoster } = await import('../../src/roster/importer.js');
    const { branchScope } = await import('../fixtures/importHelpers.js');
    const scope = await branchScope(h.database.db, '幸福村党支部', h.clock.now());
    await applyRoster(h.database.db, await readRoster(Buffer.from(big(500)), 'x.csv'), scope);
    await h.database.db.update(rosterImports).set({
      state: 'applying', rowsDone: 500, result: { created: 500, updated: 0 }, leaseOwner: 'dead', leaseUntil: new Date(h.clock.now().getTime() + 60_000),
    }).where(eq(rosterImports.id, job.id));
    const other = new RosterImportRunner({ database: h.database, clock: h.clock, logger: createLogger('silent'), files: fetcher });
    expect(await other.drain()).toBe(0);
    h.clock.advance(61_000);
    expect(await other.drain()).toBe(1);
    const [done] = await messages(chatOf('王书记'), `roster:${job.id}:done`);
    expect(done!.text).toContain('新增 1,200 人');
    expect((await h.database.db.execute(sql`select count(*)::int as n from persons where name like '续%'`).then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows)))[0]).toEqual({ n: 1200 });
  });

  it('runs once across instances', async () => {
    await send('王书记', file('once.csv', Buffer.from('姓名,手机号码\n一次甲,13819190001\n')));
    const job = await lastJob();
    const a = new RosterImportRunner({ database: h.database, clock: h.clock, logger: createLogger('silent'), files: fetcher });
    const b = new RosterImportRunner({ database: h.database, clock: h.clock, logger: createLogger('silent'), files: fetcher });
    const [na, nb] = await Promise.all([a.drain(), b.drain(), bot.rosterImports.drain()]);
    expect(na + nb).toBeLessThanOrEqual(1);
    expect(await messages(chatOf('王书记'), `roster:${job.id}:preview`)).toHaveLength(1);
    const previews = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'roster.import.preview'), eq(auditLog.targetId, String(job.id))));
    expect(previews).toHaveLength(1);
  });
});
