import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities, members, organisations, staffRoles } from '../../src/db/schema/index.js';
import { t } from '../../src/bot/i18n/index.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { addOrg, addPerson } from './fixture.js';
import { incoming, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Staff name organisations as people do, by their full name, wherever a command took an organisation's
 * number: only organisations in the person's scope are found (a name elsewhere is a name nobody has), two in
 * scope with one name are asked to be told apart by number, and numbers still work as before.
 */
let h: TestBot;
let branch: number;
let otherBranch: number;
let first: number;
const adminChat = 'county-admin';

beforeAll(async () => {
  h = await startTestBot();
  const db = h.database.db;
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  branch = await orgId('幸福村党支部');
  const county = await orgId('示范县委组织部');
  const township = await orgId('城关镇党委');
  // Two branches called 第一党支部 in the county; the county admin has both in scope, 王书记 neither.
  first = (await addOrg(db, '第一党支部', 'branch', township)).id;
  await addOrg(db, '第一党支部', 'branch', township);
  // A member there, so the county's figures are not the branch's.
  await db.insert(members).values({ personId: await addPerson(db, '第一支部党员'), homeOrgId: first, status: 'mobile' });
  // Another county with its own 幸福村党支部 and 别村党支部, out of everyone's scope here.
  const other = await addOrg(db, '别县委组织部', 'county', null);
  await addOrg(db, '幸福村党支部', 'branch', other.id);
  otherBranch = (await addOrg(db, '别村党支部', 'branch', other.id)).id;
  await db.insert(members).values({ personId: await addPerson(db, '别村党员'), homeOrgId: otherBranch, status: 'mobile' });
  const admin = await addPerson(db, '县管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: county });
  await db.insert(identities).values({ platform: 'terminal', externalUserId: adminChat, chatId: adminChat, personId: admin, linkedAt: h.clock.now(), lastSeenAt: h.clock.now() });
});
afterAll(() => h.close());

const chatOf = (name: string) => (name === '县管理员' ? adminChat : h.person(name).terminalUserId!);
/** Everything the bot answered to one message, in order. */
async function turn(name: string, text: string): Promise<OutgoingMessage[]> {
  const before = (await queuedFor(h.database, chatOf(name))).length;
  await h.bot.core.handle(incoming(chatOf(name), say(text)));
  return (await queuedFor(h.database, chatOf(name))).slice(before);
}
const texts = async (name: string, text: string) => (await turn(name, text)).map((m) => m.text);
const nobody = (word: string) => [t('zh-CN', 'staff-no-such-org', { word })];

describe('organisations by name', () => {
  it('/stats: the name in scope is the organisation; a namesake outside scope does not make it ambiguous', async () => {
    // The county admin's own figures (the default) count the county's five members; the branch has four.
    const byName = await texts('县管理员', '/stats 幸福村党支部');
    expect(byName).toEqual(await texts('县管理员', `/stats ${branch}`));
    expect(byName[0]).toContain('党员 4 人');
    expect((await texts('县管理员', '/stats'))[0]).toContain('党员 5 人');
    expect(await texts('王书记', '/stats 幸福村党支部')).toEqual(await texts('王书记', `/stats ${branch}`));
  });

  it('a name only outside scope gets the answer of a name nobody has; its number still gets the scope answer', async () => {
    expect(await texts('王书记', '/stats 别村党支部')).toEqual(nobody('别村党支部'));
    expect(await texts('王书记', '/stats 没有这个支部')).toEqual(nobody('没有这个支部'));
    expect(await texts('王书记', `/stats ${otherBranch}`)).toEqual([t('zh-CN', 'staff-org-out-of-scope')]);
    expect(await texts('王书记', '/visits 别村党支部')).toEqual(nobody('别村党支部'));
    expect(await texts('王书记', '/jobstats 2026年 别村党支部')).toEqual(nobody('别村党支部'));
  });

  it('two organisations in scope with the name are asked apart by number', async () => {
    expect(await texts('县管理员', '/stats 第一党支部')).toEqual([t('zh-CN', 'staff-org-ambiguous', { name: '第一党支部' })]);
    expect((await texts('县管理员', `/stats ${first}`))[0]).toContain('统计');
    // 王书记 runs neither: to him the name is nobody's, not ambiguous.
    expect(await texts('王书记', '/arrears 第一党支部')).toEqual(nobody('第一党支部'));
  });

  it('/audience and /broadcast take org= by name, and refuse a name outside scope before anything is sent', async () => {
    const count = await texts('县管理员', '/audience 流动 org=幸福村党支部');
    expect(count).toEqual([t('zh-CN', 'staff-audience-count', { members: 3, reachable: 2 })]);
    expect(count).toEqual(await texts('县管理员', `/audience 流动 org=${branch}`));
    expect(await texts('县管理员', '/audience 流动 org=别村党支部')).toEqual(nobody('别村党支部'));
    const [preview] = await texts('王书记', '/broadcast 组织=幸福村党支部 流动 | 周六开会');
    expect(preview).toContain('将发给 3 位党员（其中 2 位能收到机器人消息）');
    expect(preview).toContain('周六开会');
    await turn('王书记', '/cancel');
    expect(await texts('王书记', '/broadcast org=别村党支部 流动 | 周六开会')).toEqual(nobody('别村党支部'));
  });

  it('/export takes the organisation after the kind by name; a card is still a member by name', async () => {
    const [roster] = await turn('县管理员', '/export 花名册 幸福村党支部');
    expect(roster!.text).toContain('幸福村党支部 花名册');
    expect(roster!.document?.fileName).toContain('花名册-幸福村党支部');
    expect(await texts('王书记', '/export 统计 别村党支部')).toEqual(nobody('别村党支部'));
    const [cards] = await turn('王书记', '/export 登记卡 张建国');
    expect(cards!.document?.fileName).toContain('一档双卡-张建国');
  });

  it('the year commands take the organisation by name, the year word anywhere', async () => {
    // The county admin's default is the county: an answer about the branch shows the name was taken.
    for (const [byName, byNumber] of [
      ['/evaluations 幸福村党支部 2026年', `/evaluations 2026年 ${branch}`],
      ['/ledger 2026年 幸福村党支部', `/ledger ${branch}`],
      ['/homecoming 幸福村党支部', `/homecoming ${branch}`],
      ['/visits 幸福村党支部', `/visits ${branch}`],
      ['/arrears 幸福村党支部', `/arrears ${branch}`],
      ['/evalmonth 12 幸福村党支部', `/evalmonth 12 ${branch}`],
    ]) {
      const answer = await texts('县管理员', byName!);
      expect(answer[0]).toMatch(/^幸福村党支部/);
      expect(answer).toEqual(await texts('县管理员', byNumber!));
    }
    expect((await texts('县管理员', '/homecoming'))[0]).toMatch(/^示范县委组织部/);
    expect((await texts('县管理员', '/jobstats 幸福村党支部 2026年'))).toEqual(await texts('县管理员', `/jobstats ${branch} 2026年`));
    const [holiday] = await texts('县管理员', '/holiday 2027-10-01 国庆节 幸福村党支部');
    expect(holiday).toContain('国庆节');
    const [offer] = await texts('县管理员', '/offer 幸福村党支部 培训 | 电工培训班 | 县职业技术学校 | 2026-12-01');
    expect(offer).toContain('电工培训班');
    expect(await texts('王书记', '/offer 别村党支部 培训 | 电工培训班 | 县职业技术学校 | 2026-12-01')).toEqual(nobody('别村党支部'));
  });
});
