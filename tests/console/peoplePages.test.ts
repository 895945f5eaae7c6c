import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/db/schema/index.js';
import { STAFF_PAGE_SIZE } from '../../src/features/people/list.js';
import { query } from '../../src/db/query.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { walkPages } from './pageWalk.js';
import { startScopedConsole, type Scopes } from './scopedConsole.js';

/**
 * The people page in pages: a county's tens of thousands of liaisons on one page made 15 MB of HTML. The pages walked
 * by their "next" links are the whole list by name, once each; a name search walks only those it finds.
 */
let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let branchPath: string;

const db = () => h.tb.database.db;
const peopleOn = (body: string) => [...body.matchAll(/<tr data-person="(\d+)">/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  const [branch] = await db().select({ path: organisations.path }).from(organisations).where(eq(organisations.id, s.branch));
  branchPath = branch!.path;
  // Two and a half pages of liaisons, namesakes among them (the order goes on by id); some with a second role.
  await db().execute(sql`
    with p as (insert into persons (name) select '联络' || lpad((g % 45)::text, 2, '0') from generate_series(1, ${STAFF_PAGE_SIZE * 2 + 25}) g returning id)
    insert into staff_roles (person_id, role, org_id) select id, 'liaison', ${s.branch} from p`);
  await db().execute(sql`
    insert into staff_roles (person_id, role, org_id)
    select p.id, 'helper', ${s.branch} from persons p where p.name like '联络%' and p.id % 4 = 0`);
});
afterAll(async () => h?.close());

/** The staff of the branch's subtree by name then id, as the list must show them. */
async function expected(words?: string): Promise<number[]> {
  const rows = await query<{ id: number }>(db(), sql`
    select distinct p.id, p.name from staff_roles sr join organisations o on o.id = sr.org_id join persons p on p.id = sr.person_id
    where o.path like ${`${branchPath}%`}${words ? sql` and position(${words} in p.name) > 0` : sql``} order by p.name, p.id`);
  return rows.map((r) => r.id);
}

const walk = (browser: Browser, first: string) => walkPages(browser, first, peopleOn, STAFF_PAGE_SIZE, 10);

describe('the people page in pages', () => {
  it('the pages together are every staff person of the subtree by name, once each, with the count of all', async () => {
    const all = await expected();
    expect(all.length).toBeGreaterThan(STAFF_PAGE_SIZE * 2);
    const { ids, bodies } = await walk(await as(s.staff.secretary), '/console/people');
    expect(ids).toEqual(all);
    expect(bodies).toHaveLength(Math.ceil(all.length / STAFF_PAGE_SIZE));
    for (const body of bodies) expect(body).toContain(`共 ${all.length} 人`);
    // A person with two roles is one row with both.
    const twice = await query<{ id: number }>(db(), sql`select person_id as id from staff_roles where role = 'helper' and person_id in (select id from persons where name like '联络%') limit 1`);
    const row = bodies.join('').split('<tr').find((r) => r.startsWith(` data-person="${twice[0]!.id}"`))!;
    expect(row).toContain('联络员 · 幸福村党支部');
    expect(row).toContain('帮扶人 · 幸福村党支部');
  });

  it('a name search walks only the people whose name holds it, the search kept from page to page', async () => {
    const found = await expected('联络');
    expect(found.length).toBeGreaterThan(STAFF_PAGE_SIZE);
    const { ids, bodies } = await walk(await as(s.staff.secretary), `/console/people?q=${encodeURIComponent('联络')}`);
    expect(ids).toEqual(found);
    expect(bodies[0]).toContain(`共 ${found.length} 人`);
    const nobody = await (await as(s.staff.secretary)).get(`/console/people?q=${encodeURIComponent('没有这人')}`);
    expect(peopleOn(nobody.body)).toEqual([]);
    expect(nobody.body).toContain('没有找到这个名字的工作人员');
  });

  it('the county admin\'s list holds the branch\'s staff too', async () => {
    const { ids } = await walk(await as(s.staff.admin), '/console/people');
    expect(ids).toEqual(expect.arrayContaining(await expected()));
  });
});
