import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { helpAttachments, helpRequestEvents, helpRequests, members, organisations, persons } from '../../db/schema/index.js';
import { handoverCandidates, loadInScope, type AuditVia } from './requests.js';

type Request = typeof helpRequests.$inferSelect;

/** One step of a request's life, as the desk shows it. */
export interface RequestEvent {
  at: Date;
  /** Who did it; null for the bot's own escalation (nobody took it in time). */
  actorId: number | null;
  actor: string;
  /** The member themselves: a confirmation or a reopening. */
  byMember: boolean;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
}

export interface DeskRequest {
  request: Request;
  member: string;
  branch: string;
  assignee: string | null;
  events: RequestEvent[];
  /** The photos and documents the member attached, in the order sent. */
  files: { id: number; mime: string | null }[];
  /** Whom it can be handed to: people who may see the member, by name. */
  candidates: { id: number; name: string }[];
}

/**
 * A request in full for the desk: the member's words, every change with who made it, the escalations and the
 * member's own answer. Seeing it is audited like the chat's `/hr 12`; out of scope it is not there.
 */
export async function deskRequest(db: DbOrTx, staffId: number, requestId: number, now: Date, via: AuditVia = {}): Promise<DeskRequest | undefined> {
  const r = await loadInScope(db, staffId, requestId, now, 'show', via);
  if (!r) return undefined;
  const [events, files, [home], candidateIds] = await Promise.all([
    db.select().from(helpRequestEvents).where(eq(helpRequestEvents.requestId, r.id)).orderBy(asc(helpRequestEvents.at), asc(helpRequestEvents.id)),
    db.select({ id: helpAttachments.id, mime: helpAttachments.mime }).from(helpAttachments).where(eq(helpAttachments.requestId, r.id)).orderBy(asc(helpAttachments.id)),
    db.select({ name: organisations.name }).from(members).innerJoin(organisations, eq(organisations.id, members.homeOrgId)).where(eq(members.personId, r.memberId)),
    r.status === 'confirmed' ? Promise.resolve([]) : handoverCandidates(db, staffId, r),
  ]);
  const ids = [...new Set([r.memberId, ...(r.assigneeId ? [r.assigneeId] : []), ...candidateIds, ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))])];
  const names = new Map((await db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, ids))).map((p) => [p.id, p.name]));
  return {
    request: r,
    member: names.get(r.memberId) ?? '',
    branch: home?.name ?? '',
    assignee: r.assigneeId ? (names.get(r.assigneeId) ?? '') : null,
    events: events.map((e) => ({
      at: e.at, actorId: e.actorId, actor: e.actorId ? (names.get(e.actorId) ?? '') : '', byMember: e.actorId === r.memberId,
      fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note,
    })),
    files,
    candidates: candidateIds.map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}

/**
 * One file attached to a request, for the desk to open: seen only by those who may see the request (audited as the
 * step 'file', like `/hr 12`), and only through that request.
 */
export async function deskFile(db: DbOrTx, staffId: number, requestId: number, fileId: number, now: Date, via: AuditVia = {}) {
  const r = await loadInScope(db, staffId, requestId, now, 'file', { ...via, file: fileId });
  if (!r) return undefined;
  const [file] = await db.select({ platform: helpAttachments.platform, fileRef: helpAttachments.fileRef, mime: helpAttachments.mime }).from(helpAttachments)
    .where(and(eq(helpAttachments.id, fileId), eq(helpAttachments.requestId, r.id)));
  return file;
}
