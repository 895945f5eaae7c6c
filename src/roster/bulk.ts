import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { rowsOfResult as rowsOf } from '../db/query.js';

/** Column name → SQL type, in the order they are written. */
export type Columns = Record<string, string>;

/**
 * Inserts many rows with one statement and one parameter (the rows as a JSON array). Drizzle's multi-row
 * VALUES binds a parameter per cell, which costs PGlite about a millisecond a row; this costs a tenth of that.
 * Keys absent from a row are NULL, so callers give every NOT NULL column.
 */
export async function insertJson(db: DbOrTx, table: string, columns: Columns, rows: Record<string, unknown>[], opts: { overridingIds?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const list = names.map((n) => `"${n}"`).join(', ');
  const types = names.map((n) => `"${n}" ${columns[n]}`).join(', ');
  await db.execute(sql`${sql.raw(`insert into "${table}" (${list}) ${opts.overridingIds ? 'overriding system value ' : ''}select ${list} from jsonb_to_recordset(`)}${JSON.stringify(rows)}${sql.raw(`::jsonb) as x(${types})`)}`);
}

/** Fresh ids from a table's identity sequence, taken before the insert so each row knows its id. */
export async function nextIds(db: DbOrTx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = rowsOf<{ id: number }>(await db.execute(sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`));
  return rows.map((r) => r.id);
}

/** A PostgreSQL text[] literal, to pass a whole list as one parameter (`= any(...)` uses the index). */
export function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
