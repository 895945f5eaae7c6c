import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import type { Core } from '../../src/bot/core.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from '../../src/bot/types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { incoming, say, startTestBot, type TestBot } from '../support/bot.js';
import { FakeSlack } from '../support/fakeSlack.js';

/** The core asks whether a platform can do something, and degrades where it cannot. */
describe('the port degrades where a capability is missing', () => {
  let tb: TestBot;
  /** A platform that can only send text: no edit, no documents, no home, no menus, no downloads. */
  const seen: { chat: OutboundChat; message: OutgoingMessage }[] = [];
  const textOnly: Transport = {
    platform: 'terminal',
    async send(chat, message): Promise<SendOutcome> {
      seen.push({ chat, message });
      return { ok: true, messageId: String(seen.length) };
    },
  };

  beforeAll(async () => {
    tb = await startTestBot();
    tb.bot.core.registerTransport(textOnly);
  });
  afterAll(async () => {
    await tb?.close();
  });

  it('sends the caption and says the file could not come, where there are no documents', async () => {
    const chat = `person-${tb.person('王书记').personId}`;
    await tb.bot.core.handle(incoming(chat, say('/export 花名册')));
    await tb.bot.sender.drain(['terminal']);
    const last = seen.at(-1)!.message;
    expect(last.text).toContain('幸福村党支部 花名册（2026-11-10）');
    expect(last.text).toContain('这里收不了文件，“花名册-幸福村党支部-2026-11-10.xlsx”没有发出');
    // The adapter's send never sees a document it cannot handle.
    expect(last.document).toBeUndefined();
  });

  it('offers no downloads where the platform has none: a roster file gets a kind answer', async () => {
    const chat = `person-${tb.person('王书记').personId}`;
    await tb.bot.core.handle(incoming(chat, { kind: 'file', fileRef: 'no-download-here', mime: 'text/csv' }));
    // The roster import downloads in the background: its job answers.
    await tb.bot.rosterImports.drain();
    await tb.bot.sender.drain(['terminal']);
    expect(seen.at(-1)!.message.text).toBe('文件没能下载下来，请再发一次。');
  });

  it('publishes no App Home when the core offers no home view', async () => {
    const fake = await new FakeSlack().start();
    const core: Core = { commands: [], handle: async () => ({ status: 'applied' }), registerTransport: () => {}, kick: () => {} };
    const adapter = createSlackAdapter({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-port', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.url }), core, logger: createLogger('silent') });
    await adapter.publishHome('UNOHOME01');
    expect(fake.callsOf('views.publish')).toHaveLength(0);
    await fake.stop();
  });
});
