import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reportAttachments, reports, staffRoles, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { staffTextArg } from '../../bot/flows/staffText.js';
import { nameOf } from '../../bot/help/routing.js';
import { quarterOf, thoughtReportButtons } from '../../bot/help/thoughtNotice.js';
import { notifyPerson } from '../../bot/notify.js';
import { type Feature, type Outcome, type TurnContext } from '../../bot/registry.js';
import { authorize } from '../access/authorize.js';
import { idOf, NO_SUCH_ID } from '../args.js';
import { photoReplies } from './photos.js';

/** A thought report, if the staff person may see its member (the same rule as the member's card); audited. */
async function reportInScope(db: DbOrTx, staffId: number, reportId: number, now: Date, step: string) {
  const [r] = await db.select().from(reports).where(and(eq(reports.id, reportId), eq(reports.kind, 'thought')));
  const ok = await authorize(db, staffId, step === 'reply' ? 'member.log' : 'member.view', { kind: 'member', id: r?.memberId ?? -1 }, now, { reportId, step });
  return ok ? r : undefined;
}

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

/** The reply reaches the member under the reader's title ("书记已阅：…") and is kept on the card as a message. */
async function sendReply(ctx: TurnContext, reportId: number, text: string): Promise<Reply[]> {
  const { tx: db, now } = ctx;
  const staffId = ctx.facts.personId;
  const r = await reportInScope(db, staffId, reportId, now, 'reply');
  if (!r) return [reply('staff-thought-not-found')];
  const [secretary] = await db.select({ role: staffRoles.role }).from(staffRoles).where(and(eq(staffRoles.personId, staffId), eq(staffRoles.role, 'secretary')));
  await notifyPerson(db, r.memberId, reply('thought-reply-to-member', { args: { role: secretary ? 'secretary' : 'other', name: await nameOf(db, staffId), text } }), {
    key: `thought-reply:${r.id}:${staffId}:${now.getTime()}`, purpose: 'notify', now,
  });
  await db.insert(trackingEntries).values({ memberId: r.memberId, at: now, actorId: staffId, kind: 'message', note: text, details: { thoughtReply: r.id } });
  return [reply('staff-thought-reply-sent', { args: { name: await nameOf(db, r.memberId) } })];
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
    thoughtReply: (ctx, effect) => sendReply(ctx, effect.targetId, effect.text),
  },
};
