import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createInviteCode } from '../../src/bot/invites.js';
import { persons } from '../../src/db/schema/index.js';
import type { AdapterDriver, SeenMessage } from './driver.js';
import { createContractContext, type ContractContext } from './harness.js';

/** How a platform shows a photo again to a staff person: resolves once it has, with what it carried. */
export type PhotoShown = (user: string) => Promise<void>;

/**
 * Issue 13, "members' words must reach a person", as people meet it on a platform: a member's urgent help
 * request reaches the liaison with its words and buttons, is listed and noted by taps; a thought report with
 * a photo of a handwritten page reaches the secretary, who reads it (the photo shown again) and answers;
 * a sticker is answered. Staff see names, never a member id or a region code.
 */
export function helpdeskContract(makeDriver: () => AdapterDriver & { photoShown: PhotoShown }): void {
  describe('helpdesk contract', () => {
    let ctx: ContractContext & { close(): Promise<void> };
    let driver: AdapterDriver & { photoShown: PhotoShown };
    const read = new Map<string, number>();
    let requestId = '';
    let reportId = '';

    /** The next message to `user` (after those already read) that `matches`; waits for it. */
    async function expectMessage(user: string, matches: (m: SeenMessage) => boolean, what: string): Promise<SeenMessage> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const all = await driver.messages(user, 0);
        const from = read.get(user) ?? 0;
        const i = all.findIndex((m, j) => j >= from && matches(m));
        if (i >= 0) {
          read.set(user, i + 1);
          return all[i]!;
        }
        if (Date.now() > deadline) throw new Error(`${user} never saw ${what}; saw: ${all.slice(from).map((m) => m.text).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 30));
      }
    }
    const saying = (user: string, text: string) => expectMessage(user, (m) => m.text.includes(text), `"${text}"`);
    const offering = (user: string, payload: string) => expectMessage(user, (m) => m.buttons.flat().some((b) => b.payload === payload), `a button ${payload}`);
    const payloads = (m: SeenMessage) => m.buttons.flat().map((b) => b.payload);

    beforeAll(async () => {
      ctx = await createContractContext();
      driver = makeDriver();
      await driver.start(ctx);
    });
    afterAll(async () => {
      await driver?.stop();
      await ctx?.close();
    });

    it('links a member and two staff accounts with one-time codes', async () => {
      const codeFor = async (name: string) => {
        const [p] = await ctx.database.db.select().from(persons).where(eq(persons.name, name));
        return (await createInviteCode(ctx.database.db, p!.id, null, ctx.clock.now(), 14)).code;
      };
      await driver.sendText('member', ctx.inviteCode);
      await offering('member', 'consent:yes');
      await driver.pressButton('member', 'consent:yes');
      await driver.sendText('liaison', await codeFor('李联络员'));
      await saying('liaison', '绑定成功');
      await driver.sendText('secretary', await codeFor('王书记'));
      await saying('secretary', '绑定成功');
    });

    it('an urgent request reaches the liaison with its words and buttons; the member is told who will call', async () => {
      await driver.sendText('member', '/helpme');
      await offering('member', 'help:cat:wages');
      await driver.pressButton('member', 'help:cat:wages');
      await saying('member', '请简单说说情况');
      await driver.sendText('member', '老板欠了三个月工资，电话不接');
      await offering('member', 'help:described');
      await driver.pressButton('member', 'help:described');
      await offering('member', 'help:urgent');
      await driver.pressButton('member', 'help:urgent');
      await offering('member', 'help:submit');
      await driver.pressButton('member', 'help:submit');
      await saying('member', '联络员李联络员会尽快联系您');

      const notice = await saying('liaison', '老板欠了三个月工资，电话不接');
      expect(notice.text).toContain('紧急求助');
      expect(notice.text).toContain('赵小红');
      requestId = /^hr:take:(\d+)$/.exec(payloads(notice)[0] ?? '')?.[1] ?? '';
      expect(payloads(notice)).toEqual(['take', 'resolve', 'note', 'handover'].map((v) => `hr:${v}:${requestId}`));
    });

    it('/hr lists it; a note is written by a tap and a message; taking it is a tap', async () => {
      await driver.sendText('liaison', '/hr');
      const list = await saying('liaison', '待办的求助 1 个');
      expect(list.text).toContain(`求助 ${requestId} · 赵小红 · 讨要工资`);
      expect(payloads(list)).toContain(`hr:note:${requestId}`);
      await driver.pressButton('liaison', `hr:note:${requestId}`);
      await saying('liaison', `请写给求助 ${requestId} 的备注`);
      await driver.sendText('liaison', '已联系老板，约了周五面谈');
      await saying('liaison', `已给求助 ${requestId} 加上备注`);
      await driver.pressButton('liaison', `hr:take:${requestId}`);
      await saying('liaison', `求助 ${requestId} 由您来办`);
      await driver.sendText('liaison', `/hr ${requestId}`);
      const detail = await saying('liaison', '已联系老板，约了周五面谈');
      expect(detail.text).toContain('由 李联络员 办理');
    });

    it('a thought report with a photo reaches the secretary, who reads it and answers the member', async () => {
      if (!driver.sendPhoto) return;
      await driver.sendText('member', '/thought');
      await saying('member', '思想汇报');
      await driver.sendText('member', '这个季度学习了党章，在店里带头守规矩。');
      await saying('member', '收到，目前共');
      await driver.sendPhoto('member');
      await saying('member', '1 张照片');
      await driver.pressButton('member', 'tr:done');
      await offering('member', 'tr:submit');
      await driver.pressButton('member', 'tr:submit');
      await saying('member', '思想汇报已提交');

      const notice = await expectMessage('secretary', (m) => /赵小红 交了第.季度思想汇报（手写，1 张照片）/.test(m.text), 'the thought report notice');
      reportId = /^thought:read:(\d+)$/.exec(payloads(notice)[0] ?? '')?.[1] ?? '';
      expect(payloads(notice)).toEqual([`thought:read:${reportId}`, `thought:reply:${reportId}`]);
      await driver.pressButton('secretary', `thought:read:${reportId}`);
      await saying('secretary', '这个季度学习了党章，在店里带头守规矩。');
      await driver.photoShown('secretary');

      await driver.pressButton('secretary', `thought:reply:${reportId}`);
      await saying('secretary', '请写给党员的回复');
      await driver.sendText('secretary', '写得实在，继续保持。');
      await saying('secretary', '已把回复转给 赵小红');
      await saying('member', '书记已阅：写得实在，继续保持。');
    });

    it('a sticker gets an answer saying what the bot reads', async () => {
      if (!driver.sendSticker) return;
      await driver.sendSticker('member');
      await saying('member', '贴纸我看不懂');
    });

    it('staff see names, never a member id or a region code; the logs see neither words nor names', async () => {
      for (const staff of ['liaison', 'secretary']) {
        for (const m of await driver.messages(staff, 0)) {
          expect(m.text).not.toMatch(/#\d/);
          expect(m.text).not.toMatch(/\b\d{6}\b/);
        }
      }
      for (const secret of ['老板欠了', '约了周五', '党章', '写得实在', '赵小红']) expect(ctx.logs.text).not.toContain(secret);
    });
  });
}
