import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpRequests, identities, liaisonAssignments, organisations, persons, staffRoles } from '../../src/db/schema/index.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { runHelpEscalation } from '../../src/schedules/helpEscalation.js';
import { incoming, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Issue 13, "members' words must reach a person": a help request is read, listed and worked in chat, and
 * one nobody takes climbs the ladder (liaison → secretary → the organisation above), each rung once.
 * Driven through the terminal platform of the real core; what each person saw is read from the outbox.
 */
let h: TestBot;
const handle = (chatId: string, body: Parameters<typeof incoming>[1]) => h.bot.core.handle(incoming(chatId, body));
const chatOf = (name: string) => h.person(name).terminalUserId!;
const seenBy = (name: string) => queuedFor(h.database, chatOf(name));
const last = async (name: string) => (await seenBy(name)).at(-1)!;
const since = async (name: string, n: number) => (await seenBy(name)).slice(n);
/** Staff texts name people and requests; never a member's id (`#3`) or a region code (`440305`). */
const noIdsOrCodes = (ms: OutgoingMessage[]) => {
  for (const m of ms) {
    expect(m.text).not.toMatch(/#\d/);
    expect(m.text).not.toMatch(/\b\d{6}\b/);
  }
};

let adminChat = '';

async function askForHelp(member: string, category: string, words: string, urgency: 'urgent' | 'normal') {
  const chat = chatOf(member);
  for (const b of [press('menu:help'), press(`help:cat:${category}`), say(words), press('help:described'), press(`help:${urgency}`), press('help:submit')]) await handle(chat, b);
  const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.description, words));
  return request!;
}

beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T06:00:00Z') });
  // An organisation admin at the township above the demo branch, with a terminal account: the top rung.
  const db = h.database.db;
  const [township] = await db.select().from(organisations).where(eq(organisations.name, '城关镇党委'));
  const [admin] = await db.insert(persons).values({ name: '周镇长', timezone: 'Asia/Shanghai' }).returning();
  await db.insert(staffRoles).values({ personId: admin!.id, role: 'org_admin', orgId: township!.id });
  adminChat = `person-${admin!.id}`;
  await db.insert(identities).values({ platform: 'terminal', externalUserId: adminChat, chatId: adminChat, personId: admin!.id, linkedAt: h.clock.now(), lastSeenAt: h.clock.now() });
});
afterAll(() => h.close());

describe('a help request reaches a person with its words', () => {
  it('tells the liaison what was asked, with buttons, and the member who will call', async () => {
    const request = await askForHelp('刘秀英', 'wages', '老板欠了三个月工资，电话不接', 'urgent');
    const toMember = await last('刘秀英');
    expect(toMember.text).toContain(`求助编号 ${request.id}`);
    expect(toMember.text).toContain('联络员李联络员会尽快联系您');
    const notice = await last('李联络员');
    expect(notice.text).toContain('紧急求助');
    expect(notice.text).toContain('刘秀英');
    expect(notice.text).toContain('讨要工资');
    expect(notice.text).toContain('老板欠了三个月工资，电话不接');
    expect(payloadsOf(notice)).toEqual([`hr:take:${request.id}`, `hr:resolve:${request.id}`, `hr:note:${request.id}`, `hr:handover:${request.id}`]);
    noIdsOrCodes([notice]);
  });

  it('/hr lists the open requests in scope; /hr N shows one in full with the same buttons', async () => {
    const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, h.person('刘秀英').personId));
    h.clock.advance(3 * 3_600_000);
    await handle(chatOf('李联络员'), say('/hr'));
    const list = await last('李联络员');
    expect(list.text).toContain('待办的求助 1 个');
    expect(list.text).toMatch(new RegExp(`🔴 求助 ${request!.id} · 刘秀英 · 讨要工资 · 3 小时前 · 无人接办`));
    expect(list.text).toContain('老板欠了三个月工资');
    expect(payloadsOf(list)).toEqual(['show', 'take', 'note', 'handover', 'resolve'].map((v) => `hr:${v}:${request!.id}`));

    await handle(chatOf('李联络员'), say(`/hr ${request!.id}`));
    const detail = await last('李联络员');
    expect(detail.text).toContain('老板欠了三个月工资，电话不接');
    expect(detail.text).toContain('还没有人接办');
    expect(payloadsOf(detail)).toEqual([`hr:take:${request!.id}`, `hr:resolve:${request!.id}`, `hr:note:${request!.id}`, `hr:handover:${request!.id}`]);

    // The member's record is not everyone's: a member typing /hr is refused.
    await handle(chatOf('张建国'), say('/hr'));
    expect((await last('张建国')).text).not.toContain('老板');
    noIdsOrCodes([list, detail]);
  });

  it('a note is asked for by a button and written on the request; hand-over offers people by name', async () => {
    const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, h.person('刘秀英').personId));
    const id = request!.id;
    await handle(chatOf('李联络员'), press(`hr:take:${id}`));
    await handle(chatOf('李联络员'), press(`hr:note:${id}`));
    expect((await last('李联络员')).text).toContain(`请写给求助 ${id} 的备注`);
    await handle(chatOf('李联络员'), say('已联系劳动监察大队'));
    expect((await last('李联络员')).text).toContain(`已给求助 ${id} 加上备注`);
    await handle(chatOf('李联络员'), press(`hr:show:${id}`));
    const detail = await last('李联络员');
    expect(detail.text).toContain('由 李联络员 办理');
    expect(detail.text).toMatch(/李联络员（.*）：已联系劳动监察大队/);

    await handle(chatOf('李联络员'), press(`hr:handover:${id}`));
    const choices = await last('李联络员');
    expect(choices.buttons!.flat().map((b) => b.label)).toContain('王书记');
    const before = (await seenBy('王书记')).length;
    await handle(chatOf('李联络员'), press(`hr:to:${id}:${h.person('王书记').personId}`));
    expect((await last('李联络员')).text).toContain('已转交给 王书记');
    const [handed] = await since('王书记', before);
    expect(handed!.text).toContain('李联络员 把求助');
    expect(handed!.text).toContain('老板欠了三个月工资');
    expect(payloadsOf(handed!)).toContain(`hr:take:${id}`);
    noIdsOrCodes([choices, handed!]);
  });

  it('the caseload shows the numbers of open requests and a button to list them', async () => {
    await handle(chatOf('李联络员'), say('/caseload'));
    const caseload = await last('李联络员');
    const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, h.person('刘秀英').personId));
    expect(caseload.text).toContain(`🆘${request!.id}`);
    expect(payloadsOf(caseload)).toContain('hr:list');
  });
});

describe('the escalation ladder', () => {
  it('a member with no liaison: the secretary at once, and the member is told it is the secretary', async () => {
    await h.database.db.delete(liaisonAssignments).where(eq(liaisonAssignments.memberId, h.person('陈志强').personId));
    const before = (await seenBy('王书记')).length;
    const request = await askForHelp('陈志强', 'medical', '孩子发烧住院，押金不够', 'urgent');
    expect((await last('陈志强')).text).toContain('支部书记王书记会尽快联系您');
    expect((await last('陈志强')).text).not.toContain('联络员');
    const [notice] = await since('王书记', before);
    expect(notice!.text).toContain('没有联络员');
    expect(notice!.text).toContain('孩子发烧住院，押金不够');
    expect(payloadsOf(notice!)).toContain(`hr:take:${request.id}`);
    const [stored] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, request.id));
    expect(stored!.escalationLevel).toBe(1);
  });

  it('urgent and not taken: the secretary after URGENT_TAKE_HOURS, the admin above after as long again, each once', async () => {
    const request = await askForHelp('张建国', 'housing', '房东突然要收回房子', 'urgent');
    const secretaryBefore = (await seenBy('王书记')).length;
    const adminBefore = (await queuedFor(h.database, adminChat)).length;
    h.clock.advance(1 * 3_600_000);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    expect(await since('王书记', secretaryBefore)).toEqual([]);

    h.clock.advance(1 * 3_600_000);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    const toSecretary = await since('王书记', secretaryBefore);
    // The no-liaison request of 陈志强 went to the secretary at creation; now both are due one rung up.
    const aboutZhang = toSecretary.filter((m) => m.text.includes('房东突然要收回房子'));
    expect(aboutZhang).toHaveLength(1);
    expect(aboutZhang[0]!.text).toContain('2 小时没人接办');

    await handle(chatOf('王书记'), say(`/hr ${request.id}`));
    expect((await last('王书记')).text).toContain('已转支部书记');

    h.clock.advance(2 * 3_600_000);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    const toAdmin = (await queuedFor(h.database, adminChat)).slice(adminBefore).filter((m) => m.text.includes('房东突然要收回房子'));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.text).toContain('4 小时没人接办');
    const [stored] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, request.id));
    expect(stored!.escalationLevel).toBe(2);
    noIdsOrCodes([...aboutZhang, ...toAdmin]);
  });

  it('a request someone took does not climb; a normal one reaches the secretary after two days', async () => {
    const taken = await askForHelp('刘秀英', 'papers', '身份证丢了要补办', 'urgent');
    await handle(chatOf('李联络员'), press(`hr:take:${taken.id}`));
    const normal = await askForHelp('张建国', 'schooling', '孩子转学需要证明', 'normal');
    const before = (await seenBy('王书记')).length;
    h.clock.advance(47 * 3_600_000);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    expect((await since('王书记', before)).filter((m) => m.text.includes('孩子转学'))).toEqual([]);
    h.clock.advance(1 * 3_600_000);
    await runHelpEscalation(h.database.db, h.clock.now(), h.config);
    const seen = await since('王书记', before);
    expect(seen.filter((m) => m.text.includes('孩子转学需要证明'))).toHaveLength(1);
    expect(seen.filter((m) => m.text.includes('身份证丢了'))).toEqual([]);
    const [stored] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, normal.id));
    expect(stored!.escalationLevel).toBe(1);
  });
});
