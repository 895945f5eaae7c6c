import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { organisations, staffRoles } from '../db/schema/index.js';
import type { Reply } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';

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
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * One digest per secretary of what lies in the branches they run (the nearest secretary above each item).
 * Every job that puts a list before secretaries goes through here, so they all group and key it the same way.
 * Returns how many digests were newly queued.
 */
export async function sendSecretaryDigests<T extends { orgPath: string }>(
  db: DbOrTx,
  items: readonly T[],
  now: Date,
  digest: (list: T[], secretaryId: number) => { message: Reply; key: string },
): Promise<number> {
  if (items.length === 0) return 0;
  const secretariesOf = await secretaryResolver(db);
  const bySecretary = new Map<number, T[]>();
  for (const item of items) for (const s of secretariesOf(item.orgPath)) bySecretary.set(s, [...(bySecretary.get(s) ?? []), item]);
  let sent = 0;
  for (const [secretaryId, list] of bySecretary) {
    const { message, key } = digest(list, secretaryId);
    if (await notifyPerson(db, secretaryId, message, { key, purpose: 'digest', now })) sent++;
  }
  return sent;
}
