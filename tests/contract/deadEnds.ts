import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { locationRecords, persons } from '../../src/db/schema/index.js';
import type { AdapterDriver, SeenMessage } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

const payloads = (m: SeenMessage | undefined) => (m?.buttons ?? []).flat().map((b) => b.payload);

/**
 * The member's dead ends of issue 13, on every adapter: the withdrawal 我的情况 promised, labels typed with or
 * without their emoji, a lone number in a free-text answer, the open question asked again on coming back,
 * and places named in the member's language.
 */
export function deadEndsContract(makeDriver: () => AdapterDriver): void {
  describe('member dead ends', () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver;
    let seen = 0;
    const next = async (n = 1) => {
      const all = await driver.messages('u1', seen + n);
      const fresh = all.slice(seen, seen + n);
      seen += n;
      return fresh;
    };
    const zhao = async () => (await ctx.database.db.select({ id: persons.id }).from(persons).where(eq(persons.name, '赵小红')))[0]!.id;

    beforeAll(async () => {
      ctx = await createContractContext();
      driver = makeDriver();
      await driver.start(ctx);
      await driver.sendText('u1', 'hello');
      await next();
      await driver.sendText('u1', ctx.inviteCode);
      await next(2);
      await driver.pressButton('u1', 'consent:yes');
      expect((await next())[0]!.text).toContain('我的情况');
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('a label typed without its emoji is the button: 语言 opens the language choice', async () => {
      await driver.sendText('u1', ' 语言 ');
      const [ask] = await next();
      expect(payloads(ask)).toEqual(['lang:zh-CN', 'lang:en']);
      await driver.pressButton('u1', 'lang:en');
      expect((await next())[0]!.text).toContain('English');
    });

    it('names places in the member\'s language, and 我的情况 offers the withdrawal it promised', async () => {
      await driver.shareLocation('u1', 23.0207, 113.7518);
      const [confirm] = await next();
      expect(confirm!.text).toContain('Dongguan, Guangdong');
      await driver.pressButton('u1', 'loc:yes');
      await next();
      expect(await ctx.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, await zhao()))).toHaveLength(1);
      await driver.sendText('u1', '/status');
      const [status] = await next();
      expect(status!.text).toContain('Dongguan, Guangdong');
      expect(status!.text).not.toMatch(/\d{6}/);
      expect(payloads(status)).toContain('menu:withdraw');
      await driver.pressButton('u1', 'menu:withdraw');
      expect(payloads((await next())[0])).toEqual(['consent:withdraw', 'consent:keep']);
      await driver.pressButton('u1', 'consent:withdraw');
      await next();
      // As /withdraw does: the stored places are gone.
      expect(await ctx.database.db.select().from(locationRecords).where(eq(locationRecords.memberId, await zhao()))).toHaveLength(0);
      await driver.sendText('u1', 'Language');
      await next();
      await driver.pressButton('u1', 'lang:zh-CN');
      await next();
    });

    it('思想汇报 typed without its emoji starts the report; a lone 6 in it is asked about, not swallowed', async () => {
      await driver.sendText('u1', '思想汇报');
      expect((await next())[0]!.text).toContain('请写本季度的思想汇报');
      await driver.sendText('u1', '6');
      const [question] = await next();
      expect(question!.text).toContain('语言');
      expect(payloads(question)).toEqual(['typed:keep:6', 'typed:go:menu:language']);
      await driver.pressButton('u1', 'typed:keep:6');
      expect((await next())[0]!.text).toContain('目前共 1 字');
    });

    it('coming back with /start or the same command asks the open question again instead of starting over', async () => {
      await driver.sendText('u1', '/start');
      const [lead, again] = await next(2);
      expect(lead!.text).toContain('刚才说到');
      expect(again!.text).toContain('目前共 1 字');
      await driver.sendText('u1', '/thought');
      expect((await next(2))[1]!.text).toContain('目前共 1 字');
      // A lone number can still open the menu item it names.
      await driver.sendText('u1', '6');
      await next();
      await driver.pressButton('u1', 'typed:go:menu:language');
      expect(payloads((await next())[0])).toEqual(['lang:zh-CN', 'lang:en']);
      await driver.pressButton('u1', 'lang:zh-CN');
      await next();
      await driver.sendText('u1', '/report');
      await next(2);
      await driver.pressButton('u1', 'ci:same');
      const [work] = await next();
      await driver.sendText('u1', '/report');
      const [resumed, workAgain] = await next(2);
      expect(resumed!.text).toContain('刚才说到');
      expect(payloads(workAgain)).toEqual(payloads(work));
    });

    it('keeps places and texts out of the logs', () => {
      for (const secret of ['Dongguan', '东莞', '赵小红']) expect(ctx.logs.text).not.toContain(secret);
    });
  });
}
