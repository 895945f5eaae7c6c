import { tellLiaisonUnreachable } from '../../src/bot/unreachable.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { identities, orgChats, outboxMessages, reports, studyItems, studyReads, members } from '../../src/db/schema/index.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { broadcastDelivery, broadcastsOf, memberDelivery } from '../../src/outbox/delivery.js';
import { runReportCycle } from '../../src/schedules/reportCycle.js';
import { runStudyPush } from '../../src/schedules/study.js';
import { createLogger } from '../../src/logger.js';
import type { OutboundChat, OutgoingMessage, Platform, SendOutcome, Transport } from '../../src/bot/types.js';
import { incoming, press, startTestBot, type TestBot } from '../support/bot.js';

/** Records what reached each chat; chats listed in `blocked` answer as a user who blocked the bot. */
class Recorder implements Transport {
  sent: { chatId: string; text: string }[] = [];
  blocked = new Set<string>();
  constructor(readonly platform: Platform) {}
  async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
    if (this.blocked.has(chat.chatId)) return { ok: false, kind: 'permanent', code: '403' };
    this.sent.push({ chatId: chat.chatId, text: message.text });
    return { ok: true };
  }
}

let h: TestBot;
let terminal: Recorder;
let telegram: Recorder;
let sender: OutboxSender;
beforeAll(async () => {
  h = await startTestBot({ at: new Date('2026-11-10T01:00:00Z') }); // 09:00 in Beijing: prompts wait for 14:00
});
afterAll(async () => h?.close());
beforeEach(() => {
  terminal = new Recorder('terminal');
  telegram = new Recorder('telegram');
  sender = new OutboxSender({ database: h.database, clock: h.clock, logger: createLogger('silent'), maxAttempts: 3, onUnreachable: tellLiaisonUnreachable });
  sender.register(terminal);
  sender.register(telegram);
});

async function sendAllDue() {
  for (let i = 0; i < 50 && (await sender.runOnce()) > 0; i++);
}

describe('checked again at send time', () => {
  it('cancels a queued reminder whose member has reported by another way, and a study notice already read', async () => {
    const chen = h.person('陈志强').personId;
    await runReportCycle(h.database.db, h.clock.now(), h.config);
    const key = `reminder:monthly:2026-11:${chen}`;
    const [queued] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key));
    expect(queued!.status).toBe('pending');
    // A report entered without going through the chat (by the liaison on paper, say): no cancel ran at write time.
    await h.database.db.insert(reports).values({ memberId: chen, kind: 'monthly', period: '2026-11', submittedAt: h.clock.now() });
    h.clock.current = new Date('2026-11-10T06:00:00Z');
    await sendAllDue();
    const [after] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, key));
    expect(after!.status).toBe('cancelled');
    expect(terminal.sent.filter((s) => s.chatId === h.person('陈志强').terminalUserId)).toHaveLength(0);
    // The others' reminders did go.
    expect(terminal.sent.some((s) => s.chatId === h.person('张建国').terminalUserId)).toBe(true);
  });
});

describe('delivery visibility', () => {
  it('counts sent, failed and pending per broadcast and per member', async () => {
    const zhang = h.person('张建国');
    const liu = h.person('刘秀英');
    const [branch] = await h.database.db.select({ orgId: members.homeOrgId }).from(members).where(eq(members.personId, zhang.personId));
    await h.database.db.insert(orgChats).values({ orgId: branch!.orgId, platform: 'telegram', chatId: 'branch-group', addedAt: h.clock.now() });
    const [item] = await h.database.db.insert(studyItems).values({
      orgId: branch!.orgId, category: 'policy_law', title: '劳动合同法要点', body: '签合同、留凭证', publishOn: '2026-11-11', createdAt: h.clock.now(),
    }).returning();
    // 刘秀英 has blocked the bot on her only account.
    await h.database.db.update(identities).set({ platform: 'telegram' }).where(eq(identities.personId, liu.personId));
    telegram.blocked.add(liu.terminalUserId!);

    h.clock.current = new Date('2026-11-11T07:00:00Z'); // 15:00 in Beijing
    await runStudyPush(h.database.db, h.clock.now(), h.config);
    const [broadcast] = await broadcastsOf(h.database.db, branch!.orgId, new Date('2026-11-01T00:00:00Z'));
    expect(broadcast).toMatchObject({ kind: 'study', studyItemId: item!.id, sent: 0, failed: 0 });
    expect(broadcast!.pending).toBe(broadcast!.total);
    // Three members with accounts + the group chat (赵小红 has not joined yet: nothing queued for her).
    expect(broadcast!.total).toBe(4);

    await sendAllDue();
    const counts = await broadcastDelivery(h.database.db, broadcast!.broadcastId);
    expect(counts).toMatchObject({ total: 4, sent: 3, failed: 1, pending: 0 });
    expect(telegram.sent.map((s) => s.chatId)).toEqual(['branch-group']);

    expect((await memberDelivery(h.database.db, liu.personId, new Date('2026-11-01T00:00:00Z'))).study).toMatchObject({ failed: 1, sent: 0 });
    expect((await memberDelivery(h.database.db, zhang.personId, new Date('2026-11-01T00:00:00Z'))).study).toMatchObject({ sent: 1 });

    // 已学习 from the notice records the read.
    await h.bot.core.handle(incoming(zhang.terminalUserId!, press(`study:done:${item!.id}`)));
    const reads = await h.database.db.select().from(studyReads).where(eq(studyReads.itemId, item!.id));
    expect(reads.map((r) => r.memberId)).toEqual([zhang.personId]);
    expect(await h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, zhang.personId), eq(outboxMessages.purpose, 'study')))).toHaveLength(1);
  });
});
