import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { eq, like, sql } from 'drizzle-orm';
import { createTelegramTransport } from '../../src/adapters/telegram/transport.js';
import { systemClock } from '../../src/bot/clock.js';
import { outboxMessages } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.js';
import { limitedTelegram } from '../support/limitedPlatforms.js';

/**
 * A reply of 10,000 characters goes out in three Telegram messages. Each must arrive once, spaced under the
 * chat's limit; a 429 on one part must not send the others again, must count as an attempt, and must hold
 * back that chat only, not every other chat the bot is writing to.
 */
const LONG_CHAT = '700000001';
/** 201 numbered lines of 50 characters: over 10,000 characters, each line recognisable wherever it lands. */
const LONG_TEXT = Array.from({ length: 201 }, (_, i) => `L${String(i).padStart(3, '0')} ${'党员联络'.repeat(12)}`.slice(0, 49)).join('\n');
const logger = createLogger('silent');

let tb: TestBot;
beforeAll(async () => {
  tb = await startTestBot({ seed: false });
});
afterAll(async () => tb?.close());
afterEach(async () => {
  await tb.database.db.delete(outboxMessages);
});

async function queue(key: string, chatId: string, text: string, at: Date) {
  await enqueue(tb.database.db, [{ idempotencyKey: key, platform: 'telegram', chatId, purpose: 'reply', message: { text }, notBefore: at }], at);
}

/** The lines of the long text found in these messages, in order. */
const linesOf = (texts: string[]) => texts.flatMap((x) => x.split('\n')).filter((l) => l.startsWith('L'));

describe('a reply longer than one Telegram message', () => {
  it('arrives part by part under the per-chat limit, each part once, beside other chats', async () => {
    expect(LONG_TEXT.length).toBeGreaterThanOrEqual(10_000);
    const fake = await limitedTelegram();
    try {
      const sender = new OutboxSender({ database: tb.database, clock: systemClock, logger, maxAttempts: 8 });
      sender.register(createTelegramTransport(new Api('1:limited', { apiRoot: fake.apiRoot }), logger, () => 'limited_bot'));
      const now = new Date();
      await queue('long', LONG_CHAT, LONG_TEXT, now);
      for (let i = 0; i < 40; i++) await queue(`other-${i}`, String(710_000_000 + i), `other-${i}`, now);
      await sender.drain(['telegram'], 30_000, true).catch(() => undefined);

      const delivered = [...fake.ledger.texts.entries()];
      const parts = delivered.filter(([text]) => text.startsWith('L'));
      expect(parts.map(([, n]) => n)).toEqual(parts.map(() => 1));
      expect(linesOf(parts.map(([text]) => text))).toEqual(linesOf([LONG_TEXT]));
      const others = delivered.filter(([text]) => text.startsWith('other-'));
      expect(others).toHaveLength(40);
      expect(others.every(([, n]) => n === 1)).toBe(true);
      const [row] = await tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'long'));
      expect(row!.status).toBe('sent');
      process.stdout.write(`[long reply] ${LONG_TEXT.length} characters in ${parts.length} parts, each delivered once; 40 other chats once each; 429s: ${fake.ledger.rejected429} (${fake.ledger.rejectedFor.join(', ')})\n`);
    } finally {
      await fake.close();
    }
  }, 60_000);

  describe('when Telegram answers 429 (fake time)', () => {
    let fake: FakeTelegram;
    let sender: OutboxSender;
    beforeAll(async () => {
      fake = await startFakeTelegram();
    });
    afterAll(async () => fake?.stop());
    afterEach(() => fake.clearFailures());

    function newSender(maxAttempts: number) {
      sender = new OutboxSender({ database: tb.database, clock: tb.clock, logger, maxAttempts });
      sender.register(createTelegramTransport(new Api(fake.token, { apiRoot: fake.url }), logger, () => 'fake_bot'));
    }

    /** Sends what is due; when nothing is, moves the test clock to the next row due. */
    async function runByClock(passes: number, between?: (pass: number) => Promise<void>) {
      for (let pass = 0; pass < passes; pass++) {
        await between?.(pass);
        if ((await sender.runOnce()) > 0) continue;
        const [next] = await tb.database.db.select({ at: sql<Date | null>`min(next_attempt_at)` }).from(outboxMessages).where(eq(outboxMessages.status, 'pending'));
        if (!next?.at) return;
        tb.clock.current = new Date(Math.max(tb.clock.now().getTime() + 1000, new Date(next.at).getTime()));
      }
    }

    it('sends the remaining parts only, and other chats go on while that chat waits', async () => {
      newSender(8);
      fake.failNext({ kind: 'retry_after', seconds: 30 }, { chatId: LONG_CHAT, after: 1, times: 1 });
      const t0 = tb.clock.now();
      await queue('long-429', LONG_CHAT, LONG_TEXT, t0);
      await runByClock(200, async (pass) => {
        // Messages to other chats come in after the 429 was given.
        if (pass === 1) for (let i = 0; i < 10; i++) await queue(`during-${i}`, String(720_000_000 + i), `during-${i}`, tb.clock.now());
      });
      const texts = fake.messagesIn(LONG_CHAT).map((m) => m.text);
      expect(new Set(texts).size).toBe(texts.length);
      expect(linesOf(texts)).toEqual(linesOf([LONG_TEXT]));
      const others = await tb.database.db.select().from(outboxMessages).where(like(outboxMessages.idempotencyKey, 'during-%'));
      expect(others.map((o) => o.status)).toEqual(others.map(() => 'sent'));
      // Only the refused chat waited its 30 seconds.
      for (const o of others) expect(o.sentAt!.getTime() - t0.getTime()).toBeLessThan(30_000);
    });

    it('counts a 429 as an attempt: a chat that is refused again and again ends as failed', async () => {
      newSender(3);
      fake.failNext({ kind: 'retry_after', seconds: 5 }, { chatId: '700000002', times: 1_000 });
      await queue('always-429', '700000002', 'refused every time', tb.clock.now());
      await runByClock(200);
      const [row] = await tb.database.db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, 'always-429'));
      expect(row!.status).toBe('failed');
      expect(row!.attempts).toBe(3);
    });
  });
});
