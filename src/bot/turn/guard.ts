import type { DbOrTx } from '../../db/client.js';

/** Thrown at a step's first use of the database outside a transaction. */
class NeedsTransaction extends Error {
  override name = 'NeedsTransaction';
}

/** A stand-in for the transaction that notes any use of it (and stops the step there). */
export function transactionGuard(): { tx: DbOrTx; touched(): boolean } {
  let touched = false;
  const tx = new Proxy({}, {
    get(_target, property) {
      // Asked by `await` of a value that might be a promise: not a use.
      if (property === 'then') return undefined;
      touched = true;
      throw new NeedsTransaction();
    },
  }) as DbOrTx;
  return { tx, touched: () => touched };
}

