import { declaredCommands } from '../../support/commands.js';
import { eq, sql } from 'drizzle-orm';
import { createSlackAdapter, SLACK_ENDPOINT, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { Core } from '../../../src/bot/core.js';
import type { Incoming, PlatformEvent } from '../../../src/bot/types.js';
import { identities, outboxMessages, processedUpdates } from '../../../src/db/schema/index.js';
import { createLogger } from '../../../src/logger.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { dmChannelOf, FakeSlack } from '../../support/fakeSlack.js';
import { directMessage, postToSlackApp, type SignedPost } from '../../support/slackRequests.js';
import { createInviteCode } from '../../../src/bot/invites.js';

export const SECRET = 'test-signing-secret';

export interface SlackHarness {
  test: TestBot;
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** Every change of the workspace (uninstalled, token revoked) the core recorded. */
  events: PlatformEvent[];
  /** Every Incoming the adapter handed to the core, in order. */
  handed: Incoming[];
  /** Core results, by update id (the last one to finish). */
  results: Map<string, string>;
  /** Every core result in the order they finished. */
  statuses: { updateId: string; status: string }[];
  url: string;
  /** Makes the core take this long per update, to show the ack does not wait for it. */
  coreDelay: { ms: number };
  post(req: SignedPost): ReturnType<typeof postToSlackApp>;
  /** Waits until the core has been handed `n` updates in total and has answered them all. */
  settled(n: number): Promise<void>;
  /** Delivers everything queued for Slack through the transport to the fake. */
  drain(): Promise<void>;
  counts(): Promise<{ processed: number; outbox: number; identities: number }>;
  close(): Promise<void>;
}

/**
 * A real bot (core, outbox, PGlite with migrations) behind the real Slack adapter, with a fake Web API.
 * The core is wrapped only to record what the adapter handed it. The bot's clock is a test clock, so the
 * outbox's per-chat spacing takes no real time; Slack's signatures use real time, as they must.
 */
export async function startSlackHarness(opts: { socketMode?: boolean } = {}): Promise<SlackHarness> {
  const test = await startTestBot();
  const fake = await new FakeSlack().start();
  const handed: Incoming[] = [];
  const results = new Map<string, string>();
  const statuses: { updateId: string; status: string }[] = [];
  const coreDelay = { ms: 0 };
  const events: PlatformEvent[] = [];
  const core: Core = {
    commands: declaredCommands,
    async handle(incoming) {
      handed.push(incoming);
      if (coreDelay.ms) await new Promise((r) => setTimeout(r, coreDelay.ms));
      const result = await test.bot.core.handle(incoming);
      results.set(incoming.updateId, result.status);
      statuses.push({ updateId: incoming.updateId, status: result.status });
      return result;
    },
    registerTransport: (t) => test.bot.core.registerTransport(t),
    kick: (p) => test.bot.core.kick(p),
    homeView: (platform, userId) => test.bot.core.homeView!(platform, userId),
    languageOf: (platform, userId) => test.bot.core.languageOf!(platform, userId),
    async platformEvent(event) {
      await test.bot.core.platformEvent!(event);
      events.push(event);
    },
  };
  const adapter = createSlackAdapter({
    config: {
      ...test.config, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: fake.url, SLACK_PORT: 3000,
      ...(opts.socketMode ? { SLACK_APP_TOKEN: 'xapp-test-token', SLACK_SIGNING_SECRET: undefined } : { SLACK_APP_TOKEN: undefined, SLACK_SIGNING_SECRET: SECRET }),
    },
    core,
    logger: createLogger('debug', test.logs),
    port: 0,
    host: '127.0.0.1',
  });
  const { port } = await adapter.start();
  const url = port === undefined ? '' : `http://127.0.0.1:${port}${SLACK_ENDPOINT}`;
  const db = test.database.db;
  const count = async (table: typeof processedUpdates | typeof outboxMessages | typeof identities) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    test, fake, adapter, handed, results, statuses, url, coreDelay, events,
    post: (req) => postToSlackApp(url, SECRET, req),
    async settled(n) {
      await fake.waitFor(() => handed.length >= n && statuses.length >= handed.length, 15_000);
    },
    drain: () => test.bot.sender.drain(['slack']),
    counts: async () => ({ processed: await count(processedUpdates), outbox: await count(outboxMessages), identities: await count(identities) }),
    async close() {
      await adapter.stop();
      await fake.stop();
      await test.close();
    },
  };
}

export { dmChannelOf };
export const slackIdentityOf = async (h: SlackHarness, userId: string) =>
  (await h.test.database.db.select().from(identities).where(eq(identities.externalUserId, userId)))[0];

/** Links a Slack account to a demo person the way a member does: a fresh one-time code sent in the DM. */
export async function linkSlackUser(h: SlackHarness, userId: string, personName: string, send?: (text: string) => Promise<void>): Promise<void> {
  const person = h.test.person(personName);
  const { code } = await createInviteCode(h.test.database.db, person.personId, null, h.test.clock.now(), 14);
  const before = h.handed.length;
  if (send) await send(code);
  else await h.post(directMessage(userId, dmChannelOf(userId), code));
  await h.settled(before + 1);
  await h.drain();
}

/** What the Slack tests say and who they are: none of it may reach a log line. */
export const FIXTURE_SECRETS = [
  '王书记', '李联络员', '张建国', '刘秀英', '陈志强', '赵小红', '13800138001', '13800138003',
  'hello again', 'sneaky', 'photo of the contract', '22.5431', '114.0579', '东莞', '学习了党章', '在外务工', '工资还没结清', '厂子关门',
];

export function expectCleanLogs(h: SlackHarness): void {
  const text = h.test.logs.text;
  // The logs are not empty: the adapter did log, with ids.
  if (!text.includes('slack update handled')) throw new Error('the Slack adapter logged nothing: the scan proves nothing');
  const hits = FIXTURE_SECRETS.filter((s) => text.includes(s));
  if (hits.length) throw new Error(`personal data in logs: ${hits.join(', ')}`);
}
