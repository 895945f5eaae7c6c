import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteCode } from '../../src/bot/invites.js';
import { certificateActivities, jobWishStatements, organisations, persons, recognitions, staffRoles } from '../../src/db/schema/index.js';
import type { AdapterDriver } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

/**
 * The rest of the member's year on every adapter: a laid-off member states her 就业意向 by taps and typing; the
 * secretary records a 先进, announces it with the button under the reply, and revokes it with a reason asked for; the
 * inflow organisation's liaison records an activity on the 活动证. Payloads must survive each platform.
 */
export function yearContract(makeDriver: () => AdapterDriver): void {
  describe('the year contract', () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver;
    const seen = new Map<string, number>();
    const next = async (user: string, n = 1) => {
      const all = await driver.messages(user, (seen.get(user) ?? 0) + n);
      const fresh = all.slice(seen.get(user) ?? 0);
      seen.set(user, all.length);
      return fresh;
    };
    /**
     * Reads the user's messages one by one until one matches (a notice's answer has one to three lines, by the hour).
     * After a notice the terminal waits for its sends to finish before reading on, so a message may take a while.
     */
    const until = async (user: string, match: (m: { text: string; buttons: { payload: string }[][] }) => boolean) => {
      for (let i = 0, waits = 0; i < 6 && waits < 4;) {
        // Messages that arrived together are all looked at, not only the first of them.
        const fresh = await next(user).catch(() => []);
        if (fresh.length === 0) { waits++; continue; }
        for (const got of fresh) {
          i++;
          if (match(got)) return got;
        }
      }
      throw new Error('no such message');
    };
    const personNamed = async (name: string) => (await ctx.database.db.select().from(persons).where(eq(persons.name, name)))[0]!.id;
    /** Links the user's account to the person first (each user acts in one test: the terminal is one person at a time). */
    const link = async (user: string, personId: number) => {
      const { code } = await createInviteCode(ctx.database.db, personId, null, ctx.clock.now(), 14);
      await driver.sendText(user, code);
      expect((await next(user, 2))[0]!.text).toContain('绑定成功');
    };
    let inflowLiaison = 0;

    beforeAll(async () => {
      ctx = await createContractContext();
      const db = ctx.database.db;
      const [inflow] = await db.select().from(organisations).where(eq(organisations.name, '东莞市长安镇流动党员党支部'));
      const [p] = await db.insert(persons).values({ name: '流入地联络员' }).returning({ id: persons.id });
      await db.insert(staffRoles).values({ personId: p!.id, role: 'liaison', orgId: inflow!.id });
      inflowLiaison = p!.id;
      driver = makeDriver();
      await driver.start(ctx);
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('a laid-off member states her 就业意向 from the menu, by taps and typing', async () => {
      await link('liu', await personNamed('刘秀英'));
      await driver.sendText('liu', '/menu');
      const [menu] = await next('liu');
      expect(menu!.buttons.flat().map((b) => b.payload)).toContain('menu:jobWish');
      await driver.pressButton('liu', 'menu:jobWish');
      expect((await next('liu'))[0]!.text).toContain('想做什么工作');
      await driver.sendText('liu', '电工、保安');
      expect((await next('liu'))[0]!.buttons.flat().map((b) => b.payload)).toContain('jw:place:local');
      await driver.pressButton('liu', 'jw:place:local');
      await next('liu');
      await driver.pressButton('liu', 'jw:training:none');
      expect((await next('liu'))[0]!.text).toContain('想做：电工、保安；地点：在本地');
      const [own] = await ctx.database.db.select().from(jobWishStatements);
      expect([own!.work, own!.place, own!.training]).toEqual([['电工', '保安'], 'local', []]);
    });

    it('the secretary records a 先进, announces it with the button, and revokes it with a reason', async () => {
      await link('sec', await personNamed('王书记'));
      await driver.sendText('sec', '/example 张建国 帮助工友讨回欠薪');
      const [saved] = await next('sec');
      const announce = saved!.buttons.flat().find((b) => b.payload.startsWith('example:announce:'))!;
      expect(announce).toBeDefined();
      await driver.pressButton('sec', announce.payload);
      // The notice is queued for the branch, and the secretary is told who has no reachable account.
      await until('sec', (m) => m.text.includes('赵小红'));
      const [rec] = await ctx.database.db.select().from(recognitions);
      expect(rec!.announcedBroadcastId).not.toBeNull();
      await driver.sendText('sec', '先进名单');
      const list = await until('sec', (m) => m.buttons.flat().some((b) => b.payload.startsWith('example:revoke:')));
      expect(list.buttons.flat().some((b) => b.payload === announce.payload)).toBe(false);
      await driver.pressButton('sec', list.buttons.flat().find((b) => b.payload.startsWith('example:revoke:'))!.payload);
      // The announcement's own "sent to all" notice may come in between, whenever its sending ends: waited past.
      expect((await until('sec', (m) => m.text.includes('理由'))).text).toContain('理由');
      await driver.sendText('sec', '事迹核实有误');
      expect((await until('sec', (m) => m.text.includes('已撤销'))).text).toContain('已撤销');
      const [after] = await ctx.database.db.select().from(recognitions);
      expect(after!.revokeReason).toBe('事迹核实有误');
      // A notice is sent out before the terminal reads on: more than the default 30 s on a busy machine.
    }, 120_000);

    it('the inflow liaison records an activity on the 活动证', async () => {
      await link('inflow', inflowLiaison);
      await driver.sendText('inflow', '/activity 张建国 2026-03-05 参加流入地主题党日');
      expect((await next('inflow'))[0]!.text).toContain('参加流入地主题党日');
      expect(await ctx.database.db.select().from(certificateActivities)).toHaveLength(1);
    });

    it('keeps names and the members’ words out of the logs', () => {
      for (const secret of ['张建国', '刘秀英', '电工、保安', '事迹核实有误', '帮助工友讨回欠薪', '参加流入地主题党日']) expect(ctx.logs.text).not.toContain(secret);
    });
  });
}
