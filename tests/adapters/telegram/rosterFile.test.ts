import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createBot } from '../../../src/app.js';
import { createTelegramAdapter } from '../../../src/adapters/telegram/index.js';
import { loadConfig } from '../../../src/config.js';
import { identities, persons } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { incoming, lastQueued, startTestBot, type TestBot } from '../../support/bot.js';
import { startFakeTelegram, type FakeTelegram } from '../../support/fakeTelegram.js';

let h: TestBot;
let fake: FakeTelegram;
beforeAll(async () => {
  h = await startTestBot();
  fake = await startFakeTelegram();
});
afterAll(async () => {
  await fake?.stop();
  await h?.close();
});

async function roster(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '手机号码', '所在支部', '外出时间', '外出地点', '工作单位', '职业', '联系方式', '是否预备党员']);
  ws.addRow(['孙大山', '男', '13800000101', '幸福村党支部', '2026-02-20', '广东省 深圳市 宝安区', '某电子厂', '电子厂工人', '', '否']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a roster sent to the bot on Telegram', () => {
  it('is downloaded through the Bot API and imported for the secretary who sent it', async () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'silent' });
    const bot = createBot({ database: h.database, clock: h.clock, logger: createLogger('silent'), config });
    const adapter = createTelegramAdapter({ config, core: bot.core, logger: createLogger('silent') });
    // Downloading is a capability of the platform's port: registered, the core can fetch through it.
    bot.core.registerTransport(adapter.transport);
    fake.addFile('roster-file-1', await roster());
    await h.database.db.insert(identities).values({ platform: 'telegram', externalUserId: '4242', chatId: '4242', personId: h.person('王书记').personId, linkedAt: h.clock.now() });

    const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await bot.core.handle(incoming('4242', { kind: 'file', fileRef: 'roster-file-1', mime: xlsxMime }, { platform: 'telegram', userId: '4242' }));
    // Downloaded and previewed by the background import; written after the confirm button.
    await bot.rosterImports.drain();
    expect(fake.callsOf('getFile')).toHaveLength(1);
    const preview = await lastQueued(h.database, '4242');
    expect(preview.text).toContain('新增 1 人');
    await bot.core.handle(incoming('4242', { kind: 'button', payload: preview.buttons![0]![0]!.payload }, { platform: 'telegram', userId: '4242' }));
    await bot.rosterImports.drain();
    expect(await h.database.db.select().from(persons).where(eq(persons.name, '孙大山'))).toHaveLength(1);

    // A file id the platform does not know: a kind answer, nothing imported.
    await bot.core.handle(incoming('4242', { kind: 'file', fileRef: 'no-such-file', mime: xlsxMime }, { platform: 'telegram', userId: '4242' }));
    await bot.rosterImports.drain();
    expect((await lastQueued(h.database, '4242')).text).not.toContain('新增');
    expect(await h.database.db.select().from(persons).where(eq(persons.name, '孙大山'))).toHaveLength(1);
  });
});
