import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { organisations, persons } from '../db/schema/index.js';

export type Found<T = { id: number; name: string }> = T | 'none' | 'many';

const asId = (word: string): number | undefined => (/^\d+$/.test(word) ? Number(word) : undefined);

/** A person by id (all digits) or by exact name; a name two people share is 'many', never a guess. */
export async function personByWord(db: DbOrTx, word: string): Promise<Found> {
  const id = asId(word);
  const rows = await db.select({ id: persons.id, name: persons.name }).from(persons).where(id === undefined ? eq(persons.name, word) : eq(persons.id, id)).limit(2);
  return rows.length === 1 ? rows[0]! : rows.length ? 'many' : 'none';
}

/**
 * An organisation by id (all digits) or by exact name, as for a person. An archived organisation is not found
 * ('archived', so the operator hears why) unless `archived` is asked for: a closed branch's name may be reused by
 * the one that replaced it, and nothing new goes into a closed one.
 */
export async function orgByWord(db: DbOrTx, word: string, opts: { archived?: boolean } = {}): Promise<Found<{ id: number; name: string; path: string }> | 'archived'> {
  const id = asId(word);
  const rows = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path, archivedAt: organisations.archivedAt })
    .from(organisations).where(id === undefined ? eq(organisations.name, word) : eq(organisations.id, id)).limit(20);
  const usable = opts.archived ? rows : rows.filter((r) => r.archivedAt === null);
  if (usable.length === 1) return { id: usable[0]!.id, name: usable[0]!.name, path: usable[0]!.path };
  return usable.length ? 'many' : rows.length ? 'archived' : 'none';
}

/** The words for a lookup that found no one, too many, or only an archived organisation, in both languages. */
export function notFound(what: string, word: string, found: 'none' | 'many' | 'archived'): string {
  if (found === 'archived') return `${what} “${word}” 已归档 is archived\n`;
  return found === 'many' ? `${what} “${word}” 不唯一，请用编号 is ambiguous, use its id\n` : `没有 no such ${what}: ${word}\n`;
}
