import { createHash } from 'node:crypto';
import { createSlackAdapter, SLACK_ENDPOINT, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { createLogger } from '../../../src/logger.js';
import { dmChannelOf, FakeSlack } from '../../support/fakeSlack.js';
import { buttonPress, directMessage, postToSlackApp, seen, slashCommand, type SignedPost } from '../../support/slackRequests.js';
import type { AdapterDriver, SeenMessage } from '../driver.js';
import type { ContractContext } from '../harness.js';
import { declaredCommands } from '../../support/commands.js';
import { slashCommands } from '../../../src/adapters/slack/inbound.js';

export const SLACK_TEST_SECRET = 'contract-signing-secret';

/**
 * Drives the Slack adapter as Slack would: signed HTTP requests into the real Bolt receiver (a DM event, a
 * slash command for a typed `/command`, a block_actions tap, a pasted map link for a shared place), and
 * reads what the member saw from the fake Web API, where chat.postMessage and chat.update land.
 */
export function slackDriver(): AdapterDriver & { fake: FakeSlack; adapter(): SlackAdapter; userId(user: string): string } {
  const fake = new FakeSlack();
  let adapter: SlackAdapter | undefined;
  let url = '';
  const userId = (user: string) => `U${createHash('sha256').update(user).digest('hex').slice(0, 8).toUpperCase()}`;

  async function post(req: SignedPost) {
    const res = await postToSlackApp(url, SLACK_TEST_SECRET, req);
    if (res.status !== 200) throw new Error(`Slack app answered ${res.status}`);
  }

  return {
    name: 'slack',
    fake,
    adapter: () => adapter!,
    userId,
    async start(ctx: ContractContext) {
      await fake.start();
      adapter = createSlackAdapter({
        config: { ...ctx.config, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SLACK_TEST_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: fake.url, SLACK_PORT: 3000 },
        core: ctx.bot.core,
        logger: createLogger('debug', ctx.logs),
        port: 0,
        host: '127.0.0.1',
      });
      const { port } = await adapter.start();
      url = `http://127.0.0.1:${port}${SLACK_ENDPOINT}`;
    },
    async stop() {
      await adapter?.stop();
      await fake.stop();
    },
    async sendText(user, text) {
      const id = userId(user);
      const command = text.trim().split(/\s+/, 1)[0]!;
      if (command.startsWith('/') && Object.hasOwn(slashCommands(declaredCommands), command)) {
        await post(slashCommand(id, command, text.trim().slice(command.length).trim(), { id: dmChannelOf(id), name: 'directmessage' }));
      } else {
        await post(directMessage(id, dmChannelOf(id), text));
      }
    },
    async pressButton(user, payload) {
      const channel = dmChannelOf(userId(user));
      const message = [...fake.messagesIn(channel)].reverse().find((m) => seen(m).buttons.flat().some((b) => b.payload === payload));
      if (!message) throw new Error(`no button ${payload} on screen`);
      await post(buttonPress(userId(user), message, payload));
      // The tap is shown as answered before the next question comes.
      await fake.waitFor(() => message.updates > 0);
    },
    async shareLocation(user, lat, lng) {
      const id = userId(user);
      // Slack has no location button; a pasted map link is how a place arrives (as Slack wraps links).
      await post(directMessage(id, dmChannelOf(id), `<https://maps.google.com/?q=${lat},${lng}>`));
    },
    async sendPhoto(user) {
      const id = userId(user);
      const fileId = `F${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
      fake.addFile(fileId, Buffer.from('jpeg-bytes'), 'page.jpg', 'image/jpeg');
      await post(directMessage(id, dmChannelOf(id), '', { subtype: 'file_share', files: [{ id: fileId, mimetype: 'image/jpeg' }] }));
      return fileId;
    },
    async messages(user, count): Promise<SeenMessage[]> {
      const channel = dmChannelOf(userId(user));
      try {
        await fake.waitFor(() => fake.messagesIn(channel).length >= count, 20_000);
      } catch {
        throw new Error(`expected ${count} messages, saw ${fake.messagesIn(channel).length}`);
      }
      return fake.messagesIn(channel).map(seen);
    },
  };
}
