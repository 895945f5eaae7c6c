import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inviteCodes, locationRecords, reports } from '../../src/db/schema/index.js';
import { createInviteCode } from '../../src/bot/invites.js';
import { startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

async function rejects(p: Promise<unknown>) {
  await expect(p).rejects.toThrow();
}

describe('schema constraints', () => {
  it('holds one report per member, kind and period', async () => {
    const memberId = h.person('张建国').personId;
    const row = { memberId, kind: 'monthly' as const, period: '2026-10', submittedAt: new Date() };
    await h.database.db.insert(reports).values(row);
    await rejects(h.database.db.insert(reports).values(row));
    await h.database.db.insert(reports).values({ ...row, kind: 'thought', period: '2026-Q4' });
  });

  it('refuses a period of the wrong shape for its kind', async () => {
    const memberId = h.person('刘秀英').personId;
    await rejects(h.database.db.insert(reports).values({ memberId, kind: 'monthly', period: '2026-Q4', submittedAt: new Date() }));
    await rejects(h.database.db.insert(reports).values({ memberId, kind: 'thought', period: '2026-11', submittedAt: new Date() }));
  });

  it('stores invite codes hashed, and a code is used once with its user', async () => {
    const memberId = h.person('陈志强').personId;
    const { code } = await createInviteCode(h.database.db, memberId, null, new Date(), 14);
    const rows = await h.database.db.select().from(inviteCodes).where(eq(inviteCodes.personId, memberId));
    expect(rows.some((r) => r.codeHash.includes(code))).toBe(false);
    await rejects(h.database.db.update(inviteCodes).set({ usedAt: new Date() }).where(eq(inviteCodes.personId, memberId)));
  });

  it('keeps locations as region codes, never coordinates', async () => {
    const memberId = h.person('张建国').personId;
    await rejects(h.database.db.insert(locationRecords).values({ memberId, regionCode: '23.02,113.75', source: 'picked', recordedAt: new Date() }));
  });
});
