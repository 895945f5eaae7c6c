import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/db/schema/index.js';
import { YEAR_PAGE_SIZE } from '../../src/features/evaluation/yearPage.js';
import { inSubtree, missingParts, yearRecords } from '../../src/features/evaluation/yearRecord.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { nextOf, unescapeHref, walkPages } from './pageWalk.js';
import { startScopedConsole, type Scopes } from './scoped.js';

/**
 * The 民主评议 page in pages: a county's million members on one page would take the server down. Walking the pages
 * by their "next" links must give the whole list, in its order, once each; "only those not complete" the open ones.
 */
let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
let branchPath: string;

const db = () => h.tb.database.db;
const year = () => h.tb.clock.now().getUTCFullYear();
const memberIdsOn = (body: string) => [...body.matchAll(/href="\/console\/members\/(\d+)"/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  const [branch] = await db().select({ path: organisations.path }).from(organisations).where(eq(organisations.id, s.branch));
  branchPath = branch!.path;
  // 2½ pages of members, namesakes among them (the order goes on by id), every third one complete for the year.
  await db().execute(sql`
    with p as (insert into persons (name) select '评议' || lpad((g % 40)::text, 2, '0') from generate_series(1, ${YEAR_PAGE_SIZE * 2 + 20}) g returning id)
    insert into members (person_id, home_org_id, status) select id, ${s.branch}, 'mobile' from p`);
  await db().execute(sql`
    insert into evaluations (member_id, year, self_rating, self_text, self_at, home_opinion, result, result_reason)
    select m.person_id, ${year()}, 'good', '认真', now(), '好', 'qualified', '合格'
    from members m join persons p on p.id = m.person_id where p.name like '评议%' and m.person_id % 3 = 0 and m.inflow_org_id is null`);
});
afterAll(async () => h?.close());

const walk = (browser: Browser, first: string) => walkPages(browser, first, memberIdsOn, YEAR_PAGE_SIZE);

describe('the 民主评议 page in pages', () => {
  it('the pages together are the whole list in its order, once each, with the counts of the whole', async () => {
    const whole = await yearRecords(db(), year(), inSubtree(branchPath));
    expect(whole.length).toBeGreaterThan(YEAR_PAGE_SIZE * 2);
    const secretary = await as(s.staff.secretary);
    const { ids, bodies } = await walk(secretary, `/console/year/evaluation?org=${s.branch}&year=${year()}`);
    expect(ids).toEqual(whole.map((r) => r.memberId));
    expect(bodies).toHaveLength(Math.ceil(whole.length / YEAR_PAGE_SIZE));
    const open = whole.filter((r) => missingParts(r).length > 0).length;
    expect(open).toBeLessThan(whole.length);
    for (const body of bodies) expect(body).toContain(`共 ${whole.length} 人，还有 ${open} 人没有完成`);
    // Past the first page, a way back to it.
    expect(bodies[0]).not.toContain('第一页');
    expect(bodies[1]).toContain('第一页');
  });

  it('"only those not complete" walks the open members alone, in the same order', async () => {
    const whole = await yearRecords(db(), year(), inSubtree(branchPath));
    const secretary = await as(s.staff.secretary);
    const first = await secretary.get(`/console/year/evaluation?org=${s.branch}&year=${year()}`);
    const toggle = /<a href="([^"]+open=1[^"]*)">只看没完成的<\/a>/.exec(first.body);
    expect(toggle).not.toBeNull();
    const { ids } = await walk(secretary, unescapeHref(toggle![1]!));
    expect(ids).toEqual(whole.filter((r) => missingParts(r).length > 0).map((r) => r.memberId));
  });

  it('a result saved on the second page comes back to the second page', async () => {
    const secretary = await as(s.staff.secretary);
    const firstUrl = `/console/year/evaluation?org=${s.branch}&year=${year()}&open=1`;
    const second = nextOf((await secretary.get(firstUrl)).body)!;
    const after = new URL(second, 'http://x').searchParams.get('after')!;
    const page = await secretary.get(second);
    const member = memberIdsOn(page.body)[0]!;
    const res = await secretary.submit(`/console/year/evaluation/${member}/result`, { result: 'qualified', reason: '按时报到', year: String(year()), org: String(s.branch), after, open: '1' }, second);
    expect(res.statusCode).toBe(303);
    const back = new URL(String(res.headers.location), 'http://x');
    expect(back.pathname).toBe('/console/year/evaluation');
    expect(back.searchParams.get('after')).toBe(after);
    expect(back.searchParams.get('open')).toBe('1');
    expect(back.searchParams.get('org')).toBe(String(s.branch));
  });
});
