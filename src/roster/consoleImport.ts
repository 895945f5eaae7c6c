import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog, organisations, rosterImports } from '../db/schema/index.js';
import { authorize, isAllowed, managedOrgs } from '../features/access/authorize.js';
import { reply, type Reply } from '../bot/flow.js';
import { LIMITS } from './limits.js';
import type { RosterJob } from './jobMessages.js';

/** Kinds of organisation a one-branch roster may go into (as the chat offers them). */
const BRANCH_KINDS: readonly string[] = ['branch', 'temporary_branch', 'industry_group', 'inflow'];

/**
 * A 花名册 uploaded in the console becomes the same job as a file sent in chat: the same preview, the same
 * confirmation and the same apply by the background runner, with no chat to tell (its page reads the job).
 * `orgId` is the branch of a one-branch roster, checked against the uploader's scope (and audited) before
 * anything is kept; null: each row names its 所在支部, and each row is checked as the chat checks it.
 */
export async function startUploadedImport(db: DbOrTx, personId: number, orgId: number | null, data: Buffer, now: Date): Promise<{ jobId: number } | { refused: Reply; status: 403 | 404 | 400 }> {
  if ((await managedOrgs(db, personId)).length === 0) return { refused: reply('roster-not-secretary'), status: 403 };
  if (orgId !== null) {
    const allowed = await authorize(db, personId, 'roster.import', { kind: 'org', id: orgId }, now, { via: 'console' });
    const [org] = await db.select({ kind: organisations.kind, archivedAt: organisations.archivedAt }).from(organisations).where(eq(organisations.id, orgId));
    if (!allowed || !org || !BRANCH_KINDS.includes(org.kind) || org.archivedAt) return { refused: reply('staff-org-out-of-scope'), status: 404 };
  }
  if (data.length === 0) return { refused: reply('roster-file-refused', { args: { reason: 'empty' } }), status: 400 };
  if (data.length > LIMITS.fileBytes) return { refused: reply('roster-file-refused', { args: { reason: 'too-large', limit: LIMITS.fileBytes } }), status: 400 };
  const [job] = await db.insert(rosterImports).values({
    actorId: personId, platform: null, chatId: null, fileRef: 'upload', file: data, orgId, state: 'queued', createdAt: now, updatedAt: now,
  }).returning({ id: rosterImports.id });
  return { jobId: job!.id };
}

/** The person's own console upload; undefined for anyone else's (or a chat's), the same as one that is not there. */
export async function ownUpload(db: DbOrTx, personId: number, jobId: number): Promise<RosterJob | undefined> {
  const [job] = await db.select().from(rosterImports)
    .where(and(eq(rosterImports.id, jobId), eq(rosterImports.actorId, personId), isNull(rosterImports.chatId)));
  return job;
}

/** The person's latest console uploads, newest first, without their files. */
export async function recentUploads(db: DbOrTx, personId: number, limit = 10) {
  return db.select({
    id: rosterImports.id, state: rosterImports.state, orgName: organisations.name, createdAt: rosterImports.createdAt,
    preview: rosterImports.preview, result: rosterImports.result,
  }).from(rosterImports).leftJoin(organisations, eq(organisations.id, rosterImports.orgId))
    .where(and(eq(rosterImports.actorId, personId), isNull(rosterImports.chatId)))
    .orderBy(desc(rosterImports.id)).limit(limit);
}

/** Whether the uploader still runs the job's organisation (for its page, which refreshes: not audited each time). */
export async function canStillImport(db: DbOrTx, personId: number, job: RosterJob): Promise<boolean> {
  if (job.orgId !== null) return isAllowed(db, personId, 'roster.import', { kind: 'org', id: job.orgId });
  return (await managedOrgs(db, personId)).length > 0;
}

/**
 * Whether the uploader may still act on the job's organisation (a secretary who lost the branch since the
 * upload may not write or download it), written to the audit log with what was asked.
 */
export async function mayStillImport(db: DbOrTx, personId: number, job: RosterJob, now: Date, action: 'apply' | 'report'): Promise<boolean> {
  if (job.orgId !== null) return authorize(db, personId, 'roster.import', { kind: 'org', id: job.orgId }, now, { via: 'console', [action]: job.id });
  // Rows naming their 所在支部 are checked one by one when written; here, only that the person still runs something.
  const allowed = (await managedOrgs(db, personId)).length > 0;
  await db.insert(auditLog).values({ actorId: personId, action: 'roster.import', targetKind: 'roster_import', targetId: String(job.id), at: now, details: { allowed, via: 'console', [action]: job.id } });
  return allowed;
}
