import { and, desc, eq } from 'drizzle-orm';
import { auditLog, organisations } from '../../src/db/schema/index.js';
import type { ConsoleHarness } from '../support/console.js';

/** The console over the scoped fixture is built once, in ./scoped.ts; these are the organisation pages' own lookups. */
export { startScopedConsole, type Scopes } from './scoped.js';

/** The latest audit line of this action by this person. */
export async function lastAudit(h: ConsoleHarness, actorId: number, action: string) {
  const [row] = await h.tb.database.db.select().from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action))).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

export async function orgNamed(h: ConsoleHarness, name: string) {
  const [row] = await h.tb.database.db.select().from(organisations).where(eq(organisations.name, name));
  return row;
}
