import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { departures, persons, trackingEntries } from '../../../src/db/schema/index.js';
import { STAFF_FORMS } from '../../../src/adapters/slack/forms.js';
import { slackText } from '../../../src/adapters/slack/texts.js';
import { declaredCommands } from '../../support/commands.js';
import { slashCommand, viewSubmission } from '../../support/slackRequests.js';
import { dmChannelOf, linkSlackUser, startSlackHarness, type SlackHarness } from './setup.js';

const secretary = 'U0SEC0001';

type View = { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id: string; optional: boolean; label: { text: string }; element: { type: string; options?: { value: string }[] } }[] };

/** Staff tools of several parts on Slack: `/staff <tool>` alone opens a form whose answer is the tool's own command text. */
describe('slack staff forms', () => {
  let h: SlackHarness;
  const dm = dmChannelOf(secretary);

  beforeAll(async () => {
    h = await startSlackHarness();
    await linkSlackUser(h, secretary, '王书记');
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Types `/staff <tool>` in a channel; returns the form Slack was asked to open. */
  async function openForm(tool: string, user = secretary): Promise<View> {
    const opened = h.fake.callsOf('views.open').length;
    const handed = h.handed.length;
    const res = await h.post(slashCommand(user, '/staff', tool));
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsOf('views.open')[opened]);
    expect(h.handed.length).toBe(handed);
    return call.args.view as View;
  }
  async function submit(view: View, values: Record<string, Record<string, unknown>>, user = secretary) {
    const before = h.handed.length;
    const id = `VFORM${before}`;
    const res = await h.post(viewSubmission(user, { id, callback_id: view.callback_id, private_metadata: view.private_metadata }, values as never));
    expect(res.status).toBe(200);
    await h.settled(before + 1);
    await h.drain();
    return h.handed.at(-1)!;
  }
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it('has a form only for tools the registry declares as /staff sub-commands, with every label in both languages', () => {
    for (const form of STAFF_FORMS) {
      expect(declaredCommands.find((c) => c.name === form.tool)?.slack).toBe('sub');
      for (const lang of ['zh-CN', 'en'] as const) {
        expect(slackText(lang, `slack-form-${form.tool}`).length).toBeLessThanOrEqual(24);
        for (const f of form.fields) slackText(lang, `slack-field-${f.key}`);
      }
    }
    expect(STAFF_FORMS.map((f) => f.tool).sort()).toEqual(['assign', 'broadcast', 'depart', 'log']);
  });

  it('logs a contact through its form: the submission is the /log text, and the tracking card gets the entry', async () => {
    const view = await openForm('log');
    expect(view.callback_id).toBe('staff_form');
    expect(view.title.text).toBe(slackText('zh-CN', 'slack-form-log'));
    expect(view.blocks.map((b) => b.block_id)).toEqual(['member', 'kind', 'note']);
    expect(view.blocks.find((b) => b.block_id === 'kind')!.element.options!.map((o) => o.value)).toEqual(['call', 'message', 'visit']);
    const member = h.test.person('张建国').personId;
    const calls = () => h.test.database.db.select().from(trackingEntries).where(and(eq(trackingEntries.memberId, member), eq(trackingEntries.kind, 'call')));
    const before = (await calls()).length;
    const handed = await submit(view, { member: text(` ${member} `), kind: { value: { type: 'static_select', selected_option: { value: 'call' } } }, note: text('电话没人接\n明天再打') });
    expect(handed).toMatchObject({ chatId: dm, chatKind: 'private', userId: secretary, body: { kind: 'text', text: `/log ${member} call 电话没人接 明天再打` } });
    expect((await calls()).length).toBe(before + 1);
  });

  it('registers a departure through its form, the date from a date picker', async () => {
    const view = await openForm('depart');
    expect(view.blocks.find((b) => b.block_id === 'date')!.element.type).toBe('datepicker');
    expect(view.blocks.filter((b) => b.optional).map((b) => b.block_id)).toEqual(['employer', 'occupation']);
    const member = h.test.person('刘秀英').personId;
    expect(await h.test.database.db.select().from(departures).where(eq(departures.memberId, member))).toEqual([]);
    const handed = await submit(view, {
      member: text(String(member)), date: { value: { type: 'datepicker', selected_date: '2026-11-05' } }, destination: text('深圳'), employer: text(''), occupation: text('厨师'),
    });
    expect(handed.body).toEqual({ kind: 'text', text: `/depart ${member} 2026-11-05 深圳 厨师` });
    const [row] = await h.test.database.db.select().from(departures).where(eq(departures.memberId, member));
    expect(row).toMatchObject({ departedOn: '2026-11-05', destination: '深圳' });
  });

  it('assigns and composes a broadcast through their forms, as the typed commands', async () => {
    const assign = await openForm('assign');
    expect(assign.blocks.map((b) => b.block_id)).toEqual(['member', 'role', 'person']);
    const member = h.test.person('陈志强').personId;
    const liaison = h.test.person('李联络员').personId;
    const assigned = await submit(assign, { member: text(String(member)), role: { value: { type: 'static_select', selected_option: { value: 'helper' } } }, person: text(String(liaison)) });
    expect(assigned.body).toEqual({ kind: 'text', text: `/assign ${member} helper ${liaison}` });

    const broadcast = await openForm('broadcast');
    expect(broadcast.blocks.map((b) => b.block_id)).toEqual(['filter', 'text']);
    const composed = await submit(broadcast, { filter: text(''), text: text('本周六上午学习党章') });
    expect(composed.body).toEqual({ kind: 'text', text: '/broadcast | 本周六上午学习党章' });
  });

  it('sends a tool typed with its parts straight to the core, with no form', async () => {
    const opened = h.fake.callsOf('views.open').length;
    const before = h.handed.length;
    await h.post(slashCommand(secretary, '/staff', 'log 1 电话 好'));
    await h.settled(before + 1);
    expect(h.handed.at(-1)!.body).toEqual({ kind: 'text', text: '/log 1 电话 好' });
    expect(h.fake.callsOf('views.open').length).toBe(opened);
  });

  it('shows the form in the person’s language', async () => {
    await h.test.database.db.update(persons).set({ language: 'en' }).where(eq(persons.id, h.test.person('王书记').personId));
    const view = await openForm('log');
    expect(view.title.text).toBe(slackText('en', 'slack-form-log'));
    expect(view.blocks[0]!.label.text).toBe(slackText('en', 'slack-field-member'));
  });
});
