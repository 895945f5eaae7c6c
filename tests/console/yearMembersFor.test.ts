import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membersFor, MAX_CHOICES, TOO_MANY, type Choice } from '../../src/console/sections/year/people.js';
import type { PageContext } from '../../src/console/context.js';
import { memberIdsBy, type Standing } from '../../src/features/access/scope.js';
import { query } from '../../src/db/query.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { addOrg } from '../staff/fixture.js';
import { startScopedConsole, type Scopes } from './scoped.js';

/**
 * The members a year page's form may name: the visibility rule asked of the organisation's members one by one
 * (a county's whole scope was built and sorted for a list of 500), and past MAX_CHOICES a hint instead of a list.
 */
let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let big: number;

const db = () => h.tb.database.db;
const asStaff = (personId: number) => ({ db: db(), staff: { personId } }) as unknown as PageContext;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  // A branch one member past what a form lists, under the county.
  big = (await addOrg(db(), '大厂党支部', 'branch', s.county)).id;
  await db().execute(sql`
    with p as (insert into persons (name) select '大厂' || g from generate_series(1, ${MAX_CHOICES + 1}) g returning id)
    insert into members (person_id, home_org_id, status) select id, ${big}, 'mobile' from p`);
});
afterAll(async () => h?.close());

/** The list as the set of the scope, intersected with the subtree and sorted: what membersFor must equal. */
async function naive(staffId: number, orgId: number, standings: readonly Standing[]): Promise<Choice[]> {
  return query<Choice>(db(), sql`
    select p.id, p.name, home.name as branch
    from (${memberIdsBy(staffId, standings)}) ids (member_id)
    join persons p on p.id = ids.member_id join members m on m.person_id = p.id
    join organisations home on home.id = m.home_org_id left join organisations inflow on inflow.id = m.inflow_org_id
    join organisations o on o.id = ${orgId}
    where home.path like o.path || '%' or inflow.path like o.path || '%'
    order by home.path, p.name, p.id`);
}

describe('the members a year form may name', () => {
  it('are the scope\'s members of the organisation, in order, for every manager, organisation and standing', async () => {
    // Every staff person against every organisation: a form is only offered for organisations a manager runs, but the
    // rule must hold anyway (the other county's secretary sees none of the demo branch's members).
    const cases = Object.values(s.staff).flatMap((staffId) => [s.branch, s.inflow, s.otherBranch].map((orgId): [number, number] => [staffId, orgId]));
    let compared = 0;
    for (const [staffId, orgId] of cases) {
      for (const standings of [['owner', 'inflow'], ['owner']] as Standing[][]) {
        const expected = await naive(staffId, orgId, standings);
        expect(await membersFor(asStaff(staffId), orgId, standings)).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(await naive(s.staff.otherSecretary, s.branch, ['owner', 'inflow'])).toEqual([]);
  });

  it('past the limit the form says to choose a branch instead of listing a part', async () => {
    expect(await membersFor(asStaff(s.staff.admin), big, ['owner', 'inflow'])).toBe(TOO_MANY);
    expect(await membersFor(asStaff(s.staff.admin), s.county, ['owner'])).toBe(TOO_MANY);
    const admin = await as(s.staff.admin);
    for (const page of ['dues', 'recognition', 'homecoming']) {
      const res = await admin.get(`/console/year/${page}?org=${big}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, page).toContain('人，这里列不下');
      expect(res.body, page).not.toContain('大厂1</option>');
    }
    // The demo branch is listed as before.
    expect((await admin.get(`/console/year/dues?org=${s.branch}`)).body).toContain('<select name="member">');
  });
});
