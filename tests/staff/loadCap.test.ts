import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liaisonLoadReply } from '../../src/features/staffing/assign.js';
import { t } from '../../src/bot/i18n/index.js';
import type { Database } from '../../src/db/client.js';
import { liaisonAssignments, members, persons, reports, staffRoles } from '../../src/db/schema/index.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * Issue 17: /load counted in SQL. A township's or county's liaisons are thousands: the reply lists the 50 busiest
 * (members / not reported this month) and says how many more.
 */
let d: Database;
let secretary = 0;
const now = new Date('2026-11-10T06:00:00Z');

beforeAll(async () => {
  d = await openTestDatabase();
  const db = d.db;
  const town = await addOrg(db, '大镇党委', 'township', null);
  const branch = await addOrg(db, '大村党支部', 'branch', town.id);
  secretary = await addPerson(db, '镇书记');
  await db.insert(staffRoles).values({ personId: secretary, role: 'secretary', orgId: town.id });
  // 55 liaisons: liaison i serves i % 4 members; of each caseload the first has reported this month (November).
  const liaisons = await db.insert(persons).values(Array.from({ length: 55 }, (_, i) => ({ name: `联络员${String(i).padStart(2, '0')}` }))).returning({ id: persons.id });
  await db.insert(staffRoles).values(liaisons.map((l, i) => ({ personId: l.id, role: 'liaison' as const, orgId: i % 2 ? branch.id : town.id })));
  for (const [i, l] of liaisons.entries()) {
    for (let k = 0; k < i % 4; k++) {
      const m = await addPerson(db, `党员${i}-${k}`);
      await db.insert(members).values({ personId: m, homeOrgId: branch.id, status: 'mobile', createdAt: now });
      await db.insert(liaisonAssignments).values({ memberId: m, liaisonId: l.id });
      if (k === 0) await db.insert(reports).values({ memberId: m, kind: 'monthly', period: '2026-11', submittedAt: now });
    }
  }
  // Last month's report is no report this month.
  await db.insert(reports).values({ memberId: (await addMember(db, branch.id, liaisons[54]!.id)), kind: 'monthly', period: '2026-10', submittedAt: now });
});
afterAll(() => d.close());

async function addMember(db: Database['db'], orgId: number, liaisonId: number) {
  const m = await addPerson(db, '党员54-x');
  await db.insert(members).values({ personId: m, homeOrgId: orgId, status: 'mobile', createdAt: now });
  await db.insert(liaisonAssignments).values({ memberId: m, liaisonId });
  return m;
}

describe('/load for a township of many liaisons', () => {
  it('lists the 50 busiest with their members and those not reported, then how many more', async () => {
    const [r] = await liaisonLoadReply(d.db, secretary, now, 'zh-CN');
    expect(r!.key).toBe('staff-liaison-load');
    const lines = String(r!.args!.lines).split('\n');
    expect(lines).toHaveLength(51);
    // 3 members each first (liaisons 3, 7, …), by id; 联络员54 has 2 + 1 = 3 with two not reported this month.
    expect(lines.slice(0, 3)).toEqual(['联络员03: 3 / 2', '联络员07: 3 / 2', '联络员11: 3 / 2']);
    expect(lines).toContain('联络员54: 3 / 2');
    expect(lines).toContain('联络员01: 1 / 0');
    expect(lines[50]).toBe(t('zh-CN', 'staff-list-more', { count: 5 }));
    // The five left out are the idlest, by number: 14 liaisons have nobody, nine are listed.
    expect(lines.slice(41, 50)).toEqual(['00', '04', '08', '12', '16', '20', '24', '28', '32'].map((n) => `联络员${n}: 0 / 0`));
  });
});
