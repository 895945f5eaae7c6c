import { expect } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, organisations } from '../../src/db/schema/index.js';
import { createSignInLink } from '../../src/features/console/auth.js';
import { startTestBot } from '../support/bot.js';
import { Browser, startConsole, type ConsoleHarness } from '../support/console.js';
import { seedScopes } from '../staff/fixture.js';

export type Scopes = Awaited<ReturnType<typeof seedScopes>>;

/**
 * The console over the scoped fixture (tests/staff/fixture.ts): the demo branch with its secretary, liaison and
 * helper, a county admin above it, and a second county out of everyone's scope. Browsers sign in by person id.
 */
export async function startScopedConsole(): Promise<{ h: ConsoleHarness; s: Scopes; as: (personId: number) => Promise<Browser> }> {
  const tb = await startTestBot({ seed: false });
  const s = await seedScopes(tb.database.db, tb.clock.now());
  const h = await startConsole({ tb });
  const as = async (personId: number) => {
    const token = await createSignInLink(tb.database.db, personId, tb.clock.now(), 10);
    const browser = new Browser(h.server);
    const res = await browser.submit(`/console/signin/${token}`, {});
    expect(res.statusCode).toBe(303);
    return browser;
  };
  return { h, s, as };
}

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
