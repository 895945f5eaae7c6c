import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { certificates, helpRequests, identities, members, persons, trackingEntries } from '../../src/db/schema/index.js';
import { exportMemberCards } from '../../src/roster/cards.js';
import { exportBulkInvites } from '../../src/roster/invites.js';
import type { FileFetcher } from '../../src/roster/chatImport.js';
import { hashCode } from '../../src/bot/invites.js';
import { inviteCodes } from '../../src/db/schema/index.js';
import { incoming, lastQueued, payloadsOf, press, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
let files: Map<string, Buffer>;
let staffBot: ReturnType<typeof createBot>;
const NOTE = '在家，身体好，孩子上学的事已问过学校';

beforeAll(async () => {
  h = await startTestBot();
  files = new Map();
  const fetcher: FileFetcher = { fetch: async (_p, ref) => ({ data: files.get(ref)!, name: ref }) };
  staffBot = createBot({ database: h.database, clock: h.clock, logger: createLogger('debug', h.logs), config: h.config, files: fetcher });
});
afterAll(() => h.close());

const as = (name: string) => h.person(name).terminalUserId!;
async function send(name: string, body: Parameters<typeof incoming>[1], bot = h.bot) {
  await bot.core.handle(incoming(as(name), body));
  return lastQueued(h.database, as(name));
}

describe('liaison and secretary work through the chat', () => {
  it('a logged visit goes on the tracking card with its note and brings a lost member back', async () => {
    const chen = h.person('陈志强').personId;
    await h.database.db.update(members).set({ status: 'lost_contact', lostContactSince: h.clock.now() }).where(eq(members.personId, chen));
    const answer = await send('李联络员', say(`/log ${chen} 走访 ${NOTE}`));
    expect(answer.text).toContain('陈志强');
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, chen));
    expect(m!.status).toBe('mobile');
    const entries = await h.database.db.select().from(trackingEntries).where(eq(trackingEntries.memberId, chen));
    expect(entries.find((e) => e.kind === 'visit')?.note).toBe(NOTE);
    expect(entries.some((e) => e.kind === 'status_change' && (e.details as { found?: boolean }).found)).toBe(true);
  });

  it('help request: take, note, resolve; the member is asked and can reopen', async () => {
    const liu = h.person('刘秀英').personId;
    const now = h.clock.now();
    const [r] = await h.database.db.insert(helpRequests).values({ memberId: liu, category: 'wages', description: '工资拖欠三个月', createdAt: now, updatedAt: now }).returning();
    const taken = await send('李联络员', press(`hr:take:${r!.id}`));
    expect(payloadsOf(taken)).toContain(`hr:resolve:${r!.id}`);
    await send('李联络员', say(`/hr ${r!.id} note 已联系劳动监察大队`));
    await send('李联络员', press(`hr:resolve:${r!.id}`));
    const toMember = await lastQueued(h.database, as('刘秀英'));
    expect(payloadsOf(toMember)).toEqual([`hr:confirm:${r!.id}`, `hr:reopen:${r!.id}`]);
    await send('刘秀英', press(`hr:reopen:${r!.id}`));
    const [after] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, r!.id));
    expect(after!.status).toBe('reopened');
    // Hand it to the secretary (who can see the member); not to a person outside scope.
    const handed = await send('李联络员', say(`/hr ${r!.id} handover ${h.person('王书记').personId}`));
    expect(handed.text).toContain(String(r!.id));
    const [now2] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, r!.id));
    expect(now2!.assigneeId).toBe(h.person('王书记').personId);
    expect(payloadsOf(await lastQueued(h.database, as('王书记')))).toContain(`hr:take:${r!.id}`);
  });

  it('caseload shows what is still to do, with buttons to log a call', async () => {
    const answer = await send('李联络员', say('/caseload'));
    expect(answer.text).toMatch(/共 4 人/);
    expect(payloadsOf(answer).some((p) => p.startsWith('contact:call:'))).toBe(true);
  });

  it('assigns a helper, shows liaison load, registers departure, certificate and return', async () => {
    const zhao = h.person('赵小红').personId;
    const liaison = h.person('李联络员').personId;
    expect((await send('王书记', say(`/assign ${zhao} 帮扶人 ${liaison}`))).text).toBe('已安排：赵小红 的帮扶人是 李联络员。');
    expect((await send('王书记', say('/load'))).text).toContain('李联络员');
    await send('王书记', say(`/depart ${zhao} 2026-11-01 浙江省杭州市 某饭店 餐饮服务`));
    await send('王书记', say(`/cert ${zhao} LD2026-001 2026-11-01 2027-04-30`));
    await send('王书记', say(`/cert ${zhao} 交接 2026-11-05`));
    await send('王书记', say(`/return ${zhao} 2026-11-09`));
    const [cert] = await h.database.db.select().from(certificates).where(eq(certificates.memberId, zhao));
    expect(cert).toMatchObject({ state: 'checked', handedOverOn: '2026-11-05', checkedOn: '2026-11-09' });
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, zhao));
    expect(m!.status).toBe('returned');
  });

  it('suggests a temporary branch where three full members share a destination without one', async () => {
    expect((await send('王书记', say('/tempbranch'))).text).toContain('没有需要');
    const branchId = (await h.database.db.select({ o: members.homeOrgId }).from(members).limit(1))[0]!.o;
    for (const name of ['苏州甲', '苏州乙', '苏州丙', '苏州丁']) {
      const [p] = await h.database.db.insert(persons).values({ name }).returning({ id: persons.id });
      await h.database.db.insert(members).values({ personId: p!.id, homeOrgId: branchId, status: 'mobile', destinationRegionCode: '320500', probationary: name === '苏州丁' });
    }
    const answer = await send('王书记', say('/tempbranch'));
    expect(answer.text).toContain('苏州市 有 3 名正式党员');
  });

  it('counts the audience before a broadcast', async () => {
    const answer = await send('王书记', say('/audience 流动'));
    const mobile = (await h.database.db.select().from(members).where(eq(members.status, 'mobile'))).length;
    expect(answer.text).toContain(`共 ${mobile} 名党员`);
    expect((await send('王书记', say('/audience 流动 职业=快递员'))).text).toContain('共 1 名党员');
  });

  it('imports a roster sent as a file, within the sender\'s branch only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '性别', '手机号码', '所在支部', '职业']);
    ws.addRow(['新成员甲', '男', '13900000001', '幸福村党支部', '建筑工人']);
    ws.addRow(['新成员乙', '女', '139', '幸福村党支部', '']);
    files.set('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    await send('王书记', { kind: 'file', fileRef: 'roster.xlsx' }, staffBot);
    // The import runs as a background job: a preview first, written after the confirm button.
    await staffBot.rosterImports.drain();
    const preview = await lastQueued(h.database, as('王书记'));
    expect(preview.text).toContain('新增 1 人');
    expect(preview.text).toContain('第 3 行「手机号码」');
    await send('王书记', press(payloadsOf(preview)[0]!), staffBot);
    await staffBot.rosterImports.drain();
    expect((await lastQueued(h.database, as('王书记'))).text).toContain('新增 1 人');
    const refused = await send('李联络员', { kind: 'file', fileRef: 'roster.xlsx' }, staffBot);
    expect(refused.text).toContain('只有支部书记');
  });

  it('exports the two cards and bulk invite codes', async () => {
    const chen = h.person('陈志强').personId;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportMemberCards(h.database.db, chen)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['登记卡', '跟踪管理卡']);
    const tracking = wb.getWorksheet('跟踪管理卡')!.getSheetValues().flat().map(String);
    expect(tracking).toContain(NOTE);
    expect(tracking).toContain('走访');
    const { file, count, memberIds } = await exportBulkInvites(h.database.db, '/', h.person('王书记').personId, h.clock.now(), 14);
    const linked = (await h.database.db.select({ id: identities.personId }).from(identities)).map((i) => i.id);
    expect(memberIds.some((m) => linked.includes(m))).toBe(false);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(file as unknown as ArrayBuffer);
    const codes = sheet.worksheets[0]!.getColumn(4).values.slice(2).map(String);
    expect(codes).toHaveLength(count);
    const [stored] = await h.database.db.select().from(inviteCodes).where(eq(inviteCodes.codeHash, hashCode(codes[0]!)));
    expect(stored).toBeDefined();
  });

  it('logs carry ids only: no names, phone numbers, notes or places', async () => {
    const people = await h.database.db.select({ name: persons.name, phone: persons.phone }).from(persons);
    for (const p of people) {
      expect(h.logs.text).not.toContain(p.name);
      if (p.phone) expect(h.logs.text).not.toContain(p.phone);
    }
    for (const secret of [NOTE, '已联系劳动监察大队', '浙江省杭州市', '13900000001']) expect(h.logs.text).not.toContain(secret);
    expect(h.logs.lines.length).toBeGreaterThan(5);
  });
});
