import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { helpRequests } from '../../src/db/schema/index.js';
import { t } from '../../src/bot/i18n/index.js';
import type { IncomingBody } from '../../src/bot/types.js';
import { incoming, lastQueued, press, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * Input that is malformed rather than wrong: characters PostgreSQL cannot store, ids past a 32-bit column,
 * dates that do not exist. Each must get its own answer (or the answer a wrong one gets), never the apology
 * for a bug, and never be consumed by it.
 */
let h: TestBot;
const APOLOGY = t('zh-CN', 'common-error');

beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

const as = (name: string) => h.person(name).terminalUserId!;
async function answerTo(name: string, body: IncomingBody): Promise<string> {
  const result = await h.bot.core.handle(incoming(as(name), body));
  expect(result.status).toBe('applied');
  return (await lastQueued(h.database, as(name))).text;
}

const BIG = '2147483648';
const HUGE = '99999999999999999999999';

describe('malformed input gets a specific answer, never the apology', () => {
  it('text with a NUL or a lone surrogate is understood as the text around it', async () => {
    const corpus = ['/sta\u0000tus', '\u0000', '菜单\u0000', 'hello\ud800', '\udfff', '/status\ud83d', '取消\u0000\ud800'];
    for (const text of corpus) {
      const answer = await answerTo('陈志强', say(text));
      expect(answer, JSON.stringify(text)).not.toBe(APOLOGY);
    }
    // Free text inside a conversation is stored: a thought report with a NUL in it.
    await answerTo('陈志强', say('/thought'));
    expect(await answerTo('陈志强', say('学习\u0000了\ud800党章'))).not.toBe(APOLOGY);
    const status = await answerTo('陈志强', say('/status\u0000'));
    expect(status).toContain('我的情况');
  });

  it('a button payload with a NUL or a lone surrogate is a stale button', async () => {
    for (const payload of ['menu:status\u0000', 'hr:take:1\ud800', '\u0000']) {
      expect(await answerTo('李联络员', press(payload)), JSON.stringify(payload)).not.toBe(APOLOGY);
    }
  });

  it('ids of 2^31 or more in buttons are answered like ids that do not exist', async () => {
    const notFound = t('zh-CN', 'staff-help-not-found');
    for (const payload of [`hr:take:${BIG}`, `hr:resolve:${HUGE}`, `hr:confirm:${BIG}`, `contact:call:${BIG}`, `study:done:${BIG}`]) {
      const answer = await answerTo('李联络员', press(payload));
      expect(answer, payload).not.toBe(APOLOGY);
    }
    expect(await answerTo('李联络员', press(`hr:take:${BIG}`))).toBe(notFound);
    expect(await answerTo('刘秀英', press(`hr:reopen:${BIG}`))).not.toBe(APOLOGY);
  });

  it('ids of 2^31 or more in commands are answered like ids that do not exist', async () => {
    const corpus = [
      `/stats ${BIG}`, `/hr ${BIG} take`, `/hr ${BIG} note 备注`, `/log ${BIG} call`, `/log ${HUGE} visit 在家`, `/assign ${BIG} liaison 1`,
      `/assign 1 liaison ${BIG}`, `/attach ${BIG} none`, `/transfer 3 ${BIG}`, `/cert ${BIG} handover`, `/return ${BIG}`,
      `/audience org=${BIG}`, `/invite ${BIG}`, `/invite #${HUGE}`, `/depart ${BIG} 2026-03-01 东莞`,
    ];
    for (const text of corpus) {
      const answer = await answerTo('王书记', say(text));
      expect(answer, text).not.toBe(APOLOGY);
    }
    expect(await answerTo('王书记', say(`/stats ${BIG}`))).toBe(t('zh-CN', 'staff-org-out-of-scope'));
    expect(await answerTo('王书记', say(`/hr ${BIG} take`))).toBe(t('zh-CN', 'staff-help-not-found'));
  });

  it('an impossible date is named in the answer', async () => {
    const zhang = h.person('张建国').personId;
    const corpus: [string, string][] = [
      [`/depart ${zhang} 2026-02-30 东莞`, '2026-02-30'], [`/depart ${zhang} 2026-13-01 东莞`, '2026-13-01'], [`/return ${zhang} 2026-02-29`, '2026-02-29'],
      [`/cert ${zhang} handover 2026-04-31`, '2026-04-31'], [`/cert ${zhang} LD-1 2026-01-01 2026-02-30`, '2026-02-30'], [`/cert ${zhang} LD-2 2025-02-29 2027-01-01`, '2025-02-29'],
    ];
    for (const [text, date] of corpus) {
      // The date is named first, then how the command is written.
      const before = (await queuedFor(h.database, as('王书记'))).length;
      await answerTo('王书记', say(text));
      const answers = (await queuedFor(h.database, as('王书记'))).slice(before).map((m) => m.text);
      expect(answers[0], text).toBe(t('zh-CN', 'staff-bad-date', { date }));
      expect(answers[1], text).toMatch(/^用法：\//);
    }
    // A real date still works.
    expect(await answerTo('王书记', say(`/return ${zhang} 2026-02-28`))).not.toBe(t('zh-CN', 'staff-bad-date', { date: '2026-02-28' }));
  });

  it('no input above was handled as a bug', async () => {
    expect(h.logs.text).not.toContain('handling failed');
    // The requests the buttons pointed at are untouched.
    const all = await h.database.db.select().from(helpRequests).where(eq(helpRequests.status, 'in_progress'));
    expect(all).toHaveLength(0);
  });
});
