// PGlite on a thread of its own (src/db/pgliteThread.ts is the other end). Plain JavaScript: a worker thread is
// started by Node itself, outside tsx and vitest, so it must not need compiling.
//
// Messages come in the order the bot sent them and are answered in that order, one run at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** An error as plain data: a structured clone keeps only an Error's message, and the callers read its SQLSTATE. */
function plain(err) {
  const out = { name: err?.name ?? 'Error', message: String(err?.message ?? err) };
  if (err && typeof err === 'object') {
    for (const [key, value] of Object.entries(err)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

const { dataDir, options, asWritten } = workerData;
let client;
try {
  // A data folder to start from comes as bytes (shared memory, when the caller's are: not copied per thread);
  // PGlite takes it as a Blob.
  const { startFrom, ...given } = options;
  client = dataDir ? new PGlite(dataDir, given) : new PGlite({ ...given, ...(startFrom ? { loadDataDir: new Blob([startFrom]) } : {}) });
  await client.waitReady;
  // As drizzle asks of PGlite (pgliteParsers.ts: AS_WRITTEN_OIDS), given once: PGlite copies its whole table of
  // parsers for a statement given its own.
  for (const oid of asWritten) client.parsers[oid] = (value) => value;
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: plain(err) });
  process.exit(1);
}

async function run(msg) {
  switch (msg.op) {
    case 'query': {
      const { rows, fields, affectedRows } = await client.query(msg.sql, msg.params, { rowMode: msg.rowMode });
      return { rows, fields, affectedRows };
    }
    case 'exec': {
      const results = await client.exec(msg.sql);
      // Only what the other end reads: how each statement ended (a COMMIT of a failed transaction says ROLLBACK).
      return results.map((r) => ({ affectedRows: r.affectedRows, command: r.command }));
    }
    case 'dump': {
      const blob = await client.dumpDataDir(msg.compression);
      return new Uint8Array(await blob.arrayBuffer());
    }
    case 'close':
      await client.exec('CHECKPOINT');
      await client.close();
      return null;
    default:
      throw new Error(`unknown operation ${msg.op}`);
  }
}

// One after another, in the order they came (PGlite would queue them too; here a statement's time is its own).
let queue = Promise.resolve();
parentPort.on('message', (msg) => {
  queue = queue.then(() => run(msg)).then(
    (result) => parentPort.postMessage({ id: msg.id, ok: true, result }, result instanceof Uint8Array ? [result.buffer] : []),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, error: plain(err) }),
  );
  if (msg.op === 'close') parentPort.unref();
});
