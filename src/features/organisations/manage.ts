import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, organisations, ORG_KINDS, type OrgKind } from '../../db/schema/index.js';
import type { MessageArgs } from '../../bot/i18n/index.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { archiveOrg, createOrg, moveOrg, renameOrg } from './tree.js';

/**
 * The organisation tree as a secretary or organisation admin changes it: each change passes authorize's
 * 'org.manage' (the organisation lies in a subtree the person runs) and leaves its own line in the audit log,
 * refusals included. An organisation outside scope and one that does not exist get the same answer.
 */
export type OrgOutcome =
  | { ok: true; key: string; orgId: number }
  | { ok: false; status: 400 | 404 | 409; key: string; args?: MessageArgs };

/** Long enough for 中共某某县某某镇某某村股份经济合作社党支部委员会, short enough to fit a line. */
export const MAX_ORG_NAME = 60;

type Verb = 'create' | 'rename' | 'move' | 'archive';
type Org = typeof organisations.$inferSelect;

const refused = (status: 400 | 404 | 409, key: string, args?: MessageArgs): OrgOutcome => ({ ok: false, status, key, ...(args ? { args } : {}) });
const NOT_FOUND = refused(404, 'console-not-found');

async function record(db: DbOrTx, staffId: number, verb: Verb, orgId: number, now: Date, details: Record<string, unknown>): Promise<void> {
  await db.insert(auditLog).values({ actorId: staffId, action: `org.${verb}`, targetKind: 'org', targetId: String(orgId), at: now, details });
}

/** The organisation, if the person may manage it; the gate's decision is audited either way. */
async function gate(db: DbOrTx, staffId: number, verb: Verb, orgId: number, now: Date, details: Record<string, unknown> = {}): Promise<Org | undefined> {
  if (!(await authorize(db, staffId, 'org.manage', { kind: 'org', id: orgId }, now, { verb, ...details }))) return undefined;
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return org;
}

/** A refusal after the gate: audited under the verb, with why. */
async function refuse(db: DbOrTx, staffId: number, verb: Verb, orgId: number, now: Date, why: string, outcome: OrgOutcome, details: Record<string, unknown> = {}): Promise<OrgOutcome> {
  await record(db, staffId, verb, orgId, now, { refused: why, ...details });
  return outcome;
}

export function cleanName(input: unknown): string | undefined {
  const name = typeof input === 'string' ? input.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
  return name && name.length <= MAX_ORG_NAME ? name : undefined;
}

/** A new organisation under one the person runs. */
export async function createChildOrg(db: DbOrTx, staffId: number, parentId: number, input: { name: unknown; kind: unknown }, now: Date): Promise<OrgOutcome> {
  const parent = await gate(db, staffId, 'create', parentId, now);
  if (!parent) return NOT_FOUND;
  if (parent.archivedAt) return refuse(db, staffId, 'create', parentId, now, 'archived', refused(409, 'console-organisations-is-archived'));
  const name = cleanName(input.name);
  if (!name) return refuse(db, staffId, 'create', parentId, now, 'name', refused(400, 'console-organisations-bad-name', { max: MAX_ORG_NAME }));
  if (!(ORG_KINDS as readonly unknown[]).includes(input.kind)) return refuse(db, staffId, 'create', parentId, now, 'kind', refused(400, 'console-bad-request'));
  const kind = input.kind as OrgKind;
  const orgId = await createOrg(db, { name, kind, parent }, now);
  await record(db, staffId, 'create', orgId, now, { parentId, kind });
  return { ok: true, key: 'console-organisations-created', orgId };
}

export async function renameManagedOrg(db: DbOrTx, staffId: number, orgId: number, input: unknown, now: Date): Promise<OrgOutcome> {
  const org = await gate(db, staffId, 'rename', orgId, now);
  if (!org) return NOT_FOUND;
  if (org.archivedAt) return refuse(db, staffId, 'rename', orgId, now, 'archived', refused(409, 'console-organisations-is-archived'));
  const name = cleanName(input);
  if (!name) return refuse(db, staffId, 'rename', orgId, now, 'name', refused(400, 'console-organisations-bad-name', { max: MAX_ORG_NAME }));
  await renameOrg(db, orgId, name);
  await record(db, staffId, 'rename', orgId, now, { changed: name !== org.name });
  return { ok: true, key: 'console-organisations-renamed', orgId };
}

/**
 * Only an organisation below one the person runs moves or closes: the top of their own scope belongs to the
 * organisation above, whose admin decides where it sits and whether it stays open.
 */
async function belowScopeTop(db: DbOrTx, staffId: number, org: Org): Promise<boolean> {
  return org.parentId !== null && isAllowed(db, staffId, 'org.manage', { kind: 'org', id: org.parentId });
}

export async function moveManagedOrg(db: DbOrTx, staffId: number, orgId: number, parentId: number, now: Date): Promise<OrgOutcome> {
  const org = await gate(db, staffId, 'move', orgId, now, { parentId });
  if (!org) return NOT_FOUND;
  const no = (why: string, status: 404 | 409, key: string) => refuse(db, staffId, 'move', orgId, now, why, refused(status, key), { parentId });
  if (org.archivedAt) return no('archived', 409, 'console-organisations-is-archived');
  if (!(await belowScopeTop(db, staffId, org))) return no('top of scope', 409, 'console-organisations-own-top');
  const [parent] = Number.isSafeInteger(parentId) && (await isAllowed(db, staffId, 'org.manage', { kind: 'org', id: parentId }))
    ? await db.select().from(organisations).where(eq(organisations.id, parentId)) : [];
  if (!parent) return no('parent out of scope', 404, 'console-organisations-parent-not-found');
  if (parent.archivedAt) return no('parent archived', 409, 'console-organisations-parent-archived');
  if (parent.id === org.parentId) return no('already there', 409, 'console-organisations-already-there');
  const moved = await moveOrg(db, org, parent);
  if (moved === 'own-subtree') return no('into its own subtree', 409, 'console-organisations-own-subtree');
  await record(db, staffId, 'move', orgId, now, { fromParentId: org.parentId, parentId, fromPath: org.path, moved });
  return { ok: true, key: 'console-organisations-moved', orgId };
}

export async function archiveManagedOrg(db: DbOrTx, staffId: number, orgId: number, now: Date): Promise<OrgOutcome> {
  const org = await gate(db, staffId, 'archive', orgId, now);
  if (!org) return NOT_FOUND;
  if (org.archivedAt) return refuse(db, staffId, 'archive', orgId, now, 'archived', refused(409, 'console-organisations-is-archived'));
  if (!(await belowScopeTop(db, staffId, org))) return refuse(db, staffId, 'archive', orgId, now, 'top of scope', refused(409, 'console-organisations-own-top'));
  const done = await archiveOrg(db, org, now);
  if (!done.archived) {
    const held = { orgs: done.orgs, members: done.members };
    return refuse(db, staffId, 'archive', orgId, now, 'not empty', refused(409, 'console-organisations-not-empty', held), held);
  }
  await record(db, staffId, 'archive', orgId, now, {});
  return { ok: true, key: 'console-organisations-archived', orgId };
}
