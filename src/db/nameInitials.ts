import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { query } from './query.js';

/**
 * A name's pinyin initials, as staff type them to find someone on a phone keyboard: 张建国 → 'zjg'. Surnames
 * are read as surnames (单 shan, 曾 zeng, 长孙 zhangsun). Latin letters and digits are kept, lower-cased
 * ('Alice' → 'alice'); anything else is dropped. A name with none of these keeps its own characters, so the
 * result is never empty for a non-empty name: empty means "not computed yet" (see fillNameInitials).
 */
export async function nameInitials(name: string): Promise<string> {
  return (await initialsFunction())(name);
}

/** Its dictionary takes a few hundred milliseconds to load: only once a name is written, not at every start. */
let loaded: Promise<(name: string) => string> | undefined;
function initialsFunction(): Promise<(name: string) => string> {
  loaded ??= import('pinyin-pro').then(({ pinyin }) => (name: string) => {
    const parts = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
    const initials = parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    return initials || name.replace(/\s+/g, '').toLowerCase() || '_';
  });
  return loaded;
}

/** The same values with `nameInitials` set whenever a name is being written. */
export async function withInitials<T extends { name?: string | undefined }>(values: T): Promise<T & { nameInitials?: string }> {
  return values.name === undefined ? values : { ...values, nameInitials: await nameInitials(values.name) };
}

/** Rows per statement when filling: one jsonb parameter each, far below any parameter limit. */
const FILL_CHUNK = 5_000;

/**
 * Computes the initials of every person who has none yet: people written before the column existed (run
 * after the migrations), and people written by code that did not set them (a rename clears them in the
 * database, migration 0012). Cheap when there is nothing to do: a partial index finds the rows.
 */
export async function fillNameInitials(db: DbOrTx): Promise<number> {
  let filled = 0;
  for (;;) {
    const list = await query<{ id: number; name: string }>(db, sql`select id, name from persons where name_initials = '' and name <> '' order by id limit ${FILL_CHUNK}`);
    if (list.length === 0) return filled;
    const initials = await initialsFunction();
    const values = list.map((r) => ({ id: r.id, initials: initials(r.name) }));
    await db.execute(sql`
      update persons p set name_initials = v.initials
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v (id int, initials text)
      where p.id = v.id`);
    filled += list.length;
    if (list.length < FILL_CHUNK) return filled;
  }
}
