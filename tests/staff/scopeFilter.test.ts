import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { visibleMemberIds } from '../../src/features/access/scope.js';
import { inScope } from '../../src/features/access/scopeFilter.js';
import { openTestDatabase } from '../support/db.js';
import { seedScopes } from './fixture.js';

/**
 * The help desk and thought report lists ask the visibility rule as a row condition (scopeFilter.ts); the rest
 * of the bot asks it as a set (scope.ts). For every staff person of the scoped fixture (secretary, county admin,
 * liaison, helper, the inflow organisation's liaison, another county's secretary) both give the same members.
 */
let database: Database;
let f: Awaited<ReturnType<typeof seedScopes>>;

beforeAll(async () => {
  database = await openTestDatabase();
  f = await database.db.transaction((tx) => seedScopes(tx, new Date('2026-11-10T06:00:00Z')));
});
afterAll(() => database.close());

const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

describe('the scope rule as a row condition', () => {
  it('gives every staff person exactly the members the set form gives', async () => {
    for (const [who, staffId] of Object.entries(f.staff)) {
      const asSet = await query<{ id: number }>(database.db, sql`select member_id as id from (${visibleMemberIds(staffId)}) v (member_id)`);
      const asCondition = await query<{ id: number }>(database.db, sql`
        select mm.person_id as id from members mm join organisations home on home.id = mm.home_org_id
        left join organisations inflow on inflow.id = mm.inflow_org_id
        where ${inScope(staffId, { memberId: sql`mm.person_id`, homePath: sql`home.path`, inflowPath: sql`inflow.path` })}`);
      expect(ids(asCondition), who).toEqual(ids(asSet));
      expect(asSet.length, who).toBeGreaterThan(0);
    }
  });
});
