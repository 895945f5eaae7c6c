import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import type { OrgKind } from '../../db/schema/index.js';

/** One organisation of a manager's tree, with its member counts. */
export interface OrgNode {
  id: number;
  parentId: number | null;
  name: string;
  kind: OrgKind;
  path: string;
  archivedAt: Date | null;
  /** Members whose home branch this is. */
  members: number;
  /** Members of other branches attached here (an inflow organisation, 双向管理). */
  attached: number;
  /** Members at home here or anywhere below (open organisations only). */
  subtreeMembers: number;
  children: OrgNode[];
  /** The open organisation above it inside the manager's scope; absent for a root of the scope. */
  parent?: OrgNode;
}

export interface ManagedTree {
  /** The highest organisations the person manages, each with its open subtree. */
  roots: OrgNode[];
  /** Closed organisations in scope, shown apart. */
  archived: OrgNode[];
  byId: Map<number, OrgNode>;
}

type Row = Omit<OrgNode, 'children' | 'subtreeMembers' | 'parent'>;

/**
 * The organisations under every organisation where the person is secretary or admin: the same subtree rule as
 * authorize's organisation actions, so a page lists exactly what its forms may change.
 */
const managed = (staffId: number) => sql`exists (select 1 from staff_roles sr join organisations so on so.id = sr.org_id
  where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin') and o.path like so.path || '%')`;

async function scopeRows(db: DbOrTx, staffId: number, counted: boolean): Promise<Row[]> {
  if (!counted) {
    return query<Row>(db, sql`
      select o.id, o.parent_id as "parentId", o.name, o.kind, o.path, o.archived_at as "archivedAt", 0 as members, 0 as attached
      from organisations o
      where ${managed(staffId)}
      order by o.path`);
  }
  return query<Row>(db, sql`
    with scope as (
      select o.* from organisations o
      where ${managed(staffId)}),
    home as (select m.home_org_id as id, count(*)::int as n from members m where m.home_org_id in (select id from scope) group by m.home_org_id),
    attached as (select m.inflow_org_id as id, count(*)::int as n from members m where m.inflow_org_id in (select id from scope) group by m.inflow_org_id)
    select s.id, s.parent_id as "parentId", s.name, s.kind, s.path, s.archived_at as "archivedAt",
      coalesce(home.n, 0) as members, coalesce(attached.n, 0) as attached
    from scope s left join home on home.id = s.id left join attached on attached.id = s.id
    order by s.path`);
}

const byName = (a: OrgNode, b: OrgNode) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id;

function subtreeCount(node: OrgNode): number {
  node.subtreeMembers = node.members + node.children.reduce((sum, c) => sum + subtreeCount(c), 0);
  return node.subtreeMembers;
}

/**
 * The person's organisations as a tree. `counted: false` leaves the member counts at 0, for a page that only picks an
 * organisation: counting a county's million members by branch costs 0.1-0.2 s (~1 s before the table is vacuumed).
 */
export async function managedTree(db: DbOrTx, staffId: number, { counted = true } = {}): Promise<ManagedTree> {
  const rows = await scopeRows(db, staffId, counted);
  const byId = new Map<number, OrgNode>(rows.map((r) => [r.id, {
    ...r, archivedAt: r.archivedAt === null ? null : new Date(r.archivedAt), children: [], subtreeMembers: 0,
  }]));
  const roots: OrgNode[] = [];
  const archived: OrgNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) node.parent = parent;
    if (node.archivedAt) archived.push(node);
    else if (parent && !parent.archivedAt) parent.children.push(node);
    else roots.push(node);
  }
  for (const node of byId.values()) node.children.sort(byName);
  roots.sort(byName);
  for (const root of roots) subtreeCount(root);
  return { roots, archived: archived.sort(byName), byId };
}

/** The open tree in reading order, each with its depth below its root. */
export function flatten(roots: readonly OrgNode[], depth = 0): { node: OrgNode; depth: number }[] {
  return roots.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

/** The names from the top of the person's scope down to this organisation. */
export function lineage(node: OrgNode): OrgNode[] {
  const chain: OrgNode[] = [];
  for (let at: OrgNode | undefined = node; at; at = at.parent) chain.unshift(at);
  return chain;
}

/** Where an organisation may move: open organisations in scope, not itself or below it, not where it is now. */
export function moveTargets(tree: ManagedTree, node: OrgNode): OrgNode[] {
  return flatten(tree.roots).map((e) => e.node).filter((o) => !o.path.startsWith(node.path) && o.id !== node.parentId);
}
