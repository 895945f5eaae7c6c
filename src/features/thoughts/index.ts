import { eq } from 'drizzle-orm';
import { reportAttachments } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { staffTextArg } from '../../bot/flows/staffText.js';
import { nameOf } from '../../bot/help/routing.js';
import { quarterOf, thoughtReportButtons } from '../../bot/help/thoughtNotice.js';
import { type Feature, type Outcome, type TurnContext } from '../../bot/registry.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { photoReplies } from './photos.js';
import { replyToThoughtReport, reportInScope } from './reports.js';

/** "📖 阅读": the report as written, then the photos of a handwritten one. */
async function readReport(ctx: TurnContext, reportId: number): Promise<Reply[]> {
  const r = await reportInScope(ctx.tx, ctx.facts.personId, reportId, ctx.now, 'read');
  if (!r) return [reply('staff-thought-not-found')];
  const photos = await ctx.tx.select().from(reportAttachments).where(eq(reportAttachments.reportId, r.id)).orderBy(reportAttachments.id);
  const text = reply('staff-thought-text', {
    args: { name: await nameOf(ctx.tx, r.memberId), ...quarterOf(r.period), body: r.body ?? '', photos: photos.length },
    buttons: [thoughtReportButtons(r.id)[0]!.slice(1)],
  });
  return [text, ...photoReplies(photos)];
}

/** "✍️ 回复": the next message the staff person writes goes to the member. */
async function startReply(ctx: TurnContext, reportId: number): Promise<Reply[] | Outcome> {
  const r = await reportInScope(ctx.tx, ctx.facts.personId, reportId, ctx.now, 'reply');
  if (!r) return [reply('staff-thought-not-found')];
  return { kind: 'flow', flow: 'staffText', arg: staffTextArg('thoughtReply', r.id) };
}

const id = (s: string | undefined) => idOf(s) ?? NO_SUCH_ID;

/** Thought reports (思想汇报) read and answered by the member's liaison and secretary. */
export const thoughtsFeature: Feature = {
  name: 'thoughts',
  buttons: [
    { pattern: /^thought:read:(\d+)$/, who: 'staff', run: (ctx, m) => readReport(ctx, id(m[1])) },
    { pattern: /^thought:reply:(\d+)$/, who: 'staff', run: (ctx, m) => startReply(ctx, id(m[1])) },
  ],
  effects: {
    thoughtReply: (ctx, effect) => replyToThoughtReport(ctx.tx, ctx.facts.personId, effect.targetId, effect.text, ctx.now),
  },
};
