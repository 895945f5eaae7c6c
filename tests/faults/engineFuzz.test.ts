import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { conversations, outboxMessages } from '../../src/db/schema/index.js';
import { FLOW_NAMES } from '../../src/bot/flow.js';
import type { IncomingBody } from '../../src/bot/types.js';
import { incoming, startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

const body: fc.Arbitrary<IncomingBody> = fc.oneof(
  fc.constantFrom('/report', '/location', '/helpme', '/thought', '/status', '/language', '/withdraw', '/cancel', '/menu', '/help', '/members', '/invite 张建国', '/start', '/bogus', '菜单', '取消', '1', '2', '3', '9', '还在原地', '东莞', '同意').map((text) => ({ kind: 'text' as const, text })),
  fc.string({ maxLength: 60 }).map((text) => ({ kind: 'text' as const, text })),
  // Any UTF-16 code units: NUL, control characters, lone surrogates.
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => ({ kind: 'text' as const, text })),
  fc.bigInt({ min: 2n ** 31n - 1n, max: 2n ** 70n }).chain((n) => fc.constantFrom(`hr:confirm:${n}`, `hr:reopen:${n}`, `study:done:${n}`, `/status ${n}`)).map((payload) =>
    payload.startsWith('/') ? { kind: 'text' as const, text: payload } : { kind: 'button' as const, payload }),
  fc.constantFrom('menu:checkIn', 'menu:location', 'menu:help', 'menu:thoughtReport', 'menu:status', 'menu:language', 'menu:nope', 'ci:same', 'ci:moved', 'ci:work:working', 'ci:diff:yes', 'ci:study:no', 'loc:pick', 'loc:pick:440000', 'loc:yes', 'help:cat:medical', 'help:described', 'help:normal', 'help:submit', 'tr:done', 'tr:submit', 'consent:yes', 'consent:withdraw', 'hr:confirm:1', 'hr:reopen:99', 'lang:en', 'lang:zh-CN', 'cancel', 'x').map((payload) => ({ kind: 'button' as const, payload })),
  fc.record({ lat: fc.double({ min: 18, max: 50, noNaN: true }), lng: fc.double({ min: 75, max: 130, noNaN: true }) }).map((p) => ({ kind: 'location' as const, ...p })),
  fc.constant({ kind: 'file' as const, fileRef: 'F', mime: 'image/png' }),
);

describe('the engine under random conversations', () => {
  it('answers every message, never fails, and stores only known flows', async () => {
    const member = h.person('陈志强');
    const chat = member.terminalUserId!;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 12 }), async (bodies) => {
        for (const b of bodies) {
          const [{ n: before }] = (await h.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(eq(outboxMessages.chatId, chat))) as [{ n: number }];
          const result = await h.bot.core.handle(incoming(chat, b));
          expect(result.status).toBe('applied');
          const [{ n: after }] = (await h.database.db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages).where(eq(outboxMessages.chatId, chat))) as [{ n: number }];
          expect(after).toBeGreaterThan(before);
          const [row] = await h.database.db.select().from(conversations).where(eq(conversations.personId, member.personId));
          if (row) expect(FLOW_NAMES).toContain(row.flow);
        }
      }),
      { numRuns: 40 },
    );
    expect(h.logs.text).not.toContain('handling failed');
  }, 120_000);
});
