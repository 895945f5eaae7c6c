import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { organisations, rosterImports } from '../db/schema/index.js';
import { authorize, managedOrgs } from '../features/access/authorize.js';
import { preferredIdentity } from '../outbox/enqueue.js';
import { button, dataButton, reply, type PersonFacts, type Reply, type ReplyButton } from '../bot/flow.js';

export type { FileFetcher } from './jobWork.js';

/** Kinds of organisation a roster's members belong to directly. */
const BRANCH_KINDS = ['branch', 'temporary_branch', 'industry_group', 'inflow'] as const;
/** More branches than this are not offered as buttons; the file's own 所在支部 column is. */
const MAX_BRANCH_BUTTONS = 8;

/** The branches a secretary may import a one-branch roster into: their own, and those below what they run. */
export async function importableBranches(db: DbOrTx, personId: number, limit = MAX_BRANCH_BUTTONS + 1): Promise<{ id: number; name: string }[]> {
  const managed = await managedOrgs(db, personId);
  if (managed.length === 0) return [];
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations)
    .where(and(inArray(organisations.kind, [...BRANCH_KINDS]), isNull(organisations.archivedAt), or(...managed.map((m) => like(organisations.path, `${m.path}%`)))))
    .orderBy(organisations.path).limit(limit);
}

/**
 * A spreadsheet a secretary sends outside any conversation is a 花名册 (the roster feature's file handler).
 * Nothing is read here: the file goes into a job for the background runner (`RosterImportRunner`), which
 * downloads it, previews, and writes only after the confirm button; its messages go to the chat the file came
 * from (the account the person used last: this turn's). With several branches in their care, the secretary is
 * asked which one first.
 */
export async function startRosterImport(db: DbOrTx, facts: PersonFacts, file: { fileRef: string; mime?: string }, now: Date): Promise<Reply[]> {
  if (!facts.isStaff) return [reply('common-staff-only')];
  const branches = await importableBranches(db, facts.personId);
  if (branches.length === 0) return [reply('roster-not-secretary')];
  const identity = await preferredIdentity(db, facts.personId);
  if (!identity) return [reply('roster-file-unavailable')];
  const one = branches.length === 1 ? branches[0]! : undefined;
  const [job] = await db.insert(rosterImports).values({
    actorId: facts.personId, platform: identity.platform, chatId: identity.chatId, identityId: identity.id,
    fileRef: file.fileRef, mime: file.mime ?? null, orgId: one?.id ?? null, state: one ? 'queued' : 'choosing_branch', createdAt: now, updatedAt: now,
  }).returning({ id: rosterImports.id });
  if (one) return [reply('roster-received')];
  const choices: ReplyButton[][] = branches.slice(0, MAX_BRANCH_BUTTONS).map((b) => [dataButton(b.name, `roster:branch:${job!.id}:${b.id}`)]);
  choices.push([button('roster-button-by-column', `roster:branch:${job!.id}:0`)], [button('roster-button-cancel', `roster:cancel:${job!.id}`)]);
  return [reply('roster-ask-branch', { buttons: choices })];
}

async function ownJob(db: DbOrTx, personId: number, jobId: number, states: (typeof rosterImports.$inferSelect.state)[]) {
  const [job] = await db.select({ id: rosterImports.id, state: rosterImports.state }).from(rosterImports)
    .where(and(eq(rosterImports.id, jobId), eq(rosterImports.actorId, personId), inArray(rosterImports.state, states)));
  return job;
}

/**
 * 确认导入: the previewed job goes to the runner to be written, once. Only the person who sent the file, only from
 * `previewed`, in one statement: a second press (or a second browser tab) finds it moved on and gets false.
 */
export async function confirmRosterImport(db: DbOrTx, personId: number, jobId: number, now: Date): Promise<boolean> {
  const moved = await db.update(rosterImports).set({ state: 'confirmed', rowsDone: 0, attempts: 0, result: sql`null` as never, updatedAt: now })
    .where(and(eq(rosterImports.id, jobId), eq(rosterImports.actorId, personId), eq(rosterImports.state, 'previewed'))).returning({ id: rosterImports.id });
  return moved.length > 0;
}

/** Cancels the person's own job before it is written, and forgets the file. */
export async function cancelRosterImport(db: DbOrTx, personId: number, jobId: number, now: Date): Promise<boolean> {
  const moved = await db.update(rosterImports).set({ state: 'cancelled', file: null, updatedAt: now })
    .where(and(eq(rosterImports.id, jobId), eq(rosterImports.actorId, personId), inArray(rosterImports.state, ['choosing_branch', 'previewed']))).returning({ id: rosterImports.id });
  return moved.length > 0;
}

/**
 * The import's buttons: `roster:branch:<job>:<org|0>`, `roster:apply:<job>`, `roster:cancel:<job>`. Only the
 * person who sent the file can press them; a job already moved on answers that it is gone.
 */
export const rosterImportButton = {
  pattern: /^roster:(branch|apply|cancel):(\d{1,9})(?::(\d{1,9}))?$/,
  async run(db: DbOrTx, facts: PersonFacts, m: RegExpExecArray, now: Date): Promise<Reply[]> {
    const [verb, jobId, orgId] = [m[1], Number(m[2]), Number(m[3] ?? 0)];
    const set = (values: Partial<typeof rosterImports.$inferInsert>) => db.update(rosterImports).set({ ...values, updatedAt: now }).where(eq(rosterImports.id, jobId));
    if (verb === 'branch') {
      if (!(await ownJob(db, facts.personId, jobId, ['choosing_branch']))) return [reply('roster-job-gone')];
      const offered = orgId === 0 || (await importableBranches(db, facts.personId)).some((b) => b.id === orgId);
      if (orgId !== 0 && !(offered && (await authorize(db, facts.personId, 'roster.import', { kind: 'org', id: orgId }, now)))) return [reply('staff-org-out-of-scope')];
      await set({ orgId: orgId === 0 ? null : orgId, state: 'queued' });
      return [reply('roster-received')];
    }
    if (verb === 'apply') return [reply((await confirmRosterImport(db, facts.personId, jobId, now)) ? 'roster-applying' : 'roster-job-gone')];
    return [reply((await cancelRosterImport(db, facts.personId, jobId, now)) ? 'roster-cancelled' : 'roster-job-gone')];
  },
};
