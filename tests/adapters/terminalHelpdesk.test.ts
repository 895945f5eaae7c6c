import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../src/adapters/terminal/index.js';
import { terminalDemo } from '../../src/demo/index.js';
import type { SeenMessage } from '../contract/driver.js';
import { createContractContext, type ContractContext } from '../contract/harness.js';

/**
 * Issue 13 in the terminal, as someone trying the demo types it: `/as` switches between the demo's member,
 * liaison and secretary; buttons are pressed by their number. A help request reaches the liaison with its
 * words, `/hr` lists it and a note is written by a tap; a thought report reaches the secretary, who reads it
 * and answers the member.
 */
let ctx: ContractContext & { close(): Promise<void> };
const input = new PassThrough();
const output = new PassThrough();
output.resume();
let running: Promise<void> | undefined;
const seen = new Map<string, SeenMessage[]>();
const read = new Map<string, number>();
const chatOf = new Map<string, string>();

async function expectMessage(name: string, matches: (m: SeenMessage) => boolean, what: string): Promise<SeenMessage> {
  const chat = chatOf.get(name)!;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const all = seen.get(chat) ?? [];
    const from = read.get(chat) ?? 0;
    const i = all.findIndex((m, j) => j >= from && matches(m));
    if (i >= 0) {
      read.set(chat, i + 1);
      return all[i]!;
    }
    if (Date.now() > deadline) throw new Error(`${name} never saw ${what}; saw: ${all.slice(from).map((m) => m.text).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
const saying = (name: string, text: string) => expectMessage(name, (m) => m.text.includes(text), `"${text}"`);
const type = (line: string) => input.write(`${line}\n`);
/** Presses a button the way the terminal asks: by typing its number on the last message that offered it. */
function press(name: string, payload: string) {
  const last = [...(seen.get(chatOf.get(name)!) ?? [])].reverse().find((m) => m.buttons.length > 0);
  const index = last?.buttons.flat().findIndex((b) => b.payload === payload) ?? -1;
  if (index < 0) throw new Error(`no button ${payload} on ${name}'s screen`);
  type(String(index + 1));
}

beforeAll(async () => {
  ctx = await createContractContext();
  const people = await terminalDemo(ctx.database, ctx.clock, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }).people();
  for (const p of people) chatOf.set(p.name, p.terminalUserId);
  const adapter = createTerminalAdapter({
    core: ctx.bot.core,
    demo: terminalDemo(ctx.database, ctx.clock, { inviteTtlDays: ctx.config.INVITE_CODE_TTL_DAYS, timezone: ctx.config.DEFAULT_TIMEZONE }),
    clock: ctx.clock,
    input,
    output,
    drain: () => ctx.bot.sender.drain(['terminal']),
    exportsDir: join(tmpdir(), 'terminal-helpdesk-exports'),
  });
  const print = adapter.transport.send.bind(adapter.transport);
  adapter.transport.send = async (chat, message) => {
    seen.set(chat.chatId, [...(seen.get(chat.chatId) ?? []), { text: message.text, buttons: message.buttons ?? [] }]);
    return print(chat, message);
  };
  running = adapter.run();
});
afterAll(async () => {
  input.end();
  await running;
  await ctx?.close();
});

describe('help requests and thought reports in the terminal', () => {
  let requestId = '';

  it('a help request reaches the liaison with its words; /hr lists it; a note by a tap', async () => {
    type('/as 刘秀英');
    type('/helpme');
    await saying('刘秀英', '是哪方面的困难');
    type('讨要工资');
    await saying('刘秀英', '请简单说说情况');
    type('厂里欠了两个月工资');
    await saying('刘秀英', '说完了');
    press('刘秀英', 'help:described');
    await expectMessage('刘秀英', (m) => m.buttons.flat().some((b) => b.payload === 'help:urgent'), 'the urgency buttons');
    press('刘秀英', 'help:urgent');
    await expectMessage('刘秀英', (m) => m.buttons.flat().some((b) => b.payload === 'help:submit'), 'the submit button');
    press('刘秀英', 'help:submit');
    const submitted = await saying('刘秀英', '联络员李联络员会尽快联系您');
    requestId = /求助编号 (\d+)/.exec(submitted.text)?.[1] ?? '';

    const notice = await saying('李联络员', '厂里欠了两个月工资');
    expect(notice.text).toContain('紧急求助');
    type('/as 李联络员');
    type('/hr');
    const list = await saying('李联络员', '待办的求助 1 个');
    expect(list.text).toContain(`求助 ${requestId} · 刘秀英 · 讨要工资`);
    press('李联络员', `hr:note:${requestId}`);
    await saying('李联络员', `请写给求助 ${requestId} 的备注`);
    type('已打电话给厂里');
    await saying('李联络员', `已给求助 ${requestId} 加上备注`);
    type(`/hr ${requestId}`);
    const detail = await saying('李联络员', '已打电话给厂里');
    expect(detail.text).not.toMatch(/#\d/);
  });

  it('a thought report reaches the secretary, who reads it and answers the member', async () => {
    type('/as 刘秀英');
    type('/thought');
    await saying('刘秀英', '思想汇报');
    type('这个季度坚持学习，按时交了党费。');
    await saying('刘秀英', '收到，目前共');
    press('刘秀英', 'tr:done');
    await expectMessage('刘秀英', (m) => m.buttons.flat().some((b) => b.payload === 'tr:submit'), 'the submit button');
    press('刘秀英', 'tr:submit');
    await saying('刘秀英', '思想汇报已提交');

    const notice = await expectMessage('王书记', (m) => /刘秀英 交了第.季度思想汇报/.test(m.text), 'the thought report notice');
    const reportId = /^thought:read:(\d+)$/.exec(notice.buttons.flat()[0]?.payload ?? '')?.[1] ?? '';
    type('/as 王书记');
    press('王书记', `thought:read:${reportId}`);
    await saying('王书记', '这个季度坚持学习，按时交了党费。');
    press('王书记', `thought:reply:${reportId}`);
    await saying('王书记', '请写给党员的回复');
    type('好，继续坚持。');
    await saying('王书记', '已把回复转给 刘秀英');
    await saying('刘秀英', '书记已阅：好，继续坚持。');
  });
});
