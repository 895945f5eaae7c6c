import type { PGlite } from '@electric-sql/pglite';
import type { PgliteQueryResult, PgliteTransactionHandle } from './pgliteThread.js';

/**
 * The types drizzle asks PGlite to hand over as PostgreSQL wrote them (drizzle-orm/pglite/session.js: timestamp,
 * timestamptz, interval, date, and the arrays numeric[], timestamp[], timestamptz[], interval[], date[]); drizzle
 * maps them itself.
 */
export const AS_WRITTEN_OIDS = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182] as const;

type QueryOptions = { rowMode?: 'array' | 'object'; parsers?: unknown };
type WithParsers = { parsers: Record<number, (value: string, typeId: number) => unknown> };

/** PGlite's own table of parsers made to answer as drizzle asks, for every statement from now on. */
function parseAsWritten(client: WithParsers): void {
  for (const oid of AS_WRITTEN_OIDS) client.parsers[oid] = (value) => value;
}

/** The options without `parsers`: the table already holds them (parseAsWritten). */
function withoutParsers(options: QueryOptions | undefined): { rowMode: 'array' | 'object' } | undefined {
  return options?.rowMode ? { rowMode: options.rowMode } : undefined;
}

/** What drizzle's PGlite driver calls: statements, and transactions of statements. */
export interface PgliteForDrizzle extends PgliteTransactionHandle {
  transaction<T>(work: (tx: PgliteTransactionHandle) => Promise<T>): Promise<T>;
}

/**
 * PGlite as drizzle uses it, with its parsers given once. drizzle passes its parsers with every statement, and
 * PGlite then copies its whole table of parsers (one for each type and each type's array, some 600) to lay them
 * over it: ~0.1 ms a statement, as much as a simple statement itself takes (measured: `select 1` through drizzle
 * 0.24 ms, 0.14 ms with the parsers given once; PGlite alone 0.09). The results are the same: the table answers as
 * drizzle asked.
 */
export function pgliteForDrizzle(client: PGlite): PgliteForDrizzle {
  parseAsWritten(client as unknown as WithParsers);
  const query = (on: { query: PGlite['query'] }) => (sql: string, params?: unknown[], options?: QueryOptions) =>
    on.query(sql, params, withoutParsers(options)) as Promise<PgliteQueryResult>;
  return {
    query: query(client),
    transaction: (work) => client.transaction((tx) => work({ query: query(tx) })),
  };
}
