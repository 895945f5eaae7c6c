import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createBot } from '../../../src/app.js';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { identities, persons } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { incoming, lastQueued, startTestBot, type TestBot } from '../../support/bot.js';
import { FakeSlack } from '../../support/fakeSlack.js';

let h: TestBot;
let fake: FakeSlack;
beforeAll(async () => {
  h = await startTestBot();
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
  await h?.close();
});

describe('a roster shared with the bot on Slack', () => {
  it('is looked up with files.info, downloaded with the bot token, and imported', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-roster', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.url, LOG_LEVEL: 'silent' });
    const bot = createBot({ database: h.database, clock: h.clock, logger: createLogger('silent'), config });
    const slack = createSlackAdapter({ config, core: bot.core, logger: createLogger('silent') });
    // Downloading is a capability of the platform's port: registered, the core can fetch through it.
    bot.core.registerTransport(slack.transport);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '性别', '手机号码', '所在支部', '外出时间', '外出地点', '工作单位', '职业', '联系方式', '是否预备党员']);
    ws.addRow(['钱小满', '女', '13800000202', '幸福村党支部', '', '', '', '快递员', '', '否']);
    fake.addFile('F0ROSTER', Buffer.from(await wb.xlsx.writeBuffer()), '花名册.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await h.database.db.insert(identities).values({ platform: 'slack', externalUserId: 'USEC', chatId: 'DSEC', personId: h.person('王书记').personId, linkedAt: h.clock.now() });

    await bot.core.handle(incoming('DSEC', { kind: 'file', fileRef: 'F0ROSTER' }, { platform: 'slack', userId: 'USEC' }));
    // Downloaded and previewed by the background import; written after the confirm button.
    await bot.rosterImports.drain();
    expect(fake.callsOf('files.info')).toHaveLength(1);
    const preview = await lastQueued(h.database, 'DSEC');
    expect(preview.text).toContain('新增 1 人');
    await bot.core.handle(incoming('DSEC', { kind: 'button', payload: preview.buttons![0]![0]!.payload }, { platform: 'slack', userId: 'USEC' }));
    await bot.rosterImports.drain();
    expect(await h.database.db.select().from(persons).where(eq(persons.name, '钱小满'))).toHaveLength(1);
  });
});
