import { tellLiaisonUnreachable } from '../../src/bot/unreachable.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { identities, outboxMessages } from '../../src/db/schema/index.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { createLogger } from '../../src/logger.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { LogCapture, startTestBot, type TestBot } from '../support/bot.js';
import { possibleDuplicates } from '../../src/ops/stats.js';

/**
 * A platform edge that answers as told: the sender's own logic (claims, limits, retries) is what is tested.
 * Timing uses the injected clock, so a 30-second retry_after takes no real time.
 */
class ScriptedPlatform implements Transport {
  readonly platform = 'telegram' as const;
  sent: { chat: OutboundChat; text: string; at: number }[] = [];
  script: ((chat: OutboundChat) => SendOutcome | undefined)[] = [];
  constructor(private readonly now: () => number) {}
  async send(chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> {
    const scripted = this.script.shift()?.(chat);
    if (scripted) return scripted;
    this.sent.push({ chat, text: message.text, at: this.now() });
    return { ok: true, messageId: String(this.sent.length) };
  }
}

let h: TestBot;
let platform: ScriptedPlatform;
let sender: OutboxSender;

beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.database.db.delete(outboxMessages);
  platform = new ScriptedPlatform(() => h.clock.now().getTime());
  sender = new OutboxSender({ database: h.database, clock: h.clock, logger: createLogger('silent'), maxAttempts: 3, onUnreachable: tellLiaisonUnreachable });
  sender.register(platform);
});

async function queue(n: number, chat: (i: number) => string, key = 'k', chatKind: 'private' | 'group' = 'private') {
  const now = h.clock.now();
  await enqueue(
    h.database.db,
    Array.from({ length: n }, (_, i) => ({ idempotencyKey: `${key}-${i}`, platform: 'telegram' as const, chatId: chat(i), chatKind, purpose: 'broadcast', message: { text: `m${i}` }, notBefore: now })),
    now,
  );
}

async function statuses() {
  const rows = await h.database.db.select({ status: outboxMessages.status, n: sql<number>`count(*)::int` }).from(outboxMessages).groupBy(outboxMessages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function drainByClock(maxPasses = 500) {
  for (let i = 0; i < maxPasses; i++) {
    const handled = await sender.runOnce();
    if (handled === 0) {
      const [next] = await h.database.db.select({ at: sql<Date>`min(next_attempt_at)` }).from(outboxMessages).where(eq(outboxMessages.status, 'pending'));
      if (!next?.at) return;
      h.clock.current = new Date(Math.max(h.clock.now().getTime() + 1000, new Date(next.at).getTime()));
    }
  }
}

describe('outbox sender', () => {
  it('never queues the same key twice', async () => {
    await queue(3, () => 'c1', 'same');
    await queue(3, () => 'c1', 'same');
    expect(await statuses()).toEqual({ pending: 3 });
  });

  it('keeps to 30 messages a second overall and one a second per chat', async () => {
    await queue(90, (i) => `chat-${i}`, 'wide');
    await queue(5, () => 'one-chat', 'narrow');
    const start = h.clock.now().getTime();
    await drainByClock();
    expect(platform.sent).toHaveLength(95);
    const wide = platform.sent.map((s) => s.at - start);
    expect(Math.max(...wide)).toBeGreaterThanOrEqual(3000 * (94 / 95) - 1);
    const oneChat = platform.sent.filter((s) => s.chat.chatId === 'one-chat').map((s) => s.at);
    for (let i = 1; i < oneChat.length; i++) expect(oneChat[i]! - oneChat[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(platform.sent.filter((s) => s.chat.chatId === 'one-chat').map((s) => s.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('holds a group to 20 messages a minute', async () => {
    await queue(25, () => 'group-1', 'grp', 'group');
    const start = h.clock.now().getTime();
    await drainByClock();
    expect(platform.sent).toHaveLength(25);
    expect(platform.sent[20]!.at - start).toBeGreaterThanOrEqual(60_000);
  });

  it('holds back the refused chat for retry_after on a 429, counts the try, and lets other chats go on', async () => {
    await queue(5, () => 'chat-a', 'r429');
    platform.script = [() => undefined, () => ({ ok: false, kind: 'retry_after', seconds: 30, code: '429' })];
    const start = h.clock.now().getTime();
    await sender.runOnce();
    expect(platform.sent.map((s) => s.text)).toEqual(['m0']);
    // Another chat goes on: Telegram asked this chat to wait.
    await queue(1, () => 'chat-b', 'other');
    expect(await sender.runOnce()).toBe(1);
    expect(platform.sent.map((s) => s.chat.chatId)).toEqual(['chat-a', 'chat-b']);
    const [refused] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'r429-1'));
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, lastError: '429' });
    await drainByClock();
    const chatA = platform.sent.filter((s) => s.chat.chatId === 'chat-a');
    expect(chatA.map((s) => s.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(Math.min(...chatA.slice(1).map((s) => s.at - start))).toBeGreaterThanOrEqual(30_000);
    expect(await statuses()).toEqual({ sent: 6 });
  });

  it('holds back the whole platform when a second chat is refused while the first still waits', async () => {
    await queue(2, (i) => `flood-${i}`, 'flood');
    platform.script = [() => ({ ok: false, kind: 'retry_after', seconds: 30, code: '429' }), () => ({ ok: false, kind: 'retry_after', seconds: 30, code: '429' })];
    const start = h.clock.now().getTime();
    await sender.runOnce();
    await queue(1, () => 'bystander', 'bystander');
    expect(await sender.runOnce()).toBe(0);
    await drainByClock();
    expect(platform.sent).toHaveLength(3);
    expect(Math.min(...platform.sent.map((s) => s.at - start))).toBeGreaterThanOrEqual(30_000);
  });

  it('backs off on transient errors and gives up after the attempt limit', async () => {
    await queue(1, () => 'flaky', 'flaky');
    platform.script = [() => ({ ok: false, kind: 'transient', code: '502' }), () => ({ ok: false, kind: 'transient', code: '502' })];
    await drainByClock();
    expect(platform.sent).toHaveLength(1);
    await queue(1, () => 'dead', 'dead');
    platform.script = Array.from({ length: 5 }, () => () => ({ ok: false, kind: 'transient', code: '503' }) as SendOutcome);
    await drainByClock();
    const [row] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'dead-0'));
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: '503' });
  });

  it('marks a blocked member unreachable, stops sending to them, and tells their liaison', async () => {
    const zhang = h.person('张建国');
    const [tg] = await h.database.db
      .insert(identities)
      .values({ platform: 'telegram', externalUserId: 'tg-zhang', chatId: 'tg-zhang', personId: zhang.personId, linkedAt: h.clock.now(), lastSeenAt: new Date(h.clock.now().getTime() + 1000) })
      .returning();
    const now = h.clock.now();
    await enqueue(h.database.db, [0, 1].map((i) => ({ idempotencyKey: `blocked-${i}`, platform: 'telegram' as const, chatId: 'tg-zhang', identityId: tg!.id, personId: zhang.personId, purpose: 'reminder', message: { text: 'x' }, notBefore: now })), now);
    platform.script = [() => ({ ok: false, kind: 'permanent', code: '403' })];
    await drainByClock();
    expect(platform.sent.filter((s) => s.chat.chatId === 'tg-zhang')).toHaveLength(0);
    const [identity] = await h.database.db.select().from(identities).where(eq(identities.id, tg!.id));
    expect(identity!.unreachableSince).not.toBeNull();
    const rows = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, 'tg-zhang'));
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    const toLiaison = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.personId, h.person('李联络员').personId));
    expect((toLiaison.at(-1)!.payload as OutgoingMessage).text).toContain('张建国');
  });

  it('sends again a row a dead sender left in flight, and counts it as possibly sent twice: by id in the log, in the row, in the metrics', async () => {
    await queue(2, (i) => `cut-${i}`, 'cut');
    const [cut] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'cut-0'));
    // A sender on another host had taken a slot for it and died before the outcome was stored.
    await h.database.db
      .update(outboxMessages)
      .set({ status: 'sending', claimedBy: 'other-host-1-abc#7', claimedUntil: new Date(h.clock.now().getTime() + 10_000), sendStartedAt: h.clock.now(), attempts: 1 })
      .where(eq(outboxMessages.id, cut!.id));
    const log = new LogCapture();
    sender = new OutboxSender({ database: h.database, clock: h.clock, logger: createLogger('info', log), maxAttempts: 3 });
    sender.register(platform);
    expect(await sender.runOnce()).toBe(1);
    h.clock.advance(11_000);
    await drainByClock();
    expect(platform.sent.map((s) => s.text).sort()).toEqual(['m0', 'm1']);
    const [after] = await h.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, cut!.id));
    expect(after).toMatchObject({ status: 'sent', interruptedSends: 1, sendStartedAt: null });
    const line = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.outboxIds);
    expect(line).toMatchObject({ level: 'warn', count: 1, outboxIds: [cut!.id], interruptedClaims: ['other-host-1-abc#7'] });
    expect(log.text).not.toContain('m0');
    expect(await possibleDuplicates(h.database)).toEqual([{ platform: 'telegram', count: 1 }]);
  });

  it('takes over the rows of a sender that died holding them, once its lease has run out', async () => {
    await queue(3, (i) => `lease-${i}`, 'lease');
    await h.database.db.update(outboxMessages).set({ status: 'sending', claimedUntil: new Date(h.clock.now().getTime() + 60_000), attempts: 1 });
    expect(await sender.runOnce()).toBe(0);
    h.clock.advance(61_000);
    await drainByClock();
    expect(platform.sent).toHaveLength(3);
  });
});

describe('a message the platform rejects', () => {
  it('fails that message only: the account stays reachable and the next message goes', async () => {
    const now = h.clock.now();
    const [tg] = await h.database.db
      .insert(identities)
      .values({ platform: 'telegram', externalUserId: 'tg-liu', chatId: 'tg-liu', personId: h.person('刘秀英').personId, linkedAt: now })
      .returning();
    await enqueue(h.database.db, [0, 1].map((i) => ({ idempotencyKey: `rejected-${i}`, platform: 'telegram' as const, chatId: 'tg-liu', identityId: tg!.id, purpose: 'reply', message: { text: `r${i}` }, notBefore: now })), now);
    platform.script = [() => ({ ok: false, kind: 'rejected', code: 'msg_too_long' })];
    await drainByClock();
    expect(platform.sent.map((s) => s.text)).toEqual(['r1']);
    const [identity] = await h.database.db.select().from(identities).where(eq(identities.id, tg!.id));
    expect(identity!.unreachableSince).toBeNull();
  });
});
