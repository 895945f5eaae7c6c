import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterDriver } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

/**
 * The conversation every adapter must carry the same way: join with a code, agree to location,
 * check in by buttons, report a move with a typed place, and see it in the record.
 */
export function conversationContract(makeDriver: () => AdapterDriver): void {
  describe(`conversation contract`, () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver;
    let seen = 0;
    const next = async (user: string, n = 1) => {
      const all = await driver.messages(user, seen + n);
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh;
    };

    beforeAll(async () => {
      ctx = await createContractContext();
      driver = makeDriver();
      await driver.start(ctx);
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('asks a stranger for an invite code, and links the account with it', async () => {
      await driver.sendText('u1', 'hello');
      expect((await next('u1'))[0]!.text).toContain('邀请码');
      await driver.sendText('u1', ctx.inviteCode);
      const [welcome, consent] = await next('u1', 2);
      expect(welcome!.text).toContain('绑定成功');
      expect(consent!.buttons.flat().map((b) => b.payload)).toEqual(['consent:yes', 'consent:no']);
      await driver.pressButton('u1', 'consent:yes');
      await next('u1');
    });

    it('runs a check-in by buttons, and answers nonsense without losing the place', async () => {
      await driver.sendText('u1', '/report');
      const [, whereabouts] = await next('u1', 2);
      expect(whereabouts!.buttons.flat().map((b) => b.payload)).toEqual(['ci:same', 'ci:moved']);
      await driver.sendText('u1', 'blah');
      const [sorry, again] = await next('u1', 2);
      expect(sorry!.text).toContain('没看明白');
      expect(again!.buttons.flat().map((b) => b.payload)).toEqual(['ci:same', 'ci:moved']);
      await driver.pressButton('u1', 'ci:moved');
      await next('u1');
      await driver.pressButton('u1', 'ci:work:working');
      await next('u1');
      await driver.pressButton('u1', 'ci:diff:no');
      await next('u1');
      await driver.pressButton('u1', 'ci:study:yes');
      const [thanks, where] = await next('u1', 2);
      expect(thanks!.text).toContain('报到完成');
      expect(where!.text).toContain('哪个城市');
    });

    it('takes a shared point, keeps only the city, and shows it in the record', async () => {
      await driver.shareLocation('u1', 23.0207, 113.7518);
      const [confirm] = await next('u1');
      expect(confirm!.text).toContain('东莞');
      await driver.pressButton('u1', 'loc:yes');
      expect((await next('u1'))[0]!.text).toContain('已记录');
      await driver.sendText('u1', '/status');
      const [status] = await next('u1');
      expect(status!.text).toContain('东莞');
      expect(status!.text).toContain('已报到');
    });

    it('keeps what was said and where out of the logs', () => {
      const logs = ctx.logs.text;
      for (const secret of ['赵小红', 'blah', '东莞', '23.02', ctx.inviteCode]) expect(logs).not.toContain(secret);
    });
  });
}
