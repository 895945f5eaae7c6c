import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteCode } from '../../src/bot/invites.js';
import { members, persons, trackingEntries } from '../../src/db/schema/index.js';
import type { AdapterDriver } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

/**
 * The secretary's side on every adapter: a member named instead of numbered, namesakes offered as buttons
 * whose tap continues the command, a staff word with arguments, and a transfer done only on its confirmation.
 * The buttons' payloads must survive each platform (Telegram's callback data, Slack's block actions).
 */
export function staffNamesContract(makeDriver: () => AdapterDriver): void {
  describe('staff by name contract', () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver;
    let namesake = 0;
    let seen = 0;
    const next = async (n = 1) => {
      const all = await driver.messages('sec', seen + n);
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    };
    const personNamed = async (name: string) => (await ctx.database.db.select().from(persons).where(eq(persons.name, name)))[0]!.id;

    beforeAll(async () => {
      ctx = await createContractContext();
      const db = ctx.database.db;
      const secretary = await personNamed('王书记');
      const [zhang] = await db.select().from(members).where(eq(members.personId, await personNamed('张建国')));
      const [p] = await db.insert(persons).values({ name: '张建国', phone: '13900004321' }).returning({ id: persons.id });
      namesake = p!.id;
      await db.insert(members).values({ personId: namesake, homeOrgId: zhang!.homeOrgId });
      const { code } = await createInviteCode(db, secretary, secretary, ctx.clock.now(), 14);
      driver = makeDriver();
      await driver.start(ctx);
      await driver.sendText('sec', code);
      expect((await next(2))[0]!.text).toContain('绑定成功');
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('offers namesakes with branch and phone tail, and the tap logs the contact on the one chosen', async () => {
      await driver.sendText('sec', '/log 张建国 电话 问过工资的事');
      const [ask] = await next();
      expect(ask!.text).toContain('2 位叫“张建国”');
      const buttons = ask!.buttons.flat();
      expect(buttons.map((b) => b.label)).toContain('张建国（幸福村党支部，手机尾号 4321）');
      await driver.pressButton('sec', buttons.find((b) => b.payload.endsWith(`:${namesake}`))!.payload);
      expect((await next())[0]!.text).toContain('张建国');
      const calls = await ctx.database.db.select().from(trackingEntries).where(eq(trackingEntries.memberId, namesake));
      expect(calls.map((c) => c.note)).toEqual(['问过工资的事']);
    });

    it('takes a staff word with its arguments like the slash command', async () => {
      await driver.sendText('sec', '记录 刘秀英 走访 在家');
      expect((await next())[0]!.text).toContain('刘秀英');
    });

    it('asks before a transfer and does it on the confirmation, naming where the member went', async () => {
      await driver.sendText('sec', '/transfer 陈志强 东莞市长安镇流动党员党支部');
      const [ask] = await next();
      expect(ask!.text).toContain('确认把 陈志强 的组织关系从 幸福村党支部 转到 东莞市长安镇流动党员党支部');
      const yes = ask!.buttons.flat().find((b) => b.payload.startsWith('confirm:yes:'))!;
      await driver.pressButton('sec', yes.payload);
      expect((await next())[0]!.text).toContain('已从 幸福村党支部 转到 东莞市长安镇流动党员党支部');
    });

    it('keeps names and notes out of the logs', () => {
      for (const secret of ['张建国', '问过工资的事', '4321', '陈志强']) expect(ctx.logs.text).not.toContain(secret);
    });
  });
}
