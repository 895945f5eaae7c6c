import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../bot/clock.js';
import type { Database, DbOrTx } from '../db/client.js';
import {
  identities, liaisonAssignments, locationConsents, locationRecords, members, organisations, persons, staffRoles,
  type MemberStatus, type OrgKind,
} from '../db/schema/index.js';
import { createInviteCode } from '../bot/invites.js';
import { withInitials } from '../db/nameInitials.js';

export interface DemoPerson {
  personId: number;
  name: string;
  role: 'secretary' | 'liaison' | 'member';
  /** The terminal account that talks as this person; absent for the member left to join with a code. */
  terminalUserId?: string;
}

export async function isEmpty(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(persons);
  return (row?.n ?? 0) === 0;
}

async function addOrg(db: DbOrTx, name: string, kind: OrgKind, parent: { id: number; path: string } | null, regionCode?: string) {
  const [org] = await db.insert(organisations).values({ name, kind, parentId: parent?.id ?? null, path: 'pending', regionCode: regionCode ?? null }).returning();
  const path = `${parent?.path ?? '/'}${org!.id}/`;
  await db.update(organisations).set({ path }).where(eq(organisations.id, org!.id));
  return { id: org!.id, path };
}

/** A demo branch so a newcomer can try a check-in at once: a secretary, a liaison, four members. Names are invented. */
export interface DemoSettings {
  inviteTtlDays: number;
  /** New people start in the configured default time zone. */
  timezone: string;
}

export async function seedDemo(db: DbOrTx, now: Date, settings: DemoSettings): Promise<{ people: DemoPerson[]; inviteCode: string; inviteFor: string }> {
  const county = await addOrg(db, '示范县委组织部', 'county', null);
  const township = await addOrg(db, '城关镇党委', 'township', county);
  const branch = await addOrg(db, '幸福村党支部', 'branch', township);
  const inflow = await addOrg(db, '东莞市长安镇流动党员党支部', 'inflow', null, '441900');

  let phones = 0;
  // Invented numbers in a reserved-looking range, so tests can check they never reach a log.
  const person = async (name: string) => (await db.insert(persons).values(await withInitials({ name, phone: `1380013800${++phones}`, timezone: settings.timezone })).returning({ id: persons.id }))[0]!.id;
  const secretary = await person('王书记');
  const liaison = await person('李联络员');
  await db.insert(staffRoles).values([
    { personId: secretary, role: 'secretary', orgId: branch.id },
    { personId: liaison, role: 'liaison', orgId: branch.id },
  ]);

  const addMember = async (name: string, status: MemberStatus, extra: Partial<typeof members.$inferInsert> = {}) => {
    const id = await person(name);
    await db.insert(members).values({ personId: id, homeOrgId: branch.id, status, createdAt: now, ...extra });
    await db.insert(liaisonAssignments).values({ memberId: id, liaisonId: liaison });
    return id;
  };
  const zhang = await addMember('张建国', 'mobile', { occupation: '电子厂工人', destinationRegionCode: '441900', inflowOrgId: inflow.id, departedOn: '2026-03-01' });
  const liu = await addMember('刘秀英', 'laid_off', { occupation: '纺织工' });
  const chen = await addMember('陈志强', 'mobile', { probationary: true, probationEndsOn: '2027-02-15', occupation: '快递员', destinationRegionCode: '440305' });
  const zhao = await addMember('赵小红', 'mobile', { occupation: '餐饮服务', destinationRegionCode: '330100' });

  await db.insert(locationConsents).values({ memberId: zhang, grantedAt: now, askedAt: now });
  await db.insert(locationRecords).values({ memberId: zhang, regionCode: '441900', source: 'staff', recordedAt: now });
  await db.insert(locationConsents).values({ memberId: liu, askedAt: now, withdrawnAt: now });

  const people: DemoPerson[] = [
    { personId: secretary, name: '王书记', role: 'secretary' },
    { personId: liaison, name: '李联络员', role: 'liaison' },
    { personId: zhang, name: '张建国', role: 'member' },
    { personId: liu, name: '刘秀英', role: 'member' },
    { personId: chen, name: '陈志强', role: 'member' },
  ];
  for (const p of people) {
    p.terminalUserId = `person-${p.personId}`;
    await db.insert(identities).values({ platform: 'terminal', externalUserId: p.terminalUserId, chatId: p.terminalUserId, personId: p.personId, linkedAt: now, lastSeenAt: now });
  }
  const { code } = await createInviteCode(db, zhao, secretary, now, settings.inviteTtlDays);
  people.push({ personId: zhao, name: '赵小红', role: 'member' });
  return { people, inviteCode: code, inviteFor: '赵小红' };
}

/** The people the terminal can talk as: everyone with a terminal account. */
export async function terminalPeople(db: DbOrTx): Promise<{ personId: number; name: string; terminalUserId: string; isMember: boolean }[]> {
  const rows = await db
    .select({ personId: persons.id, name: persons.name, terminalUserId: identities.externalUserId, isMember: sql<boolean>`${members.personId} is not null` })
    .from(identities)
    .innerJoin(persons, eq(persons.id, identities.personId))
    .leftJoin(members, eq(members.personId, persons.id))
    .where(eq(identities.platform, 'terminal'))
    .orderBy(persons.id);
  return rows;
}

/**
 * What the terminal needs of the demo, bound to one database: main.ts hands it to the terminal adapter, so
 * the adapter reads no table itself.
 */
export function terminalDemo(database: Database, clock: Clock, settings: DemoSettings) {
  return {
    isEmpty: () => isEmpty(database.db),
    seed: () => database.db.transaction((tx) => seedDemo(tx, clock.now(), settings)),
    people: () => terminalPeople(database.db),
  };
}
