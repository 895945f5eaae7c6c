import { Worker } from 'node:worker_threads';
import { AS_WRITTEN_OIDS } from './pgliteParsers.js';

/**
 * PGlite on a worker thread, with the part of PGlite's interface drizzle uses (`query`, `transaction`) and what the
 * bot asks of it besides (a dump of its folder, closing). PGlite runs its WebAssembly on the thread that calls it:
 * in the bot's own thread every statement held up the chats, the webhook and the sender meanwhile (55% of the
 * process in the inbound bench), and a long console query froze them all. On its own thread it uses the machine's
 * other core while the bot's thread goes on.
 *
 * The statements still run one at a time, in the order given, as in PGlite: a statement outside a transaction
 * waits for an open transaction to end (it would otherwise run inside it), and goes to the thread at once
 * otherwise, without waiting for the ones before it to be answered.
 */
export interface PgliteQueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
}

/** What drizzle asks of a transaction's client: statements (its rollback is an exception out of the work). */
export interface PgliteTransactionHandle {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<PgliteQueryResult>;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

/** The error PGlite gives once closed: errors.ts counts it as the database being out of reach. */
const closedError = () => new Error('PGlite is closed');

/** An error from the thread, rebuilt with the fields it had (SQLSTATE `code` among them). */
function rebuilt(data: Record<string, unknown>): Error {
  const err = new Error(String(data.message));
  Object.assign(err, data);
  return err;
}

export class PgliteThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Resolves when no transaction is open or waiting ahead: where a statement outside one may go. */
  private gate: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> }) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.ok) waiting.resolve(msg.result);
      else waiting.reject(rebuilt(msg.error ?? {}));
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', () => this.fail(closedError()));
  }

  /** Starts PGlite on its thread (in `dataDir`, or in memory, from the tar `startFrom` if given) and waits until it is ready. */
  static async start(dataDir: string | undefined, options: { startParams?: string[]; startFrom?: Uint8Array }): Promise<PgliteThread> {
    // A small young generation: with V8's default the thread's short-lived garbage (each statement's protocol
    // buffers) held up to ~20 MB more resident memory at rest (bench footprint: 389-400 MB against 369-388).
    const worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), { workerData: { dataDir, options, asWritten: AS_WRITTEN_OIDS }, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      worker.once('error', onError);
      worker.once('message', (msg: { ready: boolean; error?: Record<string, unknown> }) => {
        worker.off('error', onError);
        if (msg.ready) resolve();
        else reject(rebuilt(msg.error ?? {}));
      });
    });
    // Idle, the thread must not keep the process alive; it is held while a statement is under way.
    worker.unref();
    return new PgliteThread(worker);
  }

  private fail(err: Error): void {
    this.closed = true;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }

  private send<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, ...msg });
    });
  }

  private sendQuery(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined) {
    return this.send<PgliteQueryResult>({ op: 'query', sql, params: params ?? [], rowMode: options?.rowMode ?? 'object' });
  }

  async query(sql: string, params?: unknown[], options?: QueryOptions): Promise<PgliteQueryResult> {
    await this.gate;
    return this.sendQuery(sql, params, options);
  }

  /** As PGlite's: BEGIN, the work, COMMIT (or ROLLBACK when it throws); nothing else runs in between. */
  async transaction<T>(work: (tx: PgliteTransactionHandle) => Promise<T>): Promise<T> {
    const ahead = this.gate;
    let release!: () => void;
    this.gate = ahead.then(() => new Promise<void>((resolve) => (release = resolve)));
    await ahead;
    let ended = false;
    const open = () => {
      if (ended) throw new Error('Transaction is closed');
    };
    const tx: PgliteTransactionHandle = { query: async (sql, params, options) => (open(), this.sendQuery(sql, params, options)) };
    try {
      await this.send({ op: 'exec', sql: 'BEGIN' });
      const result = await work(tx);
      if (!ended) {
        ended = true;
        const [commit] = await this.send<{ command?: string }[]>({ op: 'exec', sql: 'COMMIT' });
        if (commit?.command === 'ROLLBACK') throw new Error('the transaction was rolled back');
      }
      return result;
    } catch (err) {
      if (!ended) {
        ended = true;
        await this.send({ op: 'exec', sql: 'ROLLBACK' }).catch(() => {});
      }
      throw err;
    } finally {
      release();
    }
  }

  /** PGlite's dump of its data folder (a gzipped tar). */
  async dumpDataDir(compression: 'gzip' | 'none' = 'gzip'): Promise<Blob> {
    await this.gate;
    const bytes = await this.send<Uint8Array<ArrayBuffer>>({ op: 'dump', compression });
    return new Blob([bytes]);
  }

  /** A checkpoint (the next start does not replay the write-ahead log), then PGlite closed and its thread ended. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.gate;
    try {
      await this.send({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}
