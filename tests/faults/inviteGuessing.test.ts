import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, outboxMessages } from '../../src/db/schema/index.js';
import { incoming, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Guessing invite codes from many accounts, each staying under its own lock: every failure is in the audit
 * log (ids only), and past a threshold the staff at the top hear of it, once an hour at most.
 */
let h: TestBot;
let account = 0;

beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

/** `accounts` new accounts each try `guesses` wrong codes. */
async function guess(accounts: number, guesses: number) {
  for (let a = 0; a < accounts; a++) {
    const chat = `guesser-${++account}`;
    for (let g = 0; g < guesses; g++) {
      const code = `ZZZZ${String(2000 + account * 10 + g).slice(-4).replace(/[01]/g, '2')}`;
      expect((await h.bot.core.handle(incoming(chat, say(code)))).status).toBe('applied');
    }
  }
}

// In the order they were written: without an order PostgreSQL may return a heap's rows in any order.
const failures = () => h.database.db.select().from(auditLog).where(eq(auditLog.action, 'invite_code_failed')).orderBy(auditLog.id);
const alerts = () => h.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.personId, h.person('王书记').personId), like(outboxMessages.idempotencyKey, 'invite-guessing:%')));

describe('invite-code guessing', () => {
  it('audits each failure with ids only', async () => {
    expect(h.config.INVITE_CODE_ALERT_THRESHOLD).toBe(20);
    await guess(2, 4);
    const rows = await failures();
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.targetKind).toBe('identity');
      expect(r.targetId).toMatch(/^\d+$/);
      expect(r.actorId).toBeNull();
      expect(JSON.stringify(r.details)).not.toMatch(/ZZZZ/);
    }
    expect(rows.map((r) => (r.details as { attempt: number }).attempt)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(await alerts()).toHaveLength(0);
  });

  it('alerts the secretary at the top once the failures in an hour pass the threshold, once an hour', async () => {
    await guess(4, 4); // 24 in this hour
    const first = await alerts();
    expect(first).toHaveLength(1);
    const text = (first[0]!.payload as { text: string }).text;
    expect(text).toContain('邀请码');
    expect(text).toMatch(/2[0-9]/);
    await guess(10, 4); // many more, the same hour
    expect(await alerts()).toHaveLength(1);
    h.clock.advance(61 * 60_000);
    await guess(3, 4);
    expect(await alerts()).toHaveLength(1); // 12 in the new hour: under the threshold
    await guess(3, 4);
    expect(await alerts()).toHaveLength(2);
    expect((await failures()).length).toBe(8 + 16 + 40 + 24);
  });

  it('counts a lock-out, and every try while locked, as failures too', async () => {
    const before = (await failures()).length;
    await guess(1, 6);
    const rows = (await failures()).slice(before);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => (r.details as { locked: boolean }).locked)).toEqual([false, false, false, false, true, true]);
  });
});
