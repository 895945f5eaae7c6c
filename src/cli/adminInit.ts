import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { organisations, ORG_KINDS, persons, staffRoles, type OrgKind } from '../db/schema/index.js';
import { createInviteCode, formatCode } from '../bot/invites.js';
import type { Config } from '../config.js';
import { createSignInLink } from '../features/console/auth.js';
import { consoleUrlOf } from '../features/console/index.js';
import { withInitials } from '../db/nameInitials.js';

export interface InitRequest {
  org: string;
  kind: OrgKind;
  admin: string;
  timezone: string;
  inviteTtlDays: number;
  /** Where the console is reached, and how long its sign-in link lasts. */
  console: Pick<Config, 'CONSOLE_URL' | 'CONSOLE_PORT' | 'CONSOLE_LINK_MINUTES'>;
}

export interface Initialised {
  orgId: number;
  personId: number;
  code: string;
  expiresAt: Date;
  /** A one-time console sign-in link for the administrator, valid CONSOLE_LINK_MINUTES. */
  signInUrl: string;
}

export const ROOT_KINDS: readonly OrgKind[] = ORG_KINDS.filter((k) => k === 'county' || k === 'township' || k === 'street' || k === 'branch');

/**
 * The first organisation (the root of the tree) and its first administrator, who links a chat account with the
 * invite code returned and can sign in to the console with the link, before any chat is set up. Only on an
 * empty tree: a second `init` would make a second root.
 */
export async function initialise(database: Database, req: InitRequest, now: Date): Promise<Initialised | 'already'> {
  return database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(organisations);
    if ((existing?.n ?? 0) > 0) return 'already';
    const [org] = await tx.insert(organisations).values({ name: req.org, kind: req.kind, parentId: null, path: 'pending', createdAt: now }).returning({ id: organisations.id });
    await tx.update(organisations).set({ path: `/${org!.id}/` }).where(eq(organisations.id, org!.id));
    const [person] = await tx.insert(persons).values(await withInitials({ name: req.admin, timezone: req.timezone })).returning({ id: persons.id });
    await tx.insert(staffRoles).values({ personId: person!.id, role: 'org_admin', orgId: org!.id, grantedAt: now });
    const invite = await createInviteCode(tx, person!.id, null, now, req.inviteTtlDays);
    const token = await createSignInLink(tx, person!.id, now, req.console.CONSOLE_LINK_MINUTES);
    return {
      orgId: org!.id, personId: person!.id, code: formatCode(invite.code), expiresAt: invite.expiresAt,
      signInUrl: `${consoleUrlOf(req.console)}/console/signin/${token!}`,
    };
  });
}
