import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversations, helpRequests, identities, locationRecords, outboxMessages, reports, trackingEntries } from '../../src/db/schema/index.js';
import { createBot } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createInviteCode, formatCode } from '../../src/bot/invites.js';
import { incoming, lastQueued, payloadsOf, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

const handle = (chatId: string, body: Parameters<typeof incoming>[1], over = {}) => h.bot.core.handle(incoming(chatId, body, over));
const chatOf = (name: string) => h.person(name).terminalUserId!;

async function conversationOf(personId: number) {
  const [row] = await h.database.db.select().from(conversations).where(eq(conversations.personId, personId));
  return row;
}

describe('engine', () => {
  it('applies the same update id once', async () => {
    const chat = chatOf('刘秀英');
    const update = incoming(chat, say('/menu'));
    expect(await h.bot.core.handle(update)).toEqual({ status: 'applied' });
    expect(await h.bot.core.handle(update)).toEqual({ status: 'duplicate' });
    const results = await Promise.all([0, 1, 2].map(() => h.bot.core.handle({ ...update, updateId: `${update.updateId}-race` })));
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(1);
    const rows = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, chat));
    expect(rows).toHaveLength(2);
  });

  it('never runs a member flow in a group, and answers only commands there', async () => {
    const group = 'group-branch-1';
    const zhang = chatOf('张建国');
    await handle(group, say('大家好'), { chatKind: 'group', userId: zhang });
    expect(await queuedFor(h.database, group)).toHaveLength(0);
    await handle(group, say('/report'), { chatKind: 'group', userId: zhang });
    const [answer] = await queuedFor(h.database, group);
    expect(answer!.text).toContain('私聊');
    expect(answer!.buttons ?? []).toHaveLength(0);
    expect(await conversationOf(h.person('张建国').personId)).toBeUndefined();
  });

  it('runs a check-in by buttons into one report, on time, with a card entry', async () => {
    const zhang = h.person('张建国');
    const chat = chatOf('张建国');
    await handle(chat, press('menu:checkIn'));
    expect(payloadsOf(await lastQueued(h.database, chat))).toEqual(['ci:same', 'ci:moved']);
    // Typing the label of a button is the same as tapping it.
    await handle(chat, say('还在原地'));
    await handle(chat, press('ci:work:working'));
    await handle(chat, say('2'));
    await handle(chat, press('ci:study:yes'));
    const [report] = await h.database.db.select().from(reports).where(eq(reports.memberId, zhang.personId));
    expect(report).toMatchObject({ kind: 'monthly', period: '2026-11', late: false, movedSinceLast: false, work: 'working', hasDifficulty: false, studied: true });
    expect(await conversationOf(zhang.personId)).toBeUndefined();
    const card = await h.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, zhang.personId), eq(trackingEntries.kind, 'report')));
    expect(card).toHaveLength(1);
    expect((await lastQueued(h.database, chat)).text).toContain('报到完成');
  });

  it('answers nonsense at every step kindly and leaves the state where it was', async () => {
    const chen = h.person('陈志强');
    const chat = chatOf('陈志强');
    await handle(chat, press('menu:checkIn'));
    for (const step of ['ci:moved', 'ci:work:other', 'ci:diff:no']) {
      const before = await conversationOf(chen.personId);
      for (const junk of [say('ok lah'), press('zz:nothing'), { kind: 'location' as const, lat: 0, lng: 0 }]) {
        const count = (await queuedFor(h.database, chat)).length;
        await handle(chat, junk);
        const after = await conversationOf(chen.personId);
        expect((after!.state as { s: unknown }).s).toEqual((before!.state as { s: unknown }).s);
        expect((await queuedFor(h.database, chat)).length).toBeGreaterThan(count);
      }
      await handle(chat, press(step));
    }
    await handle(chat, press('cancel'));
    expect(await conversationOf(chen.personId)).toBeUndefined();
  });

  it('says a used button is used, and changes nothing', async () => {
    const chat = chatOf('陈志强');
    await handle(chat, press('ci:same'));
    const [stale, menu] = (await queuedFor(h.database, chat)).slice(-2);
    expect(stale!.text).toContain('按钮已经用过');
    expect(payloadsOf(menu!)).toContain('menu:checkIn');
  });

  it('marks a report after the due day late', async () => {
    const late = await startTestBot({ at: new Date('2026-11-25T04:00:00Z') });
    try {
      const chat = late.person('刘秀英').terminalUserId!;
      for (const b of ['menu:checkIn', 'ci:same', 'ci:work:seeking', 'ci:diff:no', 'ci:study:no']) await late.bot.core.handle(incoming(chat, press(b)));
      const [report] = await late.database.db.select().from(reports).where(eq(reports.memberId, late.person('刘秀英').personId));
      expect(report).toMatchObject({ period: '2026-11', late: true });
    } finally {
      await late.close();
    }
  });

  it('opens a help request with a ticket number and tells the liaison at once', async () => {
    const liu = h.person('刘秀英');
    const chat = chatOf('刘秀英');
    await handle(chat, press('menu:help'));
    await handle(chat, press('help:cat:jobs'));
    await handle(chat, say('厂子关门了，想参加再就业培训'));
    await handle(chat, { kind: 'file', fileRef: 'photo-77', mime: 'image/jpeg' });
    await handle(chat, press('help:described'));
    await handle(chat, press('help:urgent'));
    await handle(chat, press('help:submit'));
    const [request] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, liu.personId));
    expect(request).toMatchObject({ category: 'jobs', urgency: 'urgent', status: 'open', description: '厂子关门了，想参加再就业培训' });
    expect((await lastQueued(h.database, chat)).text).toContain(String(request!.id));
    const toLiaison = await lastQueued(h.database, chatOf('李联络员'));
    expect(toLiaison.text).toContain('紧急求助');
    expect(toLiaison.text).toContain('刘秀英');

    // The branch marks it resolved; the member says it is not.
    await h.database.db.update(helpRequests).set({ status: 'resolved' }).where(eq(helpRequests.id, request!.id));
    await handle(chat, say('/status'));
    expect(payloadsOf(await lastQueued(h.database, chat))).toEqual([`hr:confirm:${request!.id}`, `hr:reopen:${request!.id}`]);
    await handle(chat, press(`hr:reopen:${request!.id}`));
    const [reopened] = await h.database.db.select().from(helpRequests).where(eq(helpRequests.id, request!.id));
    expect(reopened!.status).toBe('reopened');
    await handle(chat, press(`hr:confirm:${request!.id}`));
    expect((await lastQueued(h.database, chat)).text).toContain('不需要您确认');
  });

  it('deletes every stored location when consent is withdrawn', async () => {
    const zhang = h.person('张建国');
    const chat = chatOf('张建国');
    expect(await h.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, zhang.personId))).not.toHaveLength(0);
    await handle(chat, say('/withdraw'));
    await handle(chat, press('consent:withdraw'));
    expect(await h.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, zhang.personId))).toHaveLength(0);
  });

  it('links an account with a one-time code, limits wrong guesses, and asks for location consent separately', async () => {
    const zhao = h.demo.people.find((p) => p.name === '赵小红')!;
    const guest = 'guest-a';
    await handle(guest, say('你好'));
    expect((await lastQueued(h.database, guest)).text).toContain('邀请码');
    for (let i = 0; i < 4; i++) await handle(guest, say('AAAA-AAAA'));
    expect((await lastQueued(h.database, guest)).text).toContain('还可以再试 1 次');
    await handle(guest, say('BBBB-BBBB'));
    expect((await lastQueued(h.database, guest)).text).toContain('分钟后再试');
    // Locked: even the right code waits.
    await handle(guest, say(h.demo.inviteCode));
    expect((await lastQueued(h.database, guest)).text).toContain('分钟后再试');
    h.clock.advance(31 * 60_000);
    await handle(guest, say(`/start ${h.demo.inviteCode.toLowerCase()}`));
    const messages = await queuedFor(h.database, guest);
    expect(messages.at(-2)!.text).toContain('绑定成功');
    expect(payloadsOf(messages.at(-1)!)).toEqual(['consent:yes', 'consent:no']);
    const [identity] = await h.database.db.select().from(identities).where(eq(identities.externalUserId, guest));
    expect(identity!.personId).toBe(zhao.personId);
    // Single use: a second account cannot use it.
    await handle('guest-b', say(h.demo.inviteCode));
    expect((await lastQueued(h.database, 'guest-b')).text).toContain('不对或已过期');
  });

  it('lets staff create a code for a member in scope only, and list who has not reported', async () => {
    const secretary = chatOf('王书记');
    await handle(secretary, say('/invite 刘秀英'));
    expect((await lastQueued(h.database, secretary)).text).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
    await handle(secretary, say('/invite 外人'));
    expect((await lastQueued(h.database, secretary)).text).toContain('没找到');
    await handle(chatOf('李联络员'), say('/members'));
    const list = (await lastQueued(h.database, chatOf('李联络员'))).text;
    expect(list).toContain('✓ 张建国');
    expect(list).toContain('✗ 陈志强');
    await handle(chatOf('陈志强'), say('/members'));
    expect((await lastQueued(h.database, chatOf('陈志强'))).text).toContain('是给联络员和支部书记用的');
  });

  it('resumes a conversation after a restart, and on another platform once that account is linked', async () => {
    const chen = h.person('陈志强');
    await handle(chatOf('陈志强'), press('menu:checkIn'));
    await handle(chatOf('陈志强'), press('ci:moved'));
    // A second bot on the same database, as after a restart.
    const restarted = createBot({ database: h.database, clock: h.clock, logger: createLogger('silent'), config: h.config });
    const { code } = await createInviteCode(h.database.db, chen.personId, null, h.clock.now(), 14);
    await restarted.core.handle(incoming('slack-chen', say(formatCode(code)), { platform: 'slack', userId: 'U-CHEN' }));
    expect(payloadsOf(await lastQueued(h.database, 'slack-chen'))).toContain('ci:work:working');
    await restarted.core.handle(incoming('slack-chen', press('ci:work:working'), { platform: 'slack', userId: 'U-CHEN' }));
    expect(payloadsOf(await lastQueued(h.database, 'slack-chen'))).toEqual(['ci:diff:yes', 'ci:diff:no']);
    const [row] = await h.database.db.select().from(conversations).where(eq(conversations.personId, chen.personId));
    expect(row!.flow).toBe('checkIn');
  });

  it('expires an abandoned conversation quietly', async () => {
    const chen = h.person('陈志强');
    h.clock.advance(49 * 3_600_000);
    expect(await h.bot.engine.expireConversations()).toBeGreaterThan(0);
    expect(await conversationOf(chen.personId)).toBeUndefined();
  });

  it('keeps names, texts and places out of the logs', () => {
    const logs = h.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['刘秀英', '张建国', '厂子关门', '还在原地', '东莞', h.demo.inviteCode]) expect(logs).not.toContain(secret);
  });
});
