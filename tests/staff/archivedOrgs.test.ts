import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities, members, organisations, staffRoles } from '../../src/db/schema/index.js';
import { t } from '../../src/bot/i18n/index.js';
import { organisationNamed } from '../../src/features/access/byName.js';
import { managedOrgs } from '../../src/features/access/authorize.js';
import { transferRelationship } from '../../src/features/mobility/transfer.js';
import { attachToInflow } from '../../src/features/twoWay/twoWay.js';
import { importableBranches } from '../../src/roster/chatImport.js';
import { addOrg, addPerson } from './fixture.js';
import { incoming, queuedFor, say, startTestBot, type TestBot } from '../support/bot.js';

/**
 * An archived organisation (admin org archive) keeps its row for history, and is otherwise gone: a name finds the
 * live organisation that took it over, a number finds nothing, nothing is moved or attached into it, and no one's
 * default scope is a closed organisation.
 */
let h: TestBot;
let secretary: number;
let chen: number;
let branch: number;
let closed: { id: number };
let successor: { id: number };
let closedInflow: { id: number };
const adminChat = 'county-admin';

beforeAll(async () => {
  h = await startTestBot();
  const db = h.database.db;
  const orgId = async (name: string) => (await db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
  const township = await orgId('城关镇党委');
  branch = await orgId('幸福村党支部');
  const archive = (id: number) => db.update(organisations).set({ archivedAt: h.clock.now() }).where(eq(organisations.id, id));
  // 红星村 was closed; the old 东风村 was closed and a new one of the same name set up in its place.
  closed = await addOrg(db, '红星村党支部', 'branch', township);
  await archive(closed.id);
  await archive((await addOrg(db, '东风村党支部', 'branch', township)).id);
  successor = await addOrg(db, '东风村党支部', 'branch', township);
  closedInflow = await addOrg(db, '旧流入地党支部', 'inflow', null, '440300');
  await archive(closedInflow.id);
  // Below 幸福村: a closed group and an open one.
  await archive((await addOrg(db, '幸福村旧三组', 'branch', branch)).id);
  await addOrg(db, '幸福村新三组', 'branch', branch);
  // 王书记 was once secretary of a county-level organisation since closed: it must not become his default scope.
  secretary = h.person('王书记').personId;
  const oldCounty = await addOrg(db, '撤销县委', 'county', null);
  await archive(oldCounty.id);
  await db.insert(staffRoles).values({ personId: secretary, role: 'secretary', orgId: oldCounty.id });
  chen = h.person('陈志强').personId;
  const admin = await addPerson(db, '县管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: await orgId('示范县委组织部') });
  await db.insert(identities).values({ platform: 'terminal', externalUserId: adminChat, chatId: adminChat, personId: admin, linkedAt: h.clock.now(), lastSeenAt: h.clock.now() });
});
afterAll(() => h?.close());

async function ask(chat: string, text: string): Promise<string> {
  const before = (await queuedFor(h.database, chat)).length;
  await h.bot.core.handle(incoming(chat, say(text)));
  return (await queuedFor(h.database, chat)).slice(before).map((m) => m.text).join('\n');
}

describe('archived organisations are out of every lookup', () => {
  it('finds the live organisation by a name a closed one had, and neither by name nor number a closed one', async () => {
    const db = h.database.db;
    expect(await organisationNamed(db, '东风村党支部')).toEqual({ id: successor.id, name: '东风村党支部' });
    expect(await organisationNamed(db, '红星村党支部')).toBeUndefined();
    expect(await organisationNamed(db, String(closed.id))).toBeUndefined();
    const admin = (await db.select().from(identities).where(eq(identities.externalUserId, adminChat)))[0]!.personId!;
    expect(await organisationNamed(db, '东风村党支部', admin)).toEqual({ id: successor.id, name: '东风村党支部' });
  });

  it('answers a closed organisation’s name in staff commands like a name nobody has', async () => {
    expect(await ask(adminChat, '/stats 红星村党支部')).toContain(t('zh-CN', 'staff-no-such-org', { word: '红星村党支部' }));
    const live = await ask(adminChat, '/stats 东风村党支部');
    expect(live).not.toContain(t('zh-CN', 'staff-org-ambiguous', { name: '东风村党支部' }));
    expect(live).not.toContain(t('zh-CN', 'staff-no-such-org', { word: '东风村党支部' }));
    const wang = h.person('王书记').terminalUserId!;
    expect(await ask(wang, `/transfer ${chen} 红星村党支部`)).toContain(t('zh-CN', 'staff-no-such-org', { word: '红星村党支部' }));
  });

  it('moves and attaches no member into a closed organisation, even by its number', async () => {
    const db = h.database.db;
    const moved = await transferRelationship(db, secretary, chen, closed.id, h.clock.now());
    expect(moved.map((r) => r.key)).toEqual(['roster-no-org']);
    const attached = await attachToInflow(db, secretary, chen, closedInflow.id, h.clock.now());
    expect(attached.map((r) => r.key)).toEqual(['staff-not-inflow-org']);
    const [m] = await db.select().from(members).where(eq(members.personId, chen));
    expect(m).toMatchObject({ homeOrgId: branch, inflowOrgId: null });
  });

  it('leaves closed organisations out of default scopes and the branches a roster may go into', async () => {
    const db = h.database.db;
    expect((await managedOrgs(db, secretary)).map((o) => o.name)).toEqual(['幸福村党支部']);
    expect((await importableBranches(db, secretary)).map((o) => o.name).sort()).toEqual(['幸福村新三组', '幸福村党支部'].sort());
  });
});
