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

/** An organisation by id (all digits) or by exact name, as for a person. */
export async function orgByWord(db: DbOrTx, word: string): Promise<Found<{ id: number; name: string; path: string }>> {
  const id = asId(word);
  const rows = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(id === undefined ? eq(organisations.name, word) : eq(organisations.id, id)).limit(2);
  return rows.length === 1 ? rows[0]! : rows.length ? 'many' : 'none';
}

/** The words for a lookup that found no one or too many, in both languages. */
export function notFound(what: string, word: string, found: 'none' | 'many'): string {
  return found === 'many' ? `${what} “${word}” 不唯一，请用编号 is ambiguous, use its id\n` : `没有 no such ${what}: ${word}\n`;
}
