import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, organisations, persons, STAFF_ROLES, staffRoles, type StaffRole } from '../../db/schema/index.js';
import type { MessageArgs } from '../../bot/i18n/index.js';
import { reply } from '../../bot/flow.js';
import { notifyPerson } from '../../bot/notify.js';
import { authorize, isAllowed } from '../access/authorize.js';
import { dropStaffRole, grantStaffRole } from '../staffing/roles.js';
import { peopleNamed, personInScope, type PersonChoice } from './list.js';

/**
 * Staff roles as a secretary or organisation admin grants and revokes them over organisations they run: the
 * same gate as the chat's /assign and /revoke ('staff.assign'; an organisation admin is made or unmade only by
 * another, 'staff.admin'), the same role change (menus follow), one audit line per action, refusals included.
 */
export type Refusal = { ok: false; status: 400 | 403 | 404 | 409; key: string; args?: MessageArgs };
export type Answer = { ok: true; key: string } | Refusal;
export type PeopleOutcome = Answer | { ok: 'choose'; choices: PersonChoice[] };

export interface RoleRequest { role: unknown; orgId: number; personId?: number | undefined; name?: unknown; phone?: unknown }

const no = (status: 400 | 403 | 404 | 409, key: string, args?: MessageArgs): Refusal => ({ ok: false, status, key, ...(args ? { args } : {}) });
const MAX_PERSON_NAME = 30;

const isRole = (role: unknown): role is StaffRole => (STAFF_ROLES as readonly unknown[]).includes(role);
const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').replace(/\s+/g, ' ').trim() : '');
/** A phone as people write it (spaces, dashes, +86): its digits, or undefined when it cannot be one. */
export const phoneDigits = (v: unknown): string | undefined => {
  const digits = text(v).replace(/[\s\-()]/g, '').replace(/^\+/, '');
  return /^\d{7,15}$/.test(digits) ? digits : undefined;
};

async function audit(db: DbOrTx, staffId: number, action: string, personId: number | null, now: Date, details: Record<string, unknown>): Promise<void> {
  await db.insert(auditLog).values({ actorId: staffId, action, targetKind: personId === null ? 'org' : 'person', targetId: personId === null ? String(details.orgId) : String(personId), at: now, details });
}

/** The gate for a role over an organisation: 404 outside scope, 403 for an admin role asked by a non-admin. */
async function mayChange(db: DbOrTx, staffId: number, role: StaffRole, orgId: number, now: Date, details: Record<string, unknown>): Promise<Refusal | undefined> {
  if (!Number.isSafeInteger(orgId)) return no(404, 'console-not-found');
  const action = role === 'org_admin' ? 'staff.admin' : 'staff.assign';
  if (await authorize(db, staffId, action, { kind: 'org', id: orgId }, now, { role, ...details })) return undefined;
  if (role === 'org_admin' && (await isAllowed(db, staffId, 'staff.assign', { kind: 'org', id: orgId }))) return no(403, 'console-people-admin-only');
  return no(404, 'console-not-found');
}

/** The person a grant is for: the one chosen, the one namesake in scope, or someone new (name and phone). */
async function whoFor(db: DbOrTx, staffId: number, req: RoleRequest, timezone: string): Promise<{ personId: number; created: boolean } | PeopleOutcome> {
  if (req.personId !== undefined) {
    const chosen = Number.isSafeInteger(req.personId) ? await personInScope(db, staffId, req.personId) : undefined;
    return chosen ? { personId: chosen.personId, created: false } : no(404, 'console-not-found');
  }
  const name = text(req.name);
  if (!name || name.length > MAX_PERSON_NAME) return no(400, 'console-people-bad-name', { max: MAX_PERSON_NAME });
  const phone = text(req.phone) ? phoneDigits(req.phone) : '';
  if (phone === undefined) return no(400, 'console-people-bad-phone');
  const namesakes = await peopleNamed(db, staffId, name);
  const matches = phone ? namesakes.filter((p) => p.phone === phone) : namesakes;
  if (matches.length === 1) return { personId: matches[0]!.personId, created: false };
  if (matches.length > 1) return { ok: 'choose', choices: matches };
  if (!phone) return no(409, namesakes.length ? 'console-people-phone-differs' : 'console-people-no-such-person', { name });
  // Someone new starts in the time zone of the person who adds them: the same county, as a rule.
  const [made] = await db.insert(persons).values({ name, phone, timezone }).returning({ id: persons.id });
  return { personId: made!.id, created: true };
}

async function orgOf(db: DbOrTx, orgId: number) {
  const [org] = await db.select({ name: organisations.name, archivedAt: organisations.archivedAt }).from(organisations).where(eq(organisations.id, orgId));
  return org;
}

/** Gives a person in scope (or a new person) a role over an organisation the manager runs; they are told in chat. */
export async function grantRole(db: DbOrTx, staffId: number, req: RoleRequest, now: Date, timezone: string): Promise<PeopleOutcome> {
  if (!isRole(req.role)) return no(400, 'console-bad-request');
  const role = req.role;
  const refused = await mayChange(db, staffId, role, req.orgId, now, { grant: true });
  if (refused) return refused;
  const org = (await orgOf(db, req.orgId))!;
  const fail = async (outcome: PeopleOutcome, why: string) => {
    await audit(db, staffId, 'staff.grant', null, now, { role, orgId: req.orgId, refused: why });
    return outcome;
  };
  if (org.archivedAt) return fail(no(409, 'console-organisations-is-archived'), 'archived');
  const who = await whoFor(db, staffId, req, timezone);
  if ('ok' in who) return who.ok === 'choose' ? who : fail(who, 'person');
  const changed = await grantStaffRole(db, who.personId, role, req.orgId, now);
  await audit(db, staffId, 'staff.grant', who.personId, now, { role, orgId: req.orgId, changed, created: who.created });
  if (changed) await notifyPerson(db, who.personId, reply('console-people-granted-you', { args: { role, org: org.name } }), { key: `grant:${role}:${req.orgId}:${who.personId}:${now.getTime()}`, purpose: 'notify', now });
  return { ok: true, key: changed ? 'console-people-granted' : 'console-people-already-held' };
}

/** Whether the person holds the role in the organisation. */
export async function holds(db: DbOrTx, personId: number, role: StaffRole, orgId: number): Promise<boolean> {
  const [row] = await db.select({ personId: staffRoles.personId }).from(staffRoles)
    .where(and(eq(staffRoles.personId, personId), eq(staffRoles.role, role), eq(staffRoles.orgId, orgId)));
  return Boolean(row);
}

/** Takes a role away (their members in that subtree lose them, as in chat); never one's own. */
export async function revokeRole(db: DbOrTx, staffId: number, req: { personId: number; role: unknown; orgId: number }, now: Date): Promise<Answer> {
  if (!isRole(req.role)) return no(400, 'console-bad-request');
  const role = req.role;
  const refused = await mayChange(db, staffId, role, req.orgId, now, { revoke: true, personId: req.personId });
  if (refused) return refused;
  if (!Number.isSafeInteger(req.personId) || !(await holds(db, req.personId, role, req.orgId))) return no(404, 'console-not-found');
  if (req.personId === staffId) {
    await audit(db, staffId, 'staff.revoke', req.personId, now, { role, orgId: req.orgId, refused: 'own role' });
    return no(409, 'console-people-not-yourself');
  }
  const org = (await orgOf(db, req.orgId))!;
  await dropStaffRole(db, req.personId, role, req.orgId, now);
  await audit(db, staffId, 'staff.revoke', req.personId, now, { role, orgId: req.orgId });
  await notifyPerson(db, req.personId, reply('console-people-revoked-you', { args: { role, org: org.name } }), { key: `revoke:${role}:${req.orgId}:${req.personId}:${now.getTime()}`, purpose: 'notify', now });
  return { ok: true, key: 'console-people-revoked' };
}
