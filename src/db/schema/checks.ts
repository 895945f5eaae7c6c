import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A CHECK that the column holds one of the listed values: the database enforces the same list the code uses. */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in ${sql.raw(`(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})`)}`;
}
