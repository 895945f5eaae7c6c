import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { locationRecords, members, outboxMessages, orgChats, studyItems, studyReads, trackingEntries } from '../../src/db/schema/index.js';
import { runLiaisonDuties, runLostContact, runProbationNotices, runThoughtReminders } from '../../src/schedules/duties.js';
import { runHousekeeping } from '../../src/schedules/housekeeping.js';
import { runMakeUpList, runStudyPush } from '../../src/schedules/study.js';
import { deliveryByKeyPrefix } from '../../src/outbox/delivery.js';
import { incoming, lastQueued, press, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
let branchId: number;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-12-01T04:00:00Z') });
  const [m] = await h.database.db.select({ org: members.homeOrgId }).from(members).where(eq(members.personId, h.person('张建国').personId));
  branchId = m!.org;
});
afterAll(async () => h?.close());

const digestsTo = async (name: string, prefix: string) =>
  h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, h.person(name).personId), like(outboxMessages.idempotencyKey, `${prefix}%`)));

describe('a simulated quarter', () => {
  it('pushes study material to the members it targets and the bound group, records reads, and lists make-up lessons', async () => {
    // The secretary binds the branch group.
    await h.bot.core.handle(incoming('group-xf', say('/bind'), { chatKind: 'group', userId: h.person('王书记').terminalUserId! }));
    expect(await h.database.db.select().from(orgChats)).toHaveLength(1);

    const [item] = await h.database.db.insert(studyItems).values({
      orgId: branchId, category: 'practical_skills', title: '快递安全操作', body: '第一课', targetOccupations: ['快递员'], publishOn: '2026-12-01', createdAt: h.clock.now(),
    }).returning();
    const [forAll] = await h.database.db.insert(studyItems).values({
      orgId: branchId, category: 'policy_law', title: '劳动合同法要点', targetOccupations: [], publishOn: '2026-12-01', createdAt: h.clock.now(),
    }).returning();
    const pushed = await runStudyPush(h.database.db, h.clock.now(), h.config);
    // 陈志强 is the only courier; the general item goes to the three members with an account (赵小红 has
    // not joined yet), and each item once to the group.
    expect(pushed.members).toBe(4);
    expect(pushed.groups).toBe(2);
    expect(await runStudyPush(h.database.db, h.clock.now(), h.config)).toEqual({ members: 0, groups: 0, waiting: 0 });

    const chen = h.person('陈志强');
    await h.bot.core.handle(incoming(chen.terminalUserId!, press(`study:done:${item!.id}`)));
    expect((await lastQueued(h.database, chen.terminalUserId!)).text).toContain('谢谢您学习');
    expect(await h.database.db.select().from(studyReads)).toHaveLength(1);
    expect((await deliveryByKeyPrefix(h.database.db, `study:${forAll!.id}:`)).pending).toBe(3);

    await h.bot.core.handle(incoming(h.person('王书记').terminalUserId!, say('/delivery')));
    expect((await lastQueued(h.database, h.person('王书记').terminalUserId!)).text).toContain('快递安全操作: ✓0 ⏳1 ✗0 📖1');

    h.clock.current = new Date('2027-01-20T04:00:00Z'); // 17 days before the Spring Festival (2027-02-06)
    expect(await runMakeUpList(h.database.db, h.clock.now(), h.config)).toBe(1);
    const [makeUp] = await digestsTo('王书记', 'digest:makeup:');
    const text = (makeUp!.payload as { text: string }).text;
    expect(text).toContain('张建国');
    expect(text).toContain('陈志强（1）');
  });

  it('reminds about the thought report in the quarter\'s last month, once', async () => {
    h.clock.current = new Date('2026-12-10T03:00:00Z');
    const first = await runThoughtReminders(h.database.db, h.clock.now(), h.config);
    expect(first).toBeGreaterThan(0);
    expect(await runThoughtReminders(h.database.db, h.clock.now(), h.config)).toBe(0);
    h.clock.current = new Date('2027-01-10T03:00:00Z');
    expect(await runThoughtReminders(h.database.db, h.clock.now(), h.config)).toBe(0);
  });

  it('tells the liaison who has not been contacted this month or visited this quarter', async () => {
    h.clock.current = new Date('2027-01-21T02:00:00Z');
    const zhang = h.person('张建国').personId;
    await h.database.db.insert(trackingEntries).values({ memberId: zhang, at: new Date('2027-01-05T02:00:00Z'), actorId: h.person('李联络员').personId, kind: 'visit' });
    expect(await runLiaisonDuties(h.database.db, h.clock.now())).toBe(1);
    const [duties] = await digestsTo('李联络员', 'digest:duties:2027-01:');
    const text = (duties!.payload as { text: string }).text;
    expect(text).toContain('刘秀英');
    expect(text.split('本季度')[0]).not.toContain('张建国');
    expect(await runLiaisonDuties(h.database.db, h.clock.now())).toBe(0);
    expect(await digestsTo('李联络员', 'digest:duties:2027-01:')).toHaveLength(1);
  });

  it('puts probationary members due soon before the secretary', async () => {
    h.clock.current = new Date('2027-01-25T02:00:00Z');
    expect(await runProbationNotices(h.database.db, h.clock.now(), h.config)).toBe(1);
    const [notice] = await digestsTo('王书记', 'digest:probation:');
    expect((notice!.payload as { text: string }).text).toContain('陈志强：2027-02-15');
  });

  it('marks members lost contact after three silent months, and a logged call finds them again', async () => {
    h.clock.current = new Date('2027-04-15T02:00:00Z');
    const lost = await runLostContact(h.database.db, h.clock.now(), h.config);
    expect(lost).toBeGreaterThan(0);
    const liu = h.person('刘秀英').personId;
    const [m] = await h.database.db.select().from(members).where(eq(members.personId, liu));
    expect(m!.status).toBe('lost_contact');
    // One digest for the secretary, naming every member newly lost, not one message each.
    const digests = await digestsTo('王书记', 'lost:');
    expect(digests).toHaveLength(1);
    expect(lost).toBeGreaterThan(1);
    expect((digests[0]!.payload as { text: string }).text).toContain('刘秀英');
    expect((digests[0]!.payload as { text: string }).text).toContain(`${lost} 名党员`);
    await h.bot.core.handle(incoming(h.person('李联络员').terminalUserId!, press(`contact:call:${liu}`)));
    const [found] = await h.database.db.select().from(members).where(eq(members.personId, liu));
    // Found again, 刘秀英 is a laid-off member (下岗失业党员) as before, not a mobile one.
    expect(found!.status).toBe('laid_off');
    expect(found!.categoryWhileLost).toBeNull();
  });

  it('purges locations past retention and invite codes long expired', async () => {
    h.clock.current = new Date('2029-01-01T00:00:00Z');
    const purged = await runHousekeeping(h.database.db, h.clock.now(), h.config);
    expect(purged.locations).toBeGreaterThan(0);
    expect(await h.database.db.select().from(locationRecords)).toHaveLength(0);
    expect(purged.codes).toBeGreaterThan(0);
  });
});
