import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { organisations, type OrgKind } from '../../db/schema/index.js';

/**
 * The organisation tree's own operations, with its materialised paths kept whole. No authorisation and no
 * audit here: the caller's (the admin command line audits as the operator, the console through authorize).
 */
export interface TreeOrg { id: number; path: string }

/** A new organisation under `parent` (a root when null); its path is known only once its id is. */
export async function createOrg(db: DbOrTx, org: { name: string; kind: OrgKind; parent: TreeOrg | null }, now: Date): Promise<number> {
  const run = async (tx: DbOrTx): Promise<number> => {
    const [row] = await tx.insert(organisations).values({ name: org.name, kind: org.kind, parentId: org.parent?.id ?? null, path: 'pending', createdAt: now }).returning({ id: organisations.id });
    await tx.update(organisations).set({ path: `${org.parent?.path ?? '/'}${row!.id}/` }).where(eq(organisations.id, row!.id));
    return row!.id;
  };
  return db.transaction(run);
}

export async function renameOrg(db: DbOrTx, orgId: number, name: string): Promise<void> {
  await db.update(organisations).set({ name }).where(eq(organisations.id, orgId));
}

/**
 * Moves the organisation and its whole subtree: every path under it is rewritten in one statement. Refused
 * ('own-subtree') under itself or anything below it. Returns how many organisations moved.
 */
export async function moveOrg(db: DbOrTx, target: TreeOrg, parent: TreeOrg): Promise<number | 'own-subtree'> {
  if (parent.path.startsWith(target.path)) return 'own-subtree';
  const newPath = `${parent.path}${target.id}/`;
  const run = async (tx: DbOrTx): Promise<number> => {
    await tx.update(organisations).set({ parentId: parent.id }).where(eq(organisations.id, target.id));
    const rows = await tx.update(organisations)
      .set({ path: sql`${newPath} || substr(${organisations.path}, ${target.path.length + 1})` })
      .where(sql`${organisations.path} like ${target.path} || '%'`)
      .returning({ id: organisations.id });
    return rows.length;
  };
  return db.transaction(run);
}

/** What keeps an organisation open: organisations still open under it, members at home in it. */
export async function orgHolds(db: DbOrTx, target: TreeOrg): Promise<{ orgs: number; members: number }> {
  const [held] = await query<{ orgs: number; members: number }>(db, sql`
    select (select count(*)::int from organisations where path like ${target.path} || '%' and id <> ${target.id} and archived_at is null) as orgs,
      (select count(*)::int from members where home_org_id = ${target.id}) as members`);
  return held!;
}

/**
 * Closes an organisation, keeping its row (history points to it). Refused while it still has open organisations
 * under it or members at home in it: those are moved first, so no one is left in a closed branch.
 */
export async function archiveOrg(db: DbOrTx, target: TreeOrg, now: Date): Promise<{ archived: true } | { archived: false; orgs: number; members: number }> {
  const held = await orgHolds(db, target);
  if (held.orgs || held.members) return { archived: false, ...held };
  await db.update(organisations).set({ archivedAt: now }).where(and(eq(organisations.id, target.id), isNull(organisations.archivedAt)));
  return { archived: true };
}
