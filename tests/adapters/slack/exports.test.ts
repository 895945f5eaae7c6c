import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { outboxMessages } from '../../../src/db/schema/index.js';
import { enqueue } from '../../../src/outbox/enqueue.js';
import type { OutgoingMessage } from '../../../src/bot/types.js';
import { slashCommand } from '../../support/slackRequests.js';
import { cellOf, openXlsx } from '../../support/xlsx.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness } from './setup.js';

/** Exports asked for on Slack arrive in the DM as files: files.uploadV2's three steps against the fake Web API. */
describe('slack: exports arrive as files in the DM', () => {
  let h: SlackHarness;
  const secretary = 'UEXPORTSEC';
  const dm = dmChannelOf(secretary);

  beforeAll(async () => {
    h = await startSlackHarness();
    await linkSlackUser(h, secretary, '王书记');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function ask(req: Parameters<SlackHarness['post']>[0]) {
    const before = h.handed.length;
    expect((await h.post(req)).status).toBe(200);
    await h.settled(before + 1);
    await h.drain();
  }

  it('uploads the roster with /staff export: URL, bytes, completion in the DM with the caption as initial comment', async () => {
    const calls = h.fake.calls.length;
    await ask(slashCommand(secretary, '/staff', 'export 花名册', { id: dm, name: 'directmessage' }));
    const steps = h.fake.calls.slice(calls).map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload');
    expect(steps).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const file = h.fake.sharedFiles.at(-1)!;
    expect(file).toMatchObject({ channel: dm, filename: '花名册-幸福村党支部-2026-11-10.xlsx', initialComment: '幸福村党支部 花名册（2026-11-10）' });
    const [row] = await h.test.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, dm)).orderBy(desc(outboxMessages.id)).limit(1);
    const built = Buffer.from((row!.payload as OutgoingMessage).document!.base64, 'base64');
    expect(file.data.length).toBe(built.length);
    expect(file.announcedLength).toBe(built.length);
    expect(row!.status).toBe('sent');
    expect(await cellOf(file.data, '花名册', 'A1')).toBe('姓名');
  });

  it('uploads a member\'s cards, asked for from a channel: the file comes in the DM', async () => {
    const chen = h.test.person('陈志强').personId;
    await ask(slashCommand(secretary, '/staff', `export 登记卡 ${chen}`));
    const file = h.fake.sharedFiles.at(-1)!;
    expect(file.filename).toBe('一档双卡-陈志强-2026-11-10.xlsx');
    expect((await openXlsx(file.data)).worksheets.map((w) => w.name)).toEqual(['登记卡', '跟踪管理卡']);
  });

  it('retries an upload Slack could not take, and shares the file once', async () => {
    const shared = h.fake.sharedFiles.length;
    h.fake.failNext('upload', { kind: 'http', status: 503 });
    await ask(slashCommand(secretary, '/staff', 'export stats', { id: dm, name: 'directmessage' }));
    expect(h.fake.sharedFiles).toHaveLength(shared);
    const [row] = await h.test.database.db.select().from(outboxMessages).where(eq(outboxMessages.chatId, dm)).orderBy(desc(outboxMessages.id)).limit(1);
    expect(row).toMatchObject({ status: 'pending' });
    h.test.clock.advance(60_000);
    await h.drain();
    expect(h.fake.sharedFiles).toHaveLength(shared + 1);
    expect(h.fake.sharedFiles.at(-1)!.filename).toBe('统计表-幸福村党支部-2026-11-10.xlsx');
  });

  it('edits a sent message that a later one replaces (chat.update)', async () => {
    const db = h.test.database.db;
    const now = h.test.clock.now();
    await enqueue(db, [{ idempotencyKey: 'slack-progress:1', platform: 'slack', chatId: dm, purpose: 'reply', message: { text: '导入中：0/2' }, notBefore: now }], now);
    await h.drain();
    const posted = h.fake.messagesIn(dm).at(-1)!;
    const count = h.fake.messagesIn(dm).length;
    await enqueue(db, [{ idempotencyKey: 'slack-progress:2', platform: 'slack', chatId: dm, purpose: 'reply', message: { text: '导入中：2/2', replaces: 'slack-progress:1' }, notBefore: now }], now);
    await h.drain();
    expect(h.fake.messagesIn(dm)).toHaveLength(count);
    expect(posted).toMatchObject({ text: '导入中：2/2', updates: 1 });
  });
});
