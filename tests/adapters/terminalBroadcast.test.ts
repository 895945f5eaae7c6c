import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../src/adapters/terminal/index.js';
import { formatCode } from '../../src/bot/invites.js';
import { terminalDemo } from '../../src/demo/index.js';
import { startTestBot, type TestBot } from '../support/bot.js';

/**
 * A broadcast in the terminal, as someone trying the demo types it: 赵小红 joins with the demo's invite code,
 * 王书记 counts the mobile members, has a word the audience does not know refused with the list of what it
 * knows, sends a notice after its preview and is told how it went; the members' chats get the notice (one of
 * them has blocked the bot, so the report names him).
 */
let tb: TestBot;
const exportsDir = mkdtempSync(join(tmpdir(), 'bot-broadcast-exports-'));
const input = new PassThrough();
const output = new PassThrough();
let printed = '';
output.on('data', (d: Buffer) => (printed += d.toString()));
let running: Promise<void>;
/** What reached each terminal chat, by chat id. */
const received = new Map<string, string[]>();
const blocked = new Set<string>();
let from = 0;

/** Waits for `needle` in what was printed since the last line this test waited for. */
async function until(needle: RegExp | string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const fresh = printed.slice(from);
    const at = typeof needle === 'string' ? fresh.indexOf(needle) : fresh.search(needle);
    if (at >= 0) {
      from += at;
      return fresh;
    }
    if (Date.now() > deadline) throw new Error(`not printed: ${String(needle)}\n${fresh}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const type = (line: string) => input.write(`${line}\n`);

beforeAll(async () => {
  tb = await startTestBot();
  const adapter = createTerminalAdapter({
    core: tb.bot.core,
    demo: terminalDemo(tb.database, tb.clock, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }),
    clock: tb.clock,
    input,
    output,
    drain: () => tb.bot.sender.drain(['terminal']),
    exportsDir,
  });
  const print = adapter.transport.send.bind(adapter.transport);
  adapter.transport.send = async (chat, message) => {
    received.set(chat.chatId, [...(received.get(chat.chatId) ?? []), message.text]);
    if (blocked.has(chat.chatId)) return { ok: false, kind: 'permanent', code: 'blocked' };
    return print(chat, message);
  };
  running = adapter.run();
});
afterAll(async () => {
  input.end();
  await running;
  await tb?.close();
  rmSync(exportsDir, { recursive: true, force: true });
});

describe('a broadcast in the terminal', () => {
  it('赵小红 joins with the invite code, so the terminal can talk as her', async () => {
    type('/as new');
    type(formatCode(tb.demo.inviteCode));
    await until('绑定成功');
    type('同意');
    await until('随时在“我的情况”里撤回');
    type('/as 赵小红');
    await until('现在您是：赵小红');
  });

  it('as 王书记: /audience counts the mobile members; a word it does not know is refused with the list', async () => {
    type('/as 王书记');
    await until('现在您是：王书记');
    type('/audience 流动党员');
    // 张建国, 陈志强 and 赵小红, every one with a terminal account now.
    await until('按这个条件，共 3 名党员，其中 3 人能在机器人里收到。');
    type('/audience 流动党员 外地人');
    const refused = await until('看不懂这些条件：外地人');
    expect(refused).toContain('类别：流动党员、下岗失业党员');
    expect(refused).toContain('未报到（本月还没报到）');
    expect(refused).toContain('地点=杭州');
  });

  it('/broadcast previews, sends on the confirming tap, and the secretary is told delivered and failed', async () => {
    blocked.add(tb.person('陈志强').terminalUserId!);
    type('/broadcast 流动党员 | 通知：本月主题党日改在 25 日晚上，可以线上参加');
    const preview = await until('将发给 3 位党员（其中 3 位能收到机器人消息）');
    expect(preview).toContain('本月主题党日改在 25 日晚上');
    expect(printed.slice(from)).toContain('[1] 确认发送');
    type('1');
    await until(/通知 \d+ 已排队：3 位党员/);
    // The adapter drains the outbox after every line; the report is queued once the last notice is through.
    type('/delivery');
    const report = await until(/通知 \d+ 已发完：送达 2 位党员，失败 1 位/);
    expect(report).toContain('没收到的：陈志强');
    await until(/#\d+: ✓2 ⏳0 ✗1/);
  });

  it('the members got the notice in their own chats, 赵小红 included; the blocked one did not', async () => {
    const notice = /📢 支部通知\n\s*通知：本月主题党日改在 25 日晚上/;
    const zhao = (await terminalDemo(tb.database, tb.clock, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }).people()).find((p) => p.name === '赵小红')!;
    expect(received.get(zhao.terminalUserId)?.some((text) => notice.test(text))).toBe(true);
    expect(received.get(tb.person('张建国').terminalUserId!)?.some((text) => notice.test(text))).toBe(true);
    expect(printed).toMatch(/→ 发给 赵小红： 📢 支部通知/);
    expect(printed).not.toMatch(/→ 发给 陈志强：\s*📢/);
  });
});
