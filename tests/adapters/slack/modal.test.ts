import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpRequests, reports } from '../../../src/db/schema/index.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness, expectCleanLogs } from './setup.js';
import { buttonPress, seen, slashCommand, viewSubmission } from '../../support/slackRequests.js';
import type { PostedMessage } from '../../support/fakeSlack.js';

/** Long answers on Slack: a button opens a modal with a multi-line box; its submission is what the member wrote. */
describe('Slack modals for long answers', () => {
  let h: SlackHarness;
  const user = 'UWRITER001';
  const dm = dmChannelOf(user);

  beforeAll(async () => {
    h = await startSlackHarness();
    await linkSlackUser(h, user, '刘秀英');
  });
  afterAll(async () => {
    await h?.close();
  });

  const lastWithButton = (actionOrPayload: string): PostedMessage => {
    const found = [...h.fake.messagesIn(dm)].reverse().find((m) => m.blocks.some((b) => (b.elements ?? []).some((e) => e.action_id === actionOrPayload || e.value === actionOrPayload)));
    if (!found) throw new Error(`no message offers ${actionOrPayload}`);
    return found;
  };
  async function step(req: Parameters<SlackHarness['post']>[0]) {
    const before = h.handed.length;
    expect((await h.post(req)).status).toBe(200);
    await h.settled(before + 1);
    await h.drain();
  }
  const press = (payload: string) => step(buttonPress(user, lastWithButton(payload), payload));

  /** Taps "write", checks the modal Slack was asked to open, and submits it with this text. */
  async function writeInBox(text: string) {
    const question = lastWithButton('write');
    const writeValue = question.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'write')!.value!;
    const opened = h.fake.callsOf('views.open').length;
    const handed = h.handed.length;
    expect((await h.post(buttonPress(user, question, writeValue, `TWRITE${opened}`))).status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsOf('views.open')[opened]);
    // Opening the box is not a message to the core.
    expect(h.handed.length).toBe(handed);
    expect(call.args.trigger_id).toBe(`TWRITE${opened}`);
    const view = call.args.view as { callback_id: string; private_metadata: string; blocks: { type: string; element?: { multiline?: boolean } }[] };
    expect(view.callback_id).toBe('multiline');
    expect(view.blocks.find((b) => b.type === 'input')?.element?.multiline).toBe(true);
    await step(viewSubmission(user, { id: `VMODAL${opened}`, callback_id: view.callback_id, private_metadata: view.private_metadata }, { body: { text: { type: 'plain_text_input', value: text } } }));
    const last = h.handed.at(-1)!;
    expect(last).toMatchObject({ updateId: `view:VMODAL${opened}`, chatId: dm, chatKind: 'private', userId: user, body: { kind: 'text', text } });
    // The question the box answered no longer offers its buttons.
    expect(question.updates).toBeGreaterThan(0);
    expect(seen(question).buttons).toEqual([]);
  }

  it('takes the quarterly thought report through the box and stores it as written', async () => {
    const body = '本季度学习了党章。\n\n第二段：在外务工也不忘初心。';
    await step(slashCommand(user, '/thought', '', { id: dm, name: 'directmessage' }));
    await writeInBox(body);
    await press('tr:done');
    await press('tr:submit');
    const member = h.test.person('刘秀英').personId;
    const [report] = await h.test.database.db.select().from(reports).where(and(eq(reports.memberId, member), eq(reports.kind, 'thought')));
    expect(report?.body).toBe(body);
    expect(report?.platform).toBe('slack');
  });

  it('takes a help request description through the box', async () => {
    await step(slashCommand(user, '/helpme', '', { id: dm, name: 'directmessage' }));
    await press('help:cat:wages');
    await writeInBox('厂子关门了，工资还没结清。');
    await press('help:described');
    await press('help:normal');
    await press('help:submit');
    const member = h.test.person('刘秀英').personId;
    const [request] = await h.test.database.db.select().from(helpRequests).where(eq(helpRequests.memberId, member));
    expect(request).toMatchObject({ category: 'wages', description: '厂子关门了，工资还没结清。', urgency: 'normal' });
  });

  it('keeps texts, names and places out of the logs', () => {
    expectCleanLogs(h);
  });
});
