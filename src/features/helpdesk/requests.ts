import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helperAssignments, helpRequestEvents, helpRequests, trackingEntries, type HelpStatus } from '../../db/schema/index.js';
import { button, cancelButton, dataButton, reply, type Reply } from '../../bot/flow.js';
import { helpRequestButtons } from '../../bot/help/notice.js';
import { helpLadder, nameOf } from '../../bot/help/routing.js';
import { notifyPerson } from '../../bot/notify.js';
import { authorize, isAllowed } from '../access/authorize.js';

const CLOSED: readonly HelpStatus[] = ['confirmed'];

/** Extra audit details of the caller, e.g. `{ via: 'console' }` (the chat adds none). */
export type AuditVia = Record<string, unknown>;

export async function loadInScope(db: DbOrTx, staffId: number, requestId: number, now: Date, step: string, via: AuditVia = {}) {
  const [request] = await db.select().from(helpRequests).where(eq(helpRequests.id, requestId));
  // A request outside scope is answered exactly like one that does not exist; the attempt is still audited.
  const memberId = request?.memberId ?? -1;
  const ok = await authorize(db, staffId, 'help.handle', { kind: 'member', id: memberId }, now, { requestId, step, ...via });
  return ok ? request : undefined;
}

async function record(db: DbOrTx, requestId: number, memberId: number, actorId: number, from: HelpStatus, to: HelpStatus, now: Date, note: string | null, extra: Record<string, unknown> = {}) {
  await db.insert(helpRequestEvents).values({ requestId, at: now, actorId, fromStatus: from, toStatus: to, note });
  await db.insert(trackingEntries).values({ memberId, at: now, actorId, kind: 'help', note, details: { requestId, status: to, ...extra } });
}

/** The staff person takes the request on: it is theirs until handed over or solved. */
export async function takeRequest(db: DbOrTx, staffId: number, requestId: number, now: Date, via: AuditVia = {}): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'take', via);
  if (!r) return [reply('staff-help-not-found')];
  if (CLOSED.includes(r.status)) return [reply('staff-help-closed', { args: { id: r.id } })];
  await db.update(helpRequests).set({ status: 'in_progress', assigneeId: staffId, updatedAt: now }).where(eq(helpRequests.id, r.id));
  await record(db, r.id, r.memberId, staffId, r.status, 'in_progress', now, null, { assigneeId: staffId });
  return [reply('staff-help-taken', { args: { id: r.id }, buttons: [[button('staff-button-resolve', `hr:resolve:${r.id}`), button('staff-button-note', `hr:note:${r.id}`)]] })];
}

export async function noteRequest(db: DbOrTx, staffId: number, requestId: number, note: string, now: Date, via: AuditVia = {}): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'note', via);
  if (!r) return [reply('staff-help-not-found')];
  const text = note.trim().slice(0, 500);
  if (!text) return [reply('staff-help-usage')];
  await db.insert(helpRequestEvents).values({ requestId: r.id, at: now, actorId: staffId, fromStatus: r.status, toStatus: r.status, note: text });
  await db.update(helpRequests).set({ updatedAt: now }).where(eq(helpRequests.id, r.id));
  return [reply('staff-help-noted', { args: { id: r.id } })];
}

/** Hands the request to another staff person, who must be allowed to see the member. */
export async function handOverRequest(db: DbOrTx, staffId: number, requestId: number, toId: number, now: Date, via: AuditVia = {}): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'handover', via);
  if (!r) return [reply('staff-help-not-found')];
  if (CLOSED.includes(r.status)) return [reply('staff-help-closed', { args: { id: r.id } })];
  if (!(await isAllowed(db, toId, 'help.handle', { kind: 'member', id: r.memberId }))) return [reply('staff-help-handover-refused')];
  await db.update(helpRequests).set({ status: 'assigned', assigneeId: toId, updatedAt: now }).where(eq(helpRequests.id, r.id));
  await record(db, r.id, r.memberId, staffId, r.status, 'assigned', now, null, { assigneeId: toId });
  const notice = reply('staff-help-handed-to-you', {
    args: { id: r.id, from: await nameOf(db, staffId), name: await nameOf(db, r.memberId), category: r.category, description: r.description.slice(0, 600) },
    buttons: helpRequestButtons(r.id),
  });
  await notifyPerson(db, toId, notice, {
    key: `help-handover:${r.id}:${toId}:${now.getTime()}`, purpose: 'notify', now,
  });
  return [reply('staff-help-handed-over', { args: { id: r.id, name: await nameOf(db, toId) } })];
}

/** Marks it solved; the member is asked to confirm or reopen with the buttons they already know. */
export async function resolveRequest(db: DbOrTx, staffId: number, requestId: number, now: Date, via: AuditVia = {}): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'resolve', via);
  if (!r) return [reply('staff-help-not-found')];
  if (r.status === 'resolved' || CLOSED.includes(r.status)) return [reply('staff-help-closed', { args: { id: r.id } })];
  await db.update(helpRequests).set({ status: 'resolved', resolvedAt: now, updatedAt: now, assigneeId: r.assigneeId ?? staffId }).where(eq(helpRequests.id, r.id));
  await record(db, r.id, r.memberId, staffId, r.status, 'resolved', now, null);
  await notifyPerson(
    db,
    r.memberId,
    reply('help-ask-confirm', { args: { id: r.id }, buttons: [[button('help-button-solved', `hr:confirm:${r.id}`), button('help-button-not-solved', `hr:reopen:${r.id}`)]] }),
    { key: `help-resolved:${r.id}:${now.getTime()}`, purpose: 'notify', now },
  );
  return [reply('staff-help-resolved', { args: { id: r.id } })];
}

/** The people a request can be handed to: the member's liaison, helpers and secretaries, whoever may see the member. */
export async function handoverCandidates(db: DbOrTx, staffId: number, r: { memberId: number }): Promise<number[]> {
  const ladder = await helpLadder(db, r.memberId);
  const helpers = await db.select({ id: helperAssignments.helperId }).from(helperAssignments).where(eq(helperAssignments.memberId, r.memberId));
  const candidates = [...new Set([ladder.liaisonId, ...helpers.map((h) => h.id), ...ladder.secretaryIds, ...ladder.aboveIds])]
    .filter((p): p is number => p !== undefined && p !== staffId);
  const allowed: number[] = [];
  for (const p of candidates) if (await isAllowed(db, p, 'help.handle', { kind: 'member', id: r.memberId })) allowed.push(p);
  return allowed;
}

/** The chat's question "转给谁？", one button per person who can take it. */
export async function handoverChoices(db: DbOrTx, staffId: number, requestId: number, now: Date): Promise<Reply[]> {
  const r = await loadInScope(db, staffId, requestId, now, 'handover-choices');
  if (!r) return [reply('staff-help-not-found')];
  if (CLOSED.includes(r.status)) return [reply('staff-help-closed', { args: { id: r.id } })];
  const allowed = await handoverCandidates(db, staffId, r);
  if (allowed.length === 0) return [reply('staff-help-nobody-to-hand-to', { args: { id: r.id } })];
  const buttons = await Promise.all(allowed.slice(0, 8).map(async (p) => [dataButton(await nameOf(db, p), `hr:to:${r.id}:${p}`)]));
  return [reply('staff-help-handover-to-whom', { args: { id: r.id }, buttons: [...buttons, [cancelButton()]] })];
}
