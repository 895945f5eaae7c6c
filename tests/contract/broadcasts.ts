import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createInviteCode } from '../../src/bot/invites.js';
import { persons } from '../../src/db/schema/index.js';
import type { AdapterDriver } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

/**
 * A secretary's notice on every adapter: a filter word the bot does not know is refused with the list of
 * those it does; a place named in words reaches the member there; and when sending has ended the secretary
 * is told, on the platform they used, how many got it and who did not.
 */
export function broadcastContract(makeDriver: () => AdapterDriver): void {
  describe('a secretary\'s notice', () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver;
    const seen = new Map<string, number>();
    const next = async (user: string, n = 1) => {
      const from = seen.get(user) ?? 0;
      const all = await driver.messages(user, from + n);
      seen.set(user, from + n);
      return all.slice(from, from + n);
    };

    beforeAll(async () => {
      // Members' afternoon and evening are the whole day here: the test runs on the real clock.
      ctx = await createContractContext({ OFF_PEAK_START_HOUR: '0', OFF_PEAK_END_HOUR: '24' });
      driver = makeDriver();
      await driver.start(ctx);
      // u1 is the member 赵小红 (her registered destination is 杭州); u2 the branch secretary 王书记.
      await driver.sendText('u1', 'hello');
      await next('u1');
      await driver.sendText('u1', ctx.inviteCode);
      await next('u1', 2);
      const [secretary] = await ctx.database.db.select({ id: persons.id }).from(persons).where(eq(persons.name, '王书记'));
      const { code } = await createInviteCode(ctx.database.db, secretary!.id, null, ctx.clock.now(), 14);
      await driver.sendText('u2', 'hello');
      await next('u2');
      await driver.sendText('u2', code);
      await next('u2', 2);
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('refuses a filter word it does not know, listing those it does', async () => {
      await driver.sendText('u2', '/broadcast 全体流动 | 明天开会');
      const [refusal] = await next('u2');
      expect(refusal!.text).toContain('看不懂这些条件：全体流动');
      expect(refusal!.text).toContain('下岗失业党员');
    });

    it('sends to the members in a place named in words, and tells the secretary how it went', async () => {
      await driver.sendText('u2', '/broadcast 地点=杭州 | 本月主题党日改在 25 日');
      const [confirm] = await next('u2');
      expect(confirm!.text).toContain('将发给 1 位党员');
      await driver.pressButton('u2', 'bc:send');
      const [queued] = await next('u2');
      expect(queued!.text).toContain('已排队：1 位党员');
      const [notice] = await next('u1');
      expect(notice!.text).toContain('本月主题党日改在 25 日');
      const [report] = await next('u2');
      expect(report!.text).toMatch(/已发完：送达 1 位党员，失败 0 位。\n全部送达。/);
    });
  });
}
