import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { locationConsents, locationRecords, outboxMessages } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/config.js';
import { runHousekeeping } from '../../src/schedules/housekeeping.js';
import { renderReply } from '../../src/bot/render.js';
import { reply } from '../../src/bot/flow.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { incoming, press, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * What the outbox keeps once a message has gone: not the invite code, not the text past a short retention,
 * and not the place of a member who withdrew consent, whether the message went out or is still waiting.
 */
class RecordingTerminal implements Transport {
  readonly platform = 'terminal' as const;
  readonly delivered: { chatId: string; text: string }[] = [];
  async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
    this.delivered.push({ chatId: chat.chatId, text: message.text });
    return { ok: true, messageId: String(this.delivered.length) };
  }
}

let h: TestBot;
let terminal: RecordingTerminal;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startTestBot();
  terminal = new RecordingTerminal();
  h.bot.sender.register(terminal);
});
afterAll(async () => h?.close());

const chatOf = (name: string) => h.person(name).terminalUserId!;
const send = async (name: string, body: Parameters<typeof incoming>[1]) => {
  expect((await h.bot.core.handle(incoming(chatOf(name), body))).status).toBe('applied');
};
const drain = () => h.bot.sender.drain(['terminal']);
const storedPayloads = async (personId?: number) =>
  (await h.database.db.select().from(outboxMessages).where(personId === undefined ? undefined : eq(outboxMessages.personId, personId))).map((r) => JSON.stringify(r.payload));

describe('invite codes in the outbox', () => {
  it('keeps the code only until the message is sent, and the code still works', async () => {
    await send('王书记', say('/invite 赵小红'));
    const waiting = (await storedPayloads(h.person('王书记').personId)).filter((p) => p.includes('赵小红'));
    expect(waiting).toHaveLength(1);
    await drain();
    const text = terminal.delivered.find((d) => d.chatId === chatOf('王书记') && d.text.includes('赵小红'))!.text;
    const code = /([A-Z2-9]{4})-([A-Z2-9]{4})/.exec(text)!;
    expect(code).not.toBeNull();
    const stored = await storedPayloads();
    for (const p of stored) {
      expect(p).not.toContain(code[0]);
      expect(p).not.toContain(code[1]! + code[2]!);
    }
    // The row still says what it was (a code for 赵小红), without the code.
    expect(stored.some((p) => p.includes('赵小红'))).toBe(true);
    // The person it was meant for can still use it.
    const fresh = incoming('zhao-new-account', say(code[0]));
    expect((await h.bot.core.handle(fresh)).status).toBe('applied');
    await drain();
    expect(terminal.delivered.filter((d) => d.chatId === 'zhao-new-account').map((d) => d.text).join('\n')).toContain('绑定成功');
  });
});

describe('sent texts past retention', () => {
  it('are purged after OUTBOX_TEXT_RETENTION_DAYS (default 7); what still waits is kept', async () => {
    expect(h.config.OUTBOX_TEXT_RETENTION_DAYS).toBe(7);
    await send('刘秀英', say('/status'));
    await drain();
    const liu = h.person('刘秀英').personId;
    const [pending] = await h.database.db.insert(outboxMessages).values({
      idempotencyKey: 'later:liu', platform: 'terminal', chatId: chatOf('刘秀英'), personId: liu, purpose: 'reminder',
      payload: { text: '刘秀英，下个月记得报到' }, nextAttemptAt: new Date(h.clock.now().getTime() + 30 * DAY), createdAt: h.clock.now(),
    }).returning();
    const sentTexts = async () =>
      (await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.personId, liu))).filter((r) => r.status === 'sent').map((r) => (r.payload as { text: string }).text);
    expect((await sentTexts()).some((t) => t.includes('我的情况'))).toBe(true);
    h.clock.advance(6 * DAY);
    await runHousekeeping(h.database.db, h.clock.now(), h.config);
    expect((await sentTexts()).some((t) => t.includes('我的情况'))).toBe(true);
    h.clock.advance(DAY + 3_600_000);
    const outcome = await runHousekeeping(h.database.db, h.clock.now(), h.config);
    expect(outcome.outboxTexts).toBeGreaterThan(0);
    const texts = await sentTexts();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t === '')).toBe(true);
    const [waiting] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, pending!.id));
    expect(waiting!.payload).toEqual({ text: '刘秀英，下个月记得报到' });
  });

  it('takes the retention from the environment', () => {
    expect(loadConfig({ OUTBOX_TEXT_RETENTION_DAYS: '2' }).OUTBOX_TEXT_RETENTION_DAYS).toBe(2);
    expect(() => loadConfig({ OUTBOX_TEXT_RETENTION_DAYS: '0' })).toThrow(/OUTBOX_TEXT_RETENTION_DAYS/);
  });
});

describe('a consent withdrawal', () => {
  it('clears the place from sent and queued messages to the member', async () => {
    const zhang = h.person('张建国').personId;
    await send('张建国', say('/location'));
    await send('张建国', say('东莞'));
    await send('张建国', press('loc:yes'));
    await drain();
    expect(terminal.delivered.some((d) => d.text.includes('已记录') && d.text.includes('东莞市'))).toBe(true);
    // One more that has not gone out yet: the member's status, with the place, still waiting.
    await send('张建国', say('/status'));
    expect((await storedPayloads(zhang)).filter((p) => p.includes('东莞市')).length).toBeGreaterThanOrEqual(3);

    const deliveredBefore = terminal.delivered.length;
    await send('张建国', say('/withdraw'));
    await send('张建国', press('consent:withdraw'));
    const payloads = await storedPayloads(zhang);
    expect(payloads.filter((p) => p.includes('东莞市') || p.includes('441900')).map((p) => p.slice(0, 300))).toEqual([]);
    expect(payloads.some((p) => p.includes('已记录'))).toBe(true);
    await drain();
    // The status still waiting went nowhere: it was about the place taken back. The withdrawal was answered.
    const after = terminal.delivered.slice(deliveredBefore).filter((d) => d.chatId === chatOf('张建国')).map((d) => d.text);
    expect(after.join('\n')).not.toContain('东莞市');
    expect(after.join('\n')).toContain('已撤回');
  });
});

describe('housekeeping catches up', () => {
  it('masks a code in a message that failed, and a place in one to a member without consent', async () => {
    const chen = h.person('陈志强').personId;
    const now = h.clock.now();
    const code = renderReply('zh-CN', reply('staff-invite-created', { args: { name: '陈志强', code: 'QWER-TYUP', days: 14 } }));
    const place = renderReply('zh-CN', reply('location-saved', { args: { place: '广东省 深圳市 南山区' } }));
    const row = (key: string, status: 'failed' | 'sent', payload: unknown) => ({
      idempotencyKey: key, platform: 'terminal', chatId: chatOf('陈志强'), personId: chen, purpose: 'reply', payload, status, nextAttemptAt: now, createdAt: now,
    });
    await h.database.db.insert(outboxMessages).values([row('failed:code', 'failed', code), row('sent:place', 'sent', place)]);
    expect(JSON.stringify(code)).toContain('QWER-TYUP');
    const outcome = await runHousekeeping(h.database.db, now, h.config);
    expect(outcome.outboxMasked).toBe(2);
    const stored = await storedPayloads(chen);
    expect(stored.filter((p) => /QWER-?TYUP|南山区/.test(p))).toEqual([]);
    expect(stored.some((p) => p.includes('陈志强 的邀请码'))).toBe(true);
    expect((await runHousekeeping(h.database.db, now, h.config)).outboxMasked).toBe(0);
  });
});

describe('locations without a consent row', () => {
  it('are purged by housekeeping', async () => {
    const chen = h.person('陈志强').personId;
    expect(await h.database.db.select().from(locationConsents).where(eq(locationConsents.memberId, chen))).toEqual([]);
    await h.database.db.insert(locationRecords).values({ memberId: chen, regionCode: '440305', source: 'staff', recordedAt: h.clock.now() });
    const outcome = await runHousekeeping(h.database.db, h.clock.now(), h.config);
    expect(outcome.locations).toBeGreaterThanOrEqual(1);
    expect(await h.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, chen))).toEqual([]);
  });
});
