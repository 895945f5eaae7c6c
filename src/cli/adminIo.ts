import type { Config } from '../config.js';
import type { Clock } from '../bot/clock.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { ADMIN_HELP } from './adminHelp.js';

export interface AdminIo {
  config: Config;
  clock: Clock;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export function usage(io: AdminIo, what: string): number {
  io.err.write(`${what}\n\n${ADMIN_HELP}`);
  return 2;
}

export async function withDatabase(io: AdminIo, work: (database: Database) => Promise<number>): Promise<number> {
  const database = await openDatabase({ ...(io.config.DATABASE_URL ? { url: io.config.DATABASE_URL } : {}), dataDir: io.config.DATA_DIR });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Every command leaves a line in the audit log: no actor (the operator at the server), the command and its outcome. */
export async function audit(database: Database, io: AdminIo, action: string, details: Record<string, unknown>): Promise<void> {
  await database.db.insert(auditLog).values({ actorId: null, action: `admin.${action}`, targetKind: 'system', at: io.clock.now(), details: { via: 'admin-cli', ...details } });
}
