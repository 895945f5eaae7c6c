import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { suggestTemporaryBranches, TEMPORARY_BRANCH_NAMES, TEMPORARY_BRANCH_PLACES } from '../../src/features/twoWay/twoWay.js';
import { openTestDatabase } from '../support/db.js';

/**
 * /tempbranch at a county: the busiest destinations first, a handful of names each and the count, and how many
 * destinations were left out. It listed every member at every destination (2.66 million characters at a million).
 */
let database: Database;
let branchPath = '';
beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const [org] = await query<{ id: number }>(db, sql`insert into organisations (name, kind, path) values ('支部', 'branch', '/') returning id`);
  await db.execute(sql`update organisations set path = '/' || id || '/' where id = ${org!.id}`);
  branchPath = `/${org!.id}/`;
  // 25 destinations with 3 members each, one more (320500) with 12, and one with 2 (too few).
  const places = [...Array.from({ length: 25 }, (_, i) => [String(110101 + i), 3] as const), ['320500', 12] as const, ['440300', 2] as const];
  for (const [code, n] of places) {
    for (let k = 0; k < n; k++) {
      const [p] = await query<{ id: number }>(db, sql`insert into persons (name) values (${`党员${code}-${k}`}) returning id`);
      await db.execute(sql`insert into members (person_id, home_org_id, status, destination_region_code) values (${p!.id}, ${org!.id}, 'mobile', ${code})`);
    }
  }
}, 60_000);
afterAll(async () => database?.close());

describe('temporary branch suggestions', () => {
  it('lists the busiest destinations with a few names and the count, and counts the rest', async () => {
    const { places, total } = await suggestTemporaryBranches(database.db, branchPath);
    expect(total).toBe(26);
    expect(places).toHaveLength(TEMPORARY_BRANCH_PLACES);
    expect(places[0]).toEqual({ destination: '320500', count: 12, names: Array.from({ length: TEMPORARY_BRANCH_NAMES }, (_, k) => `党员320500-${k}`) });
    // Then by destination among equals; the one with two members is never suggested.
    expect(places.slice(1).map((p) => p.destination)).toEqual(Array.from({ length: TEMPORARY_BRANCH_PLACES - 1 }, (_, i) => String(110101 + i)));
    expect(places.slice(1).every((p) => p.count === 3 && p.names.length === 3)).toBe(true);
  });
});
