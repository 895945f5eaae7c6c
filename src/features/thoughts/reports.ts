import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reports, staffRoles, trackingEntries } from '../../db/schema/index.js';
import { reply, type Reply } from '../../bot/flow.js';
import { MAX_STAFF_TEXT_CHARS } from '../../bot/flows/staffText.js';
import { nameOf } from '../../bot/help/routing.js';
import { notifyPerson } from '../../bot/notify.js';
import { authorize } from '../access/authorize.js';

/** Extra audit details of the caller, e.g. `{ via: 'console' }` (the chat adds none). */
export type AuditVia = Record<string, unknown>;

/** A thought report, if the staff person may see its member (the same rule as the member's card); audited. */
export async function reportInScope(db: DbOrTx, staffId: number, reportId: number, now: Date, step: string, via: AuditVia = {}) {
  const [r] = await db.select().from(reports).where(and(eq(reports.id, reportId), eq(reports.kind, 'thought')));
  const ok = await authorize(db, staffId, step === 'reply' ? 'member.log' : 'member.view', { kind: 'member', id: r?.memberId ?? -1 }, now, { reportId, step, ...via });
  return ok ? r : undefined;
}

/**
 * The reply reaches the member under the reader's title ("书记已阅：…") and is kept on the card as a message.
 * The chat's "✍️ 回复" and the console's reply box both end here.
 */
export async function replyToThoughtReport(db: DbOrTx, staffId: number, reportId: number, text: string, now: Date, via: AuditVia = {}): Promise<Reply[]> {
  const words = text.trim();
  if (!words) return [reply('staff-text-nudge')];
  if ([...words].length > MAX_STAFF_TEXT_CHARS) return [reply('staff-text-too-long', { args: { max: MAX_STAFF_TEXT_CHARS } })];
  const r = await reportInScope(db, staffId, reportId, now, 'reply', via);
  if (!r) return [reply('staff-thought-not-found')];
  const [secretary] = await db.select({ role: staffRoles.role }).from(staffRoles).where(and(eq(staffRoles.personId, staffId), eq(staffRoles.role, 'secretary')));
  await notifyPerson(db, r.memberId, reply('thought-reply-to-member', { args: { role: secretary ? 'secretary' : 'other', name: await nameOf(db, staffId), text: words } }), {
    key: `thought-reply:${r.id}:${staffId}:${now.getTime()}`, purpose: 'notify', now,
  });
  await db.insert(trackingEntries).values({ memberId: r.memberId, at: now, actorId: staffId, kind: 'message', note: words, details: { thoughtReply: r.id } });
  return [reply('staff-thought-reply-sent', { args: { name: await nameOf(db, r.memberId) } })];
}
