import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

/** `npm start` as a newcomer runs it: the real process, PGlite in a data folder, lines on stdin. */
function startBot(dataDir: string): { child: ChildProcessWithoutNullStreams; output: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'info', TERMINAL: 'on', CONSOLE_PORT: '0' },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, stderr: () => err, exited };
}

async function waitFor(read: () => string, needle: string | RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = read();
    if (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${String(needle)}; got:\n${read()}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'bot-terminal-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('terminal adapter, end to end', () => {
  it('onboards, checks in, is killed mid-conversation, and resumes after a restart', async () => {
    const first = startBot(dataDir);
    await waitFor(first.output, '/demo');
    first.child.stdin.write('/demo\n');
    const afterDemo = await waitFor(first.output, /邀请码 ([A-Z2-9]{4}-[A-Z2-9]{4})/);
    const code = /邀请码 ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(afterDemo)![1]!;
    first.child.stdin.write('/as new\n');
    first.child.stdin.write('乱写一通\n');
    first.child.stdin.write(`${code}\n`);
    await waitFor(first.output, '绑定成功');
    first.child.stdin.write('同意\n');
    await waitFor(first.output, '随时在“我的情况”里撤回');
    for (const line of ['月度报到', '换地方了', '1', '嗯？', '是', '学了']) first.child.stdin.write(`${line}\n`);
    await waitFor(first.output, '是哪方面的困难');
    expect(first.output()).toContain('报到完成');
    expect(first.output()).toContain('没看明白');
    // A crash, not a goodbye: the conversation must already be in the database.
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startBot(dataDir);
    await waitFor(second.output, '可以切换的身份');
    for (const line of ['/as 赵小红', '讨要工资', '老板拖欠两个月工资', '说完了', '很急', '提交']) second.child.stdin.write(`${line}\n`);
    await waitFor(second.output, '求助编号');
    for (const line of ['东莞', '1']) second.child.stdin.write(`${line}\n`);
    await waitFor(second.output, '已记录：广东省 东莞市');
    second.child.stdin.write('/status\n');
    await waitFor(second.output, '本月报到：已报到');
    second.child.stdin.end();
    expect(await second.exited).toBe(0);

    // The chat shows the bot's lines only: the log goes to a file in the data folder, not between them.
    for (const shown of [first.output(), first.stderr(), second.output(), second.stderr()]) {
      expect(shown).not.toMatch(/^\{.*"level"/m);
      expect(shown).not.toContain('"msg"');
    }
    // The log holds ids, never what was said or where; each line names its time, level and instance.
    const logs = readFileSync(join(dataDir, 'bot.log'), 'utf8');
    appendFileSync(join(inject('logDir'), `terminal-e2e-${process.pid}.log`), logs);
    const lines = logs.trim().split('\n').map((l) => JSON.parse(l) as { time: string; level: string; instance: string; msg: string });
    expect(lines.map((l) => l.msg)).toContain('bot started');
    for (const line of lines) {
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
      expect(line.instance).toMatch(/^[A-Za-z0-9_.-]+-[0-9a-f]{6}$/);
    }
    for (const secret of ['赵小红', '拖欠', '东莞', code]) expect(logs).not.toContain(secret);
  }, 120_000);

  it('refuses a second process on the same data folder', async () => {
    const one = startBot(dataDir);
    await waitFor(one.output, '可以切换的身份');
    const two = startBot(dataDir);
    expect(await two.exited).toBe(3);
    expect(two.stderr()).toContain('in use by another bot process');
    one.child.stdin.end();
    expect(await one.exited).toBe(0);
  }, 60_000);
});
