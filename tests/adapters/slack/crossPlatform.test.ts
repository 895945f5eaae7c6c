import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInviteCode } from '../../../src/bot/invites.js';
import { identities, reports } from '../../../src/db/schema/index.js';
import { incoming, lastQueued, payloadsOf, press, say } from '../../support/bot.js';
import { buttonPress, directMessage, seen } from '../../support/slackRequests.js';
import { dmChannelOf, startSlackHarness, type SlackHarness, expectCleanLogs } from './setup.js';

/**
 * One person, two platforms: a check-in begun in the terminal (played through the core, as the terminal
 * adapter does) is finished on Slack after the member links Slack with a one-time code, and ends as one report.
 */
describe('a check-in started elsewhere and finished on Slack', () => {
  let h: SlackHarness;
  const slackUser = 'UTWOPLATF1';
  const dm = dmChannelOf(slackUser);

  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function slack(req: Parameters<SlackHarness['post']>[0]) {
    const before = h.handed.length;
    expect((await h.post(req)).status).toBe(200);
    await h.settled(before + 1);
    await h.drain();
  }
  const tap = (payload: string) => {
    const message = [...h.fake.messagesIn(dm)].reverse().find((m) => seen(m).buttons.flat().some((b) => b.payload === payload));
    if (!message) throw new Error(`no ${payload} on screen`);
    return slack(buttonPress(slackUser, message, payload));
  };

  it('ends as one report, written from Slack', async () => {
    const zhang = h.test.person('张建国');
    const terminal = zhang.terminalUserId!;
    const core = h.test.bot.core;
    expect(await core.handle(incoming(terminal, say('/report')))).toEqual({ status: 'applied' });
    expect(payloadsOf(await lastQueued(h.test.database, terminal))).toEqual(['ci:same', 'ci:moved']);
    await core.handle(incoming(terminal, press('ci:same')));
    expect(payloadsOf(await lastQueued(h.test.database, terminal))).toContain('ci:work:working');

    // On Slack now: link the account with a code from the branch; the bot offers to carry on.
    const { code } = await createInviteCode(h.test.database.db, zhang.personId, h.test.person('王书记').personId, h.test.clock.now(), 14);
    await slack(directMessage(slackUser, dm, code));
    const [identity] = await h.test.database.db.select().from(identities).where(and(eq(identities.platform, 'slack'), eq(identities.externalUserId, slackUser)));
    expect(identity?.personId).toBe(zhang.personId);
    const resume = h.fake.messagesIn(dm).at(-1)!;
    expect(seen(resume).buttons.flat().map((b) => b.payload)).toContain('ci:work:working');

    await tap('ci:work:working');
    await tap('ci:diff:no');
    await tap('ci:study:yes');
    expect(seen(h.fake.messagesIn(dm).at(-1)!).text).toContain('报到完成');

    const monthly = await h.test.database.db.select().from(reports).where(and(eq(reports.memberId, zhang.personId), eq(reports.kind, 'monthly')));
    expect(monthly).toHaveLength(1);
    expect(monthly[0]).toMatchObject({ period: '2026-11', movedSinceLast: false, work: 'working', hasDifficulty: false, studied: true, platform: 'slack' });
  });

  it('keeps texts, names and places out of the logs', () => {
    expectCleanLogs(h);
  });
});
