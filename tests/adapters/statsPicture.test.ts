import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../src/adapters/terminal/index.js';
import { terminalDemo } from '../../src/demo/index.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { identities, reports } from '../../src/db/schema/index.js';
import { pngSize } from '../../src/features/dashboard/png.js';
import { updates, type TestUser } from '../support/fakeTelegram.js';
import { slashCommand } from '../support/slackRequests.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness } from './slack/setup.js';
import { startTelegramTest, type TelegramTest } from './telegram/setup.js';

/** A PNG a person can read on a phone: the header says PNG, landscape, wide enough, not absurdly big. */
function expectChartPng(data: Buffer) {
  const size = pngSize(data);
  expect(size, 'a PNG header').toBeDefined();
  expect(size!.width).toBe(800);
  expect(size!.height).toBe(450);
  expect(data.length).toBeGreaterThan(5_000);
  expect(data.length).toBeLessThan(1_000_000);
}

describe('/stats sends the month\'s chart as a picture', () => {
  describe('on Telegram: a photo (sendPhoto, multipart), the figures as its caption', () => {
    let t: TelegramTest;
    const secretary: TestUser = { id: 640_000_001, first_name: '王书记', language_code: 'zh-hans' };
    beforeAll(async () => {
      t = await startTelegramTest();
      const now = t.tb.clock.now();
      await t.tb.database.db.insert(identities).values({ platform: 'telegram', externalUserId: String(secretary.id), chatId: String(secretary.id), personId: t.tb.person('王书记').personId, linkedAt: now, lastSeenAt: now });
      await t.tb.database.db.insert(reports).values({ memberId: t.tb.person('张建国').personId, kind: 'monthly', period: '2026-11', submittedAt: now });
    });
    afterAll(async () => t?.close());

    it('arrives as a photo with sensible dimensions, captioned with the figures (places by name)', async () => {
      const photos = t.fake.uploadedPhotos.length;
      const documents = t.fake.documents.length;
      await t.deliver(updates.text(secretary, '/stats'));
      expect(t.fake.uploadedPhotos).toHaveLength(photos + 1);
      expect(t.fake.documents).toHaveLength(documents);
      const photo = t.fake.uploadedPhotos.at(-1)!;
      expect(photo.chatId).toBe(String(secretary.id));
      expect(photo.fileName).toBe('统计图-幸福村党支部-2026-11.png');
      expectChartPng(photo.data);
      expect(photo.caption).toContain('统计（2026-11）');
      expect(photo.caption).toContain('广东省');
      expect(photo.caption).not.toMatch(/\b44\d{4}\b/);
      expect(t.fake.callsOf('sendPhoto').at(-1)!.params.photo).toMatch(/^attach:\/\//);
    });
  });

  describe('on Slack: a file in the DM (files.uploadV2), the figures as its comment', () => {
    let h: SlackHarness;
    const secretary = 'USTATSPIC';
    beforeAll(async () => {
      h = await startSlackHarness();
      await linkSlackUser(h, secretary, '王书记');
    });
    afterAll(async () => h?.close());

    it('uploads the PNG with its figures', async () => {
      const before = h.handed.length;
      const shared = h.fake.sharedFiles.length;
      expect((await h.post(slashCommand(secretary, '/staff', 'stats', { id: dmChannelOf(secretary), name: 'directmessage' }))).status).toBe(200);
      await h.settled(before + 1);
      await h.drain();
      expect(h.fake.sharedFiles).toHaveLength(shared + 1);
      const file = h.fake.sharedFiles.at(-1)!;
      expect(file).toMatchObject({ channel: dmChannelOf(secretary), filename: '统计图-幸福村党支部-2026-11.png' });
      expect(file.initialComment).toContain('统计（2026-11）');
      expectChartPng(file.data);
    });
  });

  describe('in the terminal: the picture is saved and its path printed', () => {
    let tb: TestBot;
    const exportsDir = mkdtempSync(join(tmpdir(), 'bot-stats-picture-'));
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    let running: Promise<void>;
    async function until(needle: RegExp): Promise<RegExpExecArray> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const hit = needle.exec(printed);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`not printed: ${String(needle)}\n${printed}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    beforeAll(async () => {
      tb = await startTestBot();
      const adapter = createTerminalAdapter({
        core: tb.bot.core, demo: terminalDemo(tb.database, tb.clock, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' }),
        clock: tb.clock, input, output, drain: () => tb.bot.sender.drain(['terminal']), exportsDir,
      });
      running = adapter.run();
      input.write('/as 王书记\n');
      await until(/现在您是：王书记/);
    });
    afterAll(async () => {
      input.end();
      await running;
      await tb?.close();
      rmSync(exportsDir, { recursive: true, force: true });
    });

    it('prints the figures, then where the PNG now is', async () => {
      input.write('/stats\n');
      const [, path] = await until(/(\/[^\s：]*统计图-幸福村党支部-2026-11\.png)/);
      expect(printed).toContain('统计（2026-11）');
      expect(path!.startsWith(exportsDir)).toBe(true);
      expectChartPng(readFileSync(path!));
    });
  });
});
