import { expect } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createSignInLink } from '../../src/features/console/auth.js';
import { certificates, departures, helperAssignments, liaisonAssignments, members, staffRoles } from '../../src/db/schema/index.js';
import type { ConsoleSection } from '../../src/console/context.js';
import { startTestBot } from '../support/bot.js';
import { Browser, startConsole, type ConsoleHarness } from '../support/console.js';
import { addPerson, seedScopes } from '../staff/fixture.js';

export const NOW = new Date('2026-11-10T06:00:00Z');

export type Scopes = Awaited<ReturnType<typeof seedScopes>> & { otherLiaison: number; otherMember: number };

/**
 * The demo branch with the people of the chat's permission matrix (tests/staff/fixture.ts), and 张建国 as the
 * member everyone stands to in a different way: his secretary and the county admin own the record, 李联络员 is
 * his liaison, 帮扶人老马 his helper, the inflow organisation's liaison serves him there. Besides them, a liaison
 * of another member of the same branch and the secretary of another county, who must not see him.
 */
export async function startRecordConsole(sections?: ConsoleSection[]): Promise<{ h: ConsoleHarness; f: Scopes }> {
  const tb = await startTestBot({ seed: false, at: NOW });
  const f = await tb.database.db.transaction(async (tx) => {
    const s = await seedScopes(tx, NOW);
    await tx.insert(helperAssignments).values({ memberId: s.members.zhang, helperId: s.staff.helper });
    const otherLiaison = await addPerson(tx, '另一联络员');
    const otherMember = await addPerson(tx, '孙明');
    await tx.insert(members).values({ personId: otherMember, homeOrgId: s.branch, status: 'mobile' });
    await tx.insert(staffRoles).values({ personId: otherLiaison, role: 'liaison', orgId: s.branch });
    await tx.insert(liaisonAssignments).values({ memberId: otherMember, liaisonId: otherLiaison });
    return { ...s, otherLiaison, otherMember };
  });
  const h = await startConsole({ tb, ...(sections ? { sections } : {}) });
  return { h, f };
}

const signedIn = new WeakMap<ConsoleHarness, Map<number, Browser>>();

/**
 * A browser signed in as any staff person, through a one-time link as /console would send it; one per person
 * and harness, since sign-in is rate limited (as it should be) and a test signs in many people.
 */
export async function signInAs(h: ConsoleHarness, personId: number): Promise<Browser> {
  const kept = signedIn.get(h) ?? signedIn.set(h, new Map()).get(h)!;
  if (kept.has(personId)) return kept.get(personId)!;
  const token = await createSignInLink(h.tb.database.db, personId, h.tb.clock.now(), 10);
  expect(token, `person ${personId} is staff`).toBeDefined();
  const browser = new Browser(h.server);
  const res = await browser.submit(`/console/signin/${token}`, {});
  expect(res.statusCode).toBe(303);
  kept.set(personId, browser);
  return browser;
}

/**
 * 张建国 as every cell of the matrix starts: away (mobile) and attached to the inflow organisation, no open
 * absence, one certificate waiting to be handed over, his liaison and helper in place, home in his branch.
 */
export async function resetZhang(h: ConsoleHarness, f: Scopes, n: number): Promise<void> {
  const db = h.tb.database.db;
  const zhang = f.members.zhang;
  await db.update(members).set({ homeOrgId: f.branch, inflowOrgId: f.inflow, status: 'mobile' }).where(eq(members.personId, zhang));
  await db.update(departures).set({ returnedOn: '2026-11-01' }).where(and(eq(departures.memberId, zhang), isNull(departures.returnedOn)));
  await db.update(certificates).set({ state: 'checked' }).where(eq(certificates.memberId, zhang));
  await db.insert(certificates).values({ memberId: zhang, number: `RESET-${n}`, issuedOn: '2026-11-01', validUntil: '2027-04-30', state: 'issued' });
  await db.insert(liaisonAssignments).values({ memberId: zhang, liaisonId: f.staff.liaison }).onConflictDoUpdate({ target: liaisonAssignments.memberId, set: { liaisonId: f.staff.liaison } });
  await db.insert(helperAssignments).values({ memberId: zhang, helperId: f.staff.helper }).onConflictDoNothing();
}
