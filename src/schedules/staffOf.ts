import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { organisations, staffRoles } from '../db/schema/index.js';

/** Secretaries by the subtree they run; a member's secretaries are those whose subtree holds the member's branch. */
export async function secretaryResolver(db: DbOrTx): Promise<(orgPath: string) => number[]> {
  const rows = await db
    .select({ personId: staffRoles.personId, path: organisations.path })
    .from(staffRoles)
    .innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(inArray(staffRoles.role, ['secretary']));
  return (orgPath) => {
    // The nearest secretary does the work; higher ones see it in their statistics, not in their chat.
    const matching = rows.filter((r) => orgPath.startsWith(r.path));
    const deepest = Math.max(0, ...matching.map((r) => r.path.length));
    return [...new Set(matching.filter((r) => r.path.length === deepest).map((r) => r.personId))];
  };
}

/** Groups items under keys, keeping first-seen order. */
export function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}
