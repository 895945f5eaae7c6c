import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { seedDemo } from '../../src/demo/index.js';
import { helperAssignments, helpRequests, members, organisations, persons, reports, staffRoles } from '../../src/db/schema/index.js';

export async function addOrg(db: DbOrTx, name: string, kind: typeof organisations.$inferInsert.kind, parentId: number | null, regionCode?: string) {
  const parent = parentId === null ? undefined : (await db.select().from(organisations).where(eq(organisations.id, parentId)))[0];
  const [org] = await db.insert(organisations).values({ name, kind, parentId, path: 'pending', regionCode: regionCode ?? null }).returning();
  const path = `${parent?.path ?? '/'}${org!.id}/`;
  await db.update(organisations).set({ path }).where(eq(organisations.id, org!.id));
  return { id: org!.id, path };
}

export async function addPerson(db: DbOrTx, name: string) {
  return (await db.insert(persons).values({ name }).returning({ id: persons.id }))[0]!.id;
}

/**
 * The demo branch plus: a county admin, a helper paired with 刘秀英, a liaison of the inflow organisation
 * (张建国 is attached there), and a second county whose branch, secretary and member are out of everyone's scope.
 */
export async function seedScopes(db: DbOrTx, now: Date) {
  const demo = await seedDemo(db, now, { inviteTtlDays: 14, timezone: 'Asia/Shanghai' });
  const id = (name: string) => demo.people.find((p) => p.name === name)!.personId;
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  const county = await orgId('示范县委组织部');
  const branch = await orgId('幸福村党支部');
  const inflow = await orgId('东莞市长安镇流动党员党支部');
  const admin = await addPerson(db, '县管理员');
  const helper = await addPerson(db, '帮扶人老马');
  const inflowLiaison = await addPerson(db, '流入地联络员');
  const plainMember = id('赵小红');
  const otherCounty = await addOrg(db, '别县委组织部', 'county', null);
  const otherBranch = await addOrg(db, '别村党支部', 'branch', otherCounty.id);
  const otherSecretary = await addPerson(db, '别村书记');
  const outsider = await addPerson(db, '别村党员');
  await db.insert(members).values({ personId: outsider, homeOrgId: otherBranch.id, status: 'mobile', createdAt: now });
  await db.insert(staffRoles).values([
    { personId: admin, role: 'org_admin', orgId: county },
    { personId: helper, role: 'helper', orgId: branch },
    { personId: inflowLiaison, role: 'liaison', orgId: inflow },
    { personId: otherSecretary, role: 'secretary', orgId: otherBranch.id },
  ]);
  await db.insert(helperAssignments).values({ memberId: id('刘秀英'), helperId: helper });
  const request = async (memberId: number) => (await db.insert(helpRequests).values({ memberId, category: 'wages', description: '-', createdAt: now, updatedAt: now }).returning({ id: helpRequests.id }))[0]!.id;
  const requests = new Map<number, number>();
  for (const m of [id('张建国'), id('刘秀英'), id('陈志强'), outsider]) requests.set(m, await request(m));
  // A thought report per member, for the buttons that read and answer one.
  const thought = async (memberId: number) => (await db.insert(reports).values({ memberId, kind: 'thought', period: '2026-Q4', submittedAt: now, body: '-' }).returning({ id: reports.id }))[0]!.id;
  const thoughts = new Map<number, number>();
  for (const m of [id('张建国'), id('刘秀英'), id('陈志强'), outsider]) thoughts.set(m, await thought(m));
  return {
    demo, county, branch, inflow, otherCounty: otherCounty.id, otherBranch: otherBranch.id, requests, thoughts,
    staff: { admin, secretary: id('王书记'), liaison: id('李联络员'), helper, inflowLiaison, otherSecretary },
    members: { zhang: id('张建国'), liu: id('刘秀英'), chen: id('陈志强'), zhao: plainMember, outsider },
  };
}
