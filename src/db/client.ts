import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';
import { fillNameInitials } from './nameInitials.js';
import { pgliteForDrizzle } from './pgliteParsers.js';
import { PgliteThread } from './pgliteThread.js';
import { PREPARED_MARK } from './query.js';

type PGliteClient = import('@electric-sql/pglite').PGlite;

export type Schema = typeof schema;
/** Both drivers share this: the rest of the code never knows which one it has. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /**
   * Runs `work` while this process holds a PostgreSQL session advisory lock on `key`, waiting for whoever
   * holds it now (several instances starting at once). PGlite has one process only and needs none.
   */
  exclusively?<T>(key: bigint, work: () => Promise<T>): Promise<T>;
  /** PGlite in a folder: its own dump of the data directory (a gzipped tar), taken while it runs. */
  dumpDataDir?(): Promise<Blob>;
}

/** The advisory lock key under which migrations run ('liandang' in ASCII, as a number). */
export const MIGRATION_LOCK_KEY = 0x6c69616e64616e67n;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The data folder ${dataDir} is in use by another bot process (pid ${pid}). ` +
        'The embedded database (PGlite) serves one process only: stop the other one, ' +
        'or set DATABASE_URL to a PostgreSQL server to run several instances.',
    );
    this.name = 'DataDirInUseError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no server to arbitrate between processes; a pid file does it, and a stale one is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'bot.lock');
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processAlive(holder)) {
        throw new DataDirInUseError(dataDir, holder);
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, PGlite in `dataDir`. */
  url?: string;
  /** A folder for PGlite, or 'memory://' for a throwaway database. */
  dataDir: string;
  /** Connections in the postgres.js pool. */
  maxConnections?: number;
  /** How long to wait for a connection before the query fails (and the member is told to try again). */
  connectTimeoutSeconds?: number;
  /** PGlite: PostgreSQL's shared_buffers (default 16MB; PGlite's own 128MB holds ~140 MB more resident memory). */
  sharedBuffers?: string;
  /**
   * PGlite: on the process's main thread (the default here, for the command line's short runs), or on a worker thread
   * of its own (pgliteThread.ts says why; the bot's default, config.ts PGLITE_THREAD).
   */
  pgliteThread?: 'main' | 'worker';
  /**
   * PGlite in memory: the data folder to start from (a tar, as `dumpDataDir('none')` writes it) instead of an empty
   * one. Starting so skips PGlite's initdb (two of its three seconds here); the tests start each database from one
   * they migrated once. The bytes may be shared memory (one copy for every thread started from them).
   */
  startFrom?: Uint8Array;
}

/** PGlite started as it starts itself, with a smaller buffer cache. */
async function pgliteOptions(opts: OpenDatabaseOptions) {
  const { PGlite } = await import('@electric-sql/pglite');
  return { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffers ?? '16MB'}`] };
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts);
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const sql = postgres(url, {
    max: opts.maxConnections ?? 10,
    connect_timeout: opts.connectTimeoutSeconds ?? 10,
    // While the server refuses connections, a query waits for a connection attempt to fail before it is
    // told; postgres.js spaces the attempts out to 20 s, which held members' messages that long before
    // they heard anything. Try again within a second instead (a refused connection costs nothing).
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    // No JIT compiling: the bot's statements are short, and a misestimated plan (a scope's set, a county's
    // counts) made PostgreSQL compile for longer than it ran. Measured at a county of 1,000,000 (bench/README,
    // 2026-12-01): a branch secretary's /caseload 96-99 -> 42-44 ms, /members 31-38 -> 17-19 ms, the dues page
    // 99-136 -> 38-75 ms; nothing slower beyond the noise. The rollup job and the 补课 list had turned it off already.
    connection: { application_name: 'liandang-bot', jit: 'off' },
  });
  // postgres.js asks every new connection for the server's array types, and leaves that query's failure
  // unhandled when the connection drops meanwhile, as it does in an outage: the process would end. Ask on
  // the first connection only (this also says at once when the server cannot be used); later connections
  // use what it learnt.
  try {
    await sql`select 1`;
  } catch (err) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw err;
  }
  (sql.options as { fetch_types: boolean }).fetch_types = false;
  // drizzle hands postgres.js every statement unprepared; those marked (query.ts, prepared) are prepared instead.
  const unsafe = sql.unsafe.bind(sql);
  (sql as { unsafe: unknown }).unsafe = (text: string, args?: unknown[], options?: { prepare?: boolean }) =>
    unsafe(text, args as never, text.startsWith(PREPARED_MARK) ? { ...options, prepare: true } : options);
  const db = drizzle({ client: sql, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    close: () => sql.end({ timeout: 5 }),
    async exclusively(key, work) {
      // A session lock needs one connection for its whole life: reserved, so the pool cannot hand it away.
      const session = await sql.reserve();
      try {
        await session`select pg_advisory_lock(${key.toString()}::bigint)`;
        try {
          return await work();
        } finally {
          await session`select pg_advisory_unlock(${key.toString()}::bigint)`.catch(() => {});
        }
      } finally {
        session.release();
      }
    },
  };
}

/** PGlite in `opts.dataDir` (locked against a second process), or in memory. */
async function openPglite(opts: OpenDatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let unlock = () => {};
  let dataDir: string | undefined;
  if (opts.dataDir !== 'memory://') {
    dataDir = resolve(opts.dataDir);
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    const options = await pgliteOptions(opts);
    const folder = dataDir ? join(dataDir, 'pg') : undefined;
    const startFrom = folder ? undefined : opts.startFrom;
    if (opts.pgliteThread === 'worker') {
      const thread = await PgliteThread.start(folder, { ...options, ...(startFrom ? { startFrom } : {}) });
      return {
        db: drizzle({ client: thread as unknown as PGliteClient, schema }) as unknown as Db,
        kind: 'pglite',
        ...(dataDir ? { dumpDataDir: () => thread.dumpDataDir('gzip') } : {}),
        close: () => thread.close().finally(unlock),
      };
    }
    const client = folder ? new PGlite(folder, options) : new PGlite({ ...options, ...(startFrom ? { loadDataDir: new Blob([startFrom as Uint8Array<ArrayBuffer>]) } : {}) });
    await client.waitReady;
    const db = drizzle({ client: pgliteForDrizzle(client) as unknown as PGliteClient, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      ...(dataDir ? { dumpDataDir: () => client.dumpDataDir('gzip') } : {}),
      close: async () => {
        try {
          // A checkpoint first, so the next start does not replay the write-ahead log.
          await client.exec('CHECKPOINT');
          await client.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * Applies the migrations in drizzle/ that the database lacks, then the one data step SQL cannot do: pinyin
 * initials of people written before migration 0012 (nameInitials.ts). On PostgreSQL under an advisory lock: instances
 * starting together on a fresh database take turns (the first migrates, the others find nothing to do) instead
 * of racing to create the same schema and types.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const run = async () => {
      await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      await fillNameInitials(database.db);
    };
    await (database.exclusively ? database.exclusively(MIGRATION_LOCK_KEY, run) : run());
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await fillNameInitials(database.db);
  }
}
