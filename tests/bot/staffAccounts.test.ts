import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities } from '../../src/db/schema/index.js';
import { staffChats } from '../../src/bot/views/staffAccounts.js';
import { startTestBot, type TestBot } from '../support/bot.js';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

describe('staff chats for the staff command menu', () => {
  it('lists the reachable private chats of staff on a platform, and no member', async () => {
    const now = h.clock.now();
    await h.database.db.insert(identities).values([
      { platform: 'telegram', externalUserId: '1', chatId: '1', personId: h.person('王书记').personId, linkedAt: now },
      { platform: 'telegram', externalUserId: '2', chatId: '2', personId: h.person('张建国').personId, linkedAt: now },
      { platform: 'telegram', externalUserId: '3', chatId: '3', personId: h.person('李联络员').personId, linkedAt: now, unreachableSince: now },
    ]);
    expect(await staffChats(h.database.db, 'telegram')).toEqual([{ chatId: '1', language: 'zh-CN', roles: ['secretary'] }]);
  });
});
