import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { members, staffRoles } from '../../src/db/schema/index.js';
import { exportFile } from '../../src/features/exports/index.js';
import { exportEvaluations } from '../../src/features/evaluation/views.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * A member file (花名册, 民主评议) past the members one file may list is refused before it is built, saying to export
 * level by level; at the limit it is built. The limit is made small here; the county's is MAX_MEMBERS_PER_FILE.
 */
const now = new Date('2026-11-20T04:00:00Z');
let database: Database;
let admin: number;
let countyId: number;
let branchId: number;
const asker = () => ({ personId: admin, language: 'zh-CN' as const, timezone: 'Asia/Shanghai' });

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const county = await addOrg(db, '上限县', 'county', null);
  const branch = await addOrg(db, '上限村党支部', 'branch', county.id);
  const other = await addOrg(db, '别村党支部', 'branch', county.id);
  countyId = county.id;
  branchId = branch.id;
  for (const name of ['甲', '乙', '丙']) await db.insert(members).values({ personId: await addPerson(db, `上限${name}`), homeOrgId: branch.id, status: 'mobile' });
  // Home elsewhere, attached to the branch as its inflow organisation: on its 民主评议 sheet, not on its roster.
  await db.insert(members).values({ personId: await addPerson(db, '流入丁'), homeOrgId: other.id, inflowOrgId: branch.id, status: 'mobile' });
  admin = await addPerson(db, '上限管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: county.id });
});
afterAll(() => database.close());

describe('a member file past the limit', () => {
  it('is refused for the county, naming the limit, and built for a branch at it', async () => {
    const settings = { inviteTtlDays: 14, maxMembersPerFile: 3 };
    const [county] = await exportFile(database.db, asker(), 'roster', countyId, now, settings);
    expect(county?.key).toBe('export-too-many');
    expect(county?.args).toEqual({ org: '上限县', max: 3 });
    expect(county?.document).toBeUndefined();
    const [branch] = await exportFile(database.db, asker(), 'roster', branchId, now, settings);
    expect(branch?.key).toBe('export-roster-ready');
    expect(branch?.document?.fileName).toContain('上限村党支部');
    // The statistics list organisations, not members: no limit.
    const [stats] = await exportFile(database.db, asker(), 'stats', countyId, now, settings);
    expect(stats?.key).toBe('export-stats-ready');
  });

  it('counts the members attached to an inflow organisation for the 民主评议 sheet', async () => {
    expect(await exportEvaluations(database.db, admin, branchId, 2026, now, 'chat', 3)).toEqual({ org: '上限村党支部', tooMany: true });
    const sheet = await exportEvaluations(database.db, admin, branchId, 2026, now, 'chat', 4);
    expect(sheet && 'data' in sheet && sheet.data.length).toBeGreaterThan(0);
  });
});
