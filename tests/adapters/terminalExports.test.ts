import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../src/adapters/terminal/index.js';
import { terminalDemo } from '../../src/demo/index.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { cellOf, openXlsx } from '../support/xlsx.js';

/** The terminal has no file transfer: an export is saved in the exports folder and its path printed. */
describe('terminal: exports are saved files, edits are new lines', () => {
  let tb: TestBot;
  const exportsDir = mkdtempSync(join(tmpdir(), 'bot-exports-'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  let running: Promise<void>;

  async function until(needle: RegExp | string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const hit = typeof needle === 'string' ? printed.includes(needle) : needle.test(printed);
      if (hit) return printed;
      if (Date.now() > deadline) throw new Error(`not printed: ${String(needle)}\n${printed}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

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
    running = adapter.run();
    input.write('/as 王书记\n');
    await until('现在您是：王书记');
  });
  afterAll(async () => {
    input.end();
    await running;
    await tb?.close();
    rmSync(exportsDir, { recursive: true, force: true });
  });

  it('saves the roster under the exports folder and prints the caption and the path', async () => {
    input.write('/export 花名册\n');
    const text = await until(/文件已保存：(.+\.xlsx)/);
    const path = /文件已保存：(.+\.xlsx)/.exec(text)![1]!;
    expect(path).toBe(join(exportsDir, '花名册-幸福村党支部-2026-11-10.xlsx'));
    expect(text).toContain('幸福村党支部 花名册（2026-11-10）');
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(1000);
    expect(await cellOf(readFileSync(path), '花名册', 'A1')).toBe('姓名');
  });

  it('keeps a file of the same name and saves the next one beside it', async () => {
    input.write('/export roster\n');
    await until('花名册-幸福村党支部-2026-11-10-2.xlsx');
    // The zip stores its own timestamps, so the bytes may differ by one; the sheets must not.
    const first = await openXlsx(readFileSync(join(exportsDir, '花名册-幸福村党支部-2026-11-10.xlsx')));
    const second = await openXlsx(readFileSync(join(exportsDir, '花名册-幸福村党支部-2026-11-10-2.xlsx')));
    const rows = (wb: typeof first) => wb.getWorksheet('花名册')!.getSheetValues().map((r) => JSON.stringify(r));
    expect(rows(second)).toEqual(rows(first));
    expect(rows(first).length).toBeGreaterThan(1);
  });

  it('cannot edit a printed line: a message that replaces another is printed as a new one', async () => {
    const db = tb.database.db;
    const chatId = `person-${tb.person('王书记').personId}`;
    const now = tb.clock.now();
    await enqueue(db, [{ idempotencyKey: 'term-progress:1', platform: 'terminal', chatId, purpose: 'reply', message: { text: 'progress one of two' }, notBefore: now }], now);
    await tb.bot.sender.drain(['terminal']);
    await enqueue(db, [{ idempotencyKey: 'term-progress:2', platform: 'terminal', chatId, purpose: 'reply', message: { text: 'progress two of two', replaces: 'term-progress:1' }, notBefore: now }], now);
    await tb.bot.sender.drain(['terminal']);
    const text = await until('progress two of two');
    expect(text.indexOf('progress one of two')).toBeLessThan(text.indexOf('progress two of two'));
  });
});
