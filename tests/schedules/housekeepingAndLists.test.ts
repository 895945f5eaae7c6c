import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  conversations, inviteCodes, locationRecords, members, outboxMessages, pendingCommands, processedUpdates, studyItems, studyReads,
} from '../../src/db/schema/index.js';
import { runHousekeeping } from '../../src/schedules/housekeeping.js';
import { runSearchCampaign, searchCampaignList } from '../../src/schedules/searchCampaign.js';
import { runMakeUpList } from '../../src/schedules/study.js';
import { runLostContact } from '../../src/schedules/duties.js';
import type { OutgoingMessage } from '../../src/bot/types.js';
import { incoming, press, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2027-01-20T02:00:00Z') });
});
afterAll(async () => h?.close());

describe('housekeeping', () => {
  it('purges places after withdrawal and past retention, expired invite codes, stale conversations and update ids', async () => {
    const db = h.database.db;
    const zhang = h.person('张建国').personId;
    const liu = h.person('刘秀英').personId;
    const now = h.clock.now();
    // 张建国 consented: one place too old to keep, one recent. 刘秀英 withdrew, but a place survived a crash.
    await db.insert(locationRecords).values([
      { memberId: zhang, regionCode: '440300', source: 'typed', recordedAt: new Date(now.getTime() - 800 * 86_400_000) },
      { memberId: liu, regionCode: '330100', source: 'typed', recordedAt: now },
    ]);
    // An invite code long expired and never used.
    await db.update(inviteCodes).set({ expiresAt: new Date(now.getTime() - 40 * 86_400_000) });
    // A conversation left unfinished, and its update id: both three days old by the time housekeeping runs.
    await h.bot.core.handle(incoming(h.person('陈志强').terminalUserId!, press('menu:checkIn')));
    // A transfer the secretary never confirmed: gone after a day, like its button.
    await h.bot.core.handle(incoming(h.person('王书记').terminalUserId!, say('/transfer 陈志强 东莞市长安镇流动党员党支部')));
    expect(await db.select().from(pendingCommands)).toHaveLength(1);
    h.clock.advance(73 * 3_600_000);

    const outcome = await runHousekeeping(db, h.clock.now(), h.config);
    const expired = await h.bot.engine.expireConversations();
    await h.bot.engine.forgetOldUpdates();

    expect(outcome).toMatchObject({ locations: 2, codes: 1, pending: 1 });
    expect(await db.select().from(pendingCommands)).toHaveLength(0);
    const left = await db.select().from(locationRecords);
    expect(left.map((l) => [l.memberId, l.regionCode])).toEqual([[zhang, '441900']]);
    expect(await db.select().from(inviteCodes)).toHaveLength(0);
    expect(expired).toBe(1);
    expect(await db.select().from(conversations)).toHaveLength(0);
    expect(await db.select().from(processedUpdates)).toHaveLength(0);
  });
});

describe('the search campaign list (一找一)', () => {
  it('lists lost-contact members with their last report or contact, never a place without consent, and tells the secretary in a campaign month', async () => {
    const db = h.database.db;
    const chen = h.person('陈志强').personId;
    const zhang = h.person('张建国').personId;
    await db.update(members).set({ createdAt: new Date('2026-01-01T00:00:00Z') });
    // 张建国 was called in December; the others have been silent since the roster was made.
    await h.bot.core.handle(incoming(h.person('李联络员').terminalUserId!, press(`contact:call:${zhang}`)));
    await db.insert(locationRecords).values({ memberId: chen, regionCode: '440305', source: 'typed', recordedAt: h.clock.now() }); // no consent row
    expect(await runLostContact(db, h.clock.now(), h.config)).toBe(3);

    const list = await searchCampaignList(db);
    expect(list.map((m) => m.name).sort()).toEqual(['刘秀英', '赵小红', '陈志强'].sort());
    expect(list.find((m) => m.memberId === chen)!.lastRegionCode).toBeNull();
    expect(list.every((m) => m.liaisonName === '李联络员')).toBe(true);

    // January is not a campaign month (3 and 9 by default); March is, once.
    expect(await runSearchCampaign(db, h.clock.now(), h.config)).toBe(0);
    h.clock.current = new Date('2027-03-01T02:00:00Z');
    expect(await runSearchCampaign(db, h.clock.now(), h.config)).toBe(1);
    await runSearchCampaign(db, h.clock.now(), h.config);
    const toSecretary = await db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, h.person('王书记').personId), eq(outboxMessages.idempotencyKey, `digest:search:2027-03:${h.person('王书记').personId}`)));
    expect(toSecretary).toHaveLength(1);
    const text = (toSecretary[0]!.payload as OutgoingMessage).text;
    expect(text).toContain('陈志强');
    expect(text).not.toContain('张建国');
  });
});

describe('the make-up list before the Spring Festival (补课)', () => {
  it('goes to the secretary once, inside the notice period, with who has not studied', async () => {
    const db = h.database.db;
    const zhang = h.person('张建国').personId;
    const [branch] = await db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, zhang));
    const [item] = await db.insert(studyItems).values({ orgId: branch!.orgId, category: 'model_experience', title: '种植大户的经验', publishOn: '2026-12-01', createdAt: h.clock.now() }).returning();
    await db.insert(studyReads).values({ itemId: item!.id, memberId: zhang, readAt: h.clock.now() });

    h.clock.current = new Date('2027-01-10T02:00:00Z'); // 27 days before 2027-02-06: too early
    expect(await runMakeUpList(db, h.clock.now(), h.config)).toBe(0);
    h.clock.current = new Date('2027-01-20T02:00:00Z');
    expect(await runMakeUpList(db, h.clock.now(), h.config)).toBe(1);
    await runMakeUpList(db, h.clock.now(), h.config);
    const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, `digest:makeup:2027-02-06:${h.person('王书记').personId}`));
    expect(rows).toHaveLength(1);
    const text = (rows[0]!.payload as OutgoingMessage).text;
    expect(text).toContain('陈志强');
    expect(text).not.toContain('张建国');
  });
});
