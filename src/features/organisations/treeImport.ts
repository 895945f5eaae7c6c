import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { organisations, type OrgKind } from '../../db/schema/index.js';
import type { ColumnNames, HeadedRow } from '../../roster/headedTable.js';
import { kindOfWord } from './kinds.js';
import { createOrg } from './tree.js';

/** The columns of an organisation tree, as offices name them. */
export const TREE_COLUMNS: ColumnNames<'name' | 'kind' | 'parent'> = {
  name: ['名称', '组织名称', '党组织名称', '组织', 'name', 'organisation', 'organization'],
  kind: ['类型', '组织类型', '类别', 'type', 'kind'],
  parent: ['上级', '上级组织', '上级党组织', '上级名称', 'parent'],
};
export const TREE_REQUIRED = ['name', 'kind', 'parent'] as const;
export type TreeRow = HeadedRow<keyof typeof TREE_COLUMNS>;

/** Where a new organisation goes: under one that exists, under one created by an earlier row, or at the top. */
export type ParentRef = { id: number; name: string } | { row: number; name: string } | null;

export type TreeProblem =
  | { problem: 'no-name' }
  | { problem: 'bad-kind'; kind: string }
  | { problem: 'duplicate-row'; name: string; first: number }
  | { problem: 'unknown-parent'; parent: string }
  | { problem: 'ambiguous-parent'; parent: string }
  | { problem: 'parent-refused'; parent: string; parentRow: number }
  | { problem: 'cycle'; name: string }
  | { problem: 'ambiguous-name'; name: string }
  | { problem: 'outside-scope'; parent: string };

export type TreeRowPlan =
  | { row: number; outcome: 'create'; name: string; kind: OrgKind; parent: ParentRef }
  /** Already there (by name): never created twice. `under` is its parent's name when that is not the row's. */
  | { row: number; outcome: 'exists'; name: string; id: number; under?: string | null }
  | ({ row: number; outcome: 'problem' } & TreeProblem);

export interface TreePlan {
  /** In the file's order; a row to create comes after the row that creates its parent. */
  rows: TreeRowPlan[];
  create: number;
  exists: number;
  problems: number;
}

interface Live { id: number; name: string; parentId: number | null; path: string; parentName: string | null }

/**
 * What importing a tree would do, writing nothing: each row is created, found already there (a live organisation
 * of that name: under the row's parent, or the only one anywhere: not duplicated, not moved), or refused with the
 * reason. Parents are named, in any order of rows: an organisation of the file, else an existing one. With
 * `within` (the organisation paths a person runs), parents and existing names are looked for only there.
 */
export async function planTreeImport(db: DbOrTx, rows: readonly TreeRow[], opts: { within?: readonly string[] } = {}): Promise<TreePlan> {
  const live = await liveByName(db, [...new Set(rows.flatMap((r) => [r.values.name, r.values.parent]).filter(Boolean))], opts.within);
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => { if (r.values.name && !firstRow.has(r.values.name)) firstRow.set(r.values.name, i); });
  const done = new Map<number, TreeRowPlan>();
  // The rows being resolved, child first: a parent found among them closes a cycle of every row from it on.
  const visiting: number[] = [];
  const inCycle = new Set<number>();

  const resolve = (i: number): TreeRowPlan => {
    const cached = done.get(i);
    if (cached) return cached;
    const r = rows[i]!;
    const { name, kind: kindWord, parent: parentName } = r.values;
    const refuse = (p: TreeProblem): TreeRowPlan => ({ row: r.row, outcome: 'problem', ...p });
    let plan: TreeRowPlan;
    const kind = kindOfWord(kindWord);
    if (!name) plan = refuse({ problem: 'no-name' });
    else if (firstRow.get(name) !== i) plan = refuse({ problem: 'duplicate-row', name, first: rows[firstRow.get(name)!]!.row });
    else if (!kind) plan = refuse({ problem: 'bad-kind', kind: kindWord });
    else {
      visiting.push(i);
      const parent = parentOf(parentName);
      visiting.pop();
      if (inCycle.has(i)) plan = refuse({ problem: 'cycle', name: parentName });
      else plan = 'problem' in parent ? refuse(parent) : placed(r.row, name, kind, parent.ref, live.get(name) ?? []);
    }
    done.set(i, plan);
    return plan;
  };

  const parentOf = (parentName: string): { ref: ParentRef } | TreeProblem => {
    if (!parentName) return opts.within ? { problem: 'outside-scope', parent: '' } : { ref: null };
    const at = firstRow.get(parentName);
    if (at !== undefined) {
      // An organisation above itself, directly or through others of the file.
      const from = visiting.indexOf(at);
      if (from >= 0) {
        for (const j of visiting.slice(from)) inCycle.add(j);
        return { problem: 'cycle', name: parentName };
      }
      const p = resolve(at);
      if (p.outcome === 'problem') return { problem: 'parent-refused', parent: parentName, parentRow: p.row };
      return { ref: p.outcome === 'exists' ? { id: p.id, name: p.name } : { row: p.row, name: p.name } };
    }
    const found = live.get(parentName) ?? [];
    if (found.length > 1) return { problem: 'ambiguous-parent', parent: parentName };
    if (found.length === 0) return opts.within ? { problem: 'outside-scope', parent: parentName } : { problem: 'unknown-parent', parent: parentName };
    return { ref: { id: found[0]!.id, name: found[0]!.name } };
  };

  const planned = rows.map((_, i) => resolve(i));
  return {
    rows: planned,
    create: planned.filter((p) => p.outcome === 'create').length,
    exists: planned.filter((p) => p.outcome === 'exists').length,
    problems: planned.filter((p) => p.outcome === 'problem').length,
  };
}

/** A row whose parent is known: created, or found already there. */
function placed(row: number, name: string, kind: OrgKind, parent: ParentRef, namesakes: Live[]): TreeRowPlan {
  const parentId = parent && 'id' in parent ? parent.id : parent === null ? null : undefined;
  const same = namesakes.find((o) => o.parentId === parentId && parentId !== undefined);
  if (same) return { row, outcome: 'exists', name, id: same.id };
  if (namesakes.length > 1) return { row, outcome: 'problem', problem: 'ambiguous-name', name };
  if (namesakes.length === 1) return { row, outcome: 'exists', name, id: namesakes[0]!.id, under: namesakes[0]!.parentName };
  return { row, outcome: 'create', name, kind, parent };
}

const above = alias(organisations, 'above');

/** Live (not archived) organisations with these names, in scope when one is given. */
async function liveByName(db: DbOrTx, names: string[], within: readonly string[] | undefined): Promise<Map<string, Live[]>> {
  const out = new Map<string, Live[]>();
  for (let i = 0; i < names.length; i += 1000) {
    const chunk = names.slice(i, i + 1000);
    const rows = await db.select({ id: organisations.id, name: organisations.name, parentId: organisations.parentId, path: organisations.path, parentName: above.name })
      .from(organisations).leftJoin(above, eq(above.id, organisations.parentId))
      .where(and(isNull(organisations.archivedAt), sql`${organisations.name} in (${sql.join(chunk.map((n) => sql`${n}`), sql`, `)})`));
    for (const r of rows) {
      if (within && !within.some((p) => r.path.startsWith(p))) continue;
      out.set(r.name, [...(out.get(r.name) ?? []), r]);
    }
  }
  return out;
}

/**
 * Creates the planned organisations, parents first, in one transaction; nothing when the plan has problems (the
 * file is corrected and read again). A name that has appeared since the plan is not created twice.
 */
export async function applyTreeImport(db: DbOrTx, plan: TreePlan, now: Date): Promise<{ created: { row: number; id: number; name: string }[] } | { refused: 'problems' }> {
  if (plan.problems > 0) return { refused: 'problems' };
  return db.transaction(async (tx) => {
    const idOfRow = new Map<number, { id: number; path: string }>();
    const created: { row: number; id: number; name: string }[] = [];
    const pending = plan.rows.filter((p): p is Extract<TreeRowPlan, { outcome: 'create' }> => p.outcome === 'create');
    const placedAt = async (parent: ParentRef) => {
      if (parent === null) return null;
      if ('row' in parent) return idOfRow.get(parent.row)!;
      const [p] = await tx.select({ id: organisations.id, path: organisations.path }).from(organisations).where(eq(organisations.id, parent.id));
      return p!;
    };
    // Rows may stand in any order: each pass creates those whose parent is there.
    while (pending.length) {
      const ready = pending.filter((p) => p.parent === null || !('row' in p.parent) || idOfRow.has(p.parent.row));
      for (const p of ready) {
        pending.splice(pending.indexOf(p), 1);
        const parent = await placedAt(p.parent);
        const [again] = await tx.select({ id: organisations.id, path: organisations.path }).from(organisations)
          .where(and(eq(organisations.name, p.name), isNull(organisations.archivedAt), parent ? eq(organisations.parentId, parent.id) : isNull(organisations.parentId)));
        if (again) { idOfRow.set(p.row, again); continue; }
        const id = await createOrg(tx, { name: p.name, kind: p.kind, parent }, now);
        idOfRow.set(p.row, { id, path: `${parent?.path ?? '/'}${id}/` });
        created.push({ row: p.row, id, name: p.name });
      }
      if (ready.length === 0) throw new Error('organisation tree plan has a parent that is never created');
    }
    return { created };
  });
}

