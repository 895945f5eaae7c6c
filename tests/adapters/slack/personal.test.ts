import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { persons } from '../../../src/db/schema/index.js';
import { slackText } from '../../../src/adapters/slack/texts.js';
import { directMessage, slashCommand } from '../../support/slackRequests.js';
import { dmChannelOf, linkSlackUser, slackIdentityOf, startSlackHarness, type SlackHarness } from './setup.js';

const inUrumqi = 'U0TZ00001';
const english = 'U0EN00001';
const chinese = 'U0ZH00001';

/** What Slack knows of a person and the bot uses: their time zone, and their language in the adapter's own texts. */
describe('slack: each person’s time zone and language', () => {
  let h: SlackHarness;
  const person = async (name: string) => (await h.test.database.db.select().from(persons).where(eq(persons.id, h.test.person(name).personId)))[0]!;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.fake.timeZones.set(inUrumqi, 'Asia/Urumqi');
    await linkSlackUser(h, inUrumqi, '张建国');
    await linkSlackUser(h, english, '刘秀英');
    await linkSlackUser(h, chinese, '陈志强');
    await h.test.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, h.test.person('刘秀英').personId));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores the time zone users.info reports with the account, and the person’s dates follow it', async () => {
    expect((await slackIdentityOf(h, inUrumqi))!.timezone).toBe('Asia/Urumqi');
    expect((await person('张建国')).timezone).toBe('Asia/Urumqi');
    // The others kept the workspace's zone.
    expect((await person('陈志强')).timezone).toBe('Asia/Shanghai');
    // Asked once per person, not at every message.
    const before = h.fake.callsOf('users.info').filter((c) => c.args.user === inUrumqi).length;
    const handed = h.handed.length;
    await h.post(directMessage(inUrumqi, dmChannelOf(inUrumqi), '/help'));
    await h.settled(handed + 1);
    expect(h.fake.callsOf('users.info').filter((c) => c.args.user === inUrumqi).length).toBe(before);
    expect(before).toBe(1);
  });

  it('gives each person their own zone', async () => {
    const fresh = 'U0TZ00002';
    h.fake.timeZones.set(fresh, 'Europe/Berlin');
    await linkSlackUser(h, fresh, '赵小红');
    expect((await person('赵小红')).timezone).toBe('Europe/Berlin');
  });

  it('keeps a time zone the runtime does not know out of the record', async () => {
    const odd = 'U0TZ00003';
    h.fake.timeZones.set(odd, 'Mars/Olympus_Mons');
    const before = h.handed.length;
    await h.post(directMessage(odd, dmChannelOf(odd), 'hello'));
    await h.settled(before + 1);
    expect((await slackIdentityOf(h, odd))!.timezone).toBeNull();
  });

  it('points to the DM in the person’s language when a command is typed in a channel', async () => {
    const handed = h.handed.length;
    const res = await h.post(slashCommand(english, '/mystatus'));
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: slackText('en', 'slack-see-dm') });
    const zh = await h.post(slashCommand(chinese, '/mystatus'));
    expect(JSON.parse(zh.text)).toMatchObject({ response_type: 'ephemeral', text: slackText('zh-CN', 'slack-see-dm') });
    expect(slackText('en', 'slack-see-dm')).not.toBe(slackText('zh-CN', 'slack-see-dm'));
    // Someone not linked yet gets Chinese, the default.
    const stranger = await h.post(slashCommand('U0NOBODY1', '/mystatus'));
    expect(JSON.parse(stranger.text)).toMatchObject({ text: slackText('zh-CN', 'slack-see-dm') });
    await h.settled(handed + 3);
  });

  it('sends the notification text alongside the blocks in the person’s language', async () => {
    const before = h.fake.messagesIn(dmChannelOf(english)).length;
    const handed = h.handed.length;
    await h.post(directMessage(english, dmChannelOf(english), '/help'));
    await h.settled(handed + 1);
    await h.drain();
    const sent = h.fake.messagesIn(dmChannelOf(english)).slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text).not.toMatch(/[\u4e00-\u9fff]{2}/);
    }
  });
});
