import { sql } from 'drizzle-orm';
import { migrateDatabase, type Database } from '../src/db/client.js';
import { query } from '../src/db/query.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withConsole, type SignedIn } from './consoleMembersPage.js';
import { withScratchPostgres } from './scratchDatabase.js';
import { printTable } from './table.js';
import { medianMs } from './harness.js';

/**
 * The console's study library (issue 15) at county scale on PostgreSQL: the county of the members benchmark
 * (`BENCH_MEMBERS`, 100,000 over 20 townships × 50 branches) with a year's plan — a county item each month (three
 * of them for one occupation), one item per township and two per branch — and about 60% of each item's members
 * having read it. Each page is fetched whole through Fastify (session, scope, audit, rendering), five runs after a
 * warm-up, by a county admin, a township secretary and a branch secretary.
 */

async function seedPlan(d: Database, year: number): Promise<{ countyItem: number; branchItem: number }> {
  await d.db.execute(sql`
    insert into study_items (org_id, category, title, body, target_occupations, publish_on, created_at)
    select c.id, (array['policy_law','practical_skills','model_experience','market_info','science_culture_health'])[1 + g % 5],
           '县级学习材料第' || g || '期', '正文', case when g % 4 = 0 then array['快递员'] else array[]::text[] end,
           make_date(${year}, g, 5), now()
    from generate_series(1, 12) g, organisations c where c.kind = 'county'`);
  await d.db.execute(sql`
    insert into study_items (org_id, category, title, target_occupations, publish_on, created_at)
    select o.id, 'practical_skills', o.name || '学习材料' || g, array[]::text[], make_date(${year}, 1 + (o.id + g * 5) % 12, 15), now()
    from organisations o, generate_series(1, 2) g where o.kind = 'branch' or (o.kind = 'township' and g = 1)`);
  // About 60% of each item's members read it (3 in 5, by member and item), a county item's read by its audience only.
  await d.db.execute(sql`
    insert into study_reads (item_id, member_id, read_at)
    select si.id, m.person_id, si.publish_on + interval '3 days'
    from study_items si join organisations so on so.id = si.org_id
    join organisations home on home.path like so.path || '%'
    join members m on m.home_org_id = home.id
    where (m.person_id + si.id) % 5 < 3 and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))`);
  await d.db.execute(sql`analyze`);
  const [county] = await query<{ id: number }>(d.db, sql`select si.id from study_items si join organisations o on o.id = si.org_id where o.kind = 'county' and cardinality(si.target_occupations) = 0 order by si.id limit 1`);
  const [branch] = await query<{ id: number }>(d.db, sql`select si.id from study_items si join organisations o on o.id = si.org_id where o.kind = 'branch' order by o.id, si.id limit 1`);
  return { countyItem: county!.id, branchItem: branch!.id };
}

async function staff(d: Database): Promise<[string, number, number][]> {
  const out: [string, number, number][] = [];
  for (const [who, role, kind] of [['county admin', 'org_admin', 'county'], ['township secretary', 'secretary', 'township'], ['branch secretary', 'secretary', 'branch']] as const) {
    const [person] = await query<{ id: number }>(d.db, sql`insert into persons (name) values (${who}) returning id`);
    const [org] = await query<{ id: number }>(d.db, sql`select min(id) as id from organisations where kind = ${kind}`);
    await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${person!.id}, ${role}, ${org!.id})`);
    out.push([who, person!.id, org!.id]);
  }
  return out;
}

async function timed(browser: SignedIn, url: string): Promise<[number, number, number]> {
  let size = 0;
  const [median, max] = await medianMs(async () => {
    const res = await browser.inject(url);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    size = res.body.length;
  });
  return [median, max, size];
}

export async function studyBench(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
  const year = new Date().getUTCFullYear();
  await withScratchPostgres('bench_study', async (d) => {
    await migrateDatabase(d);
    const t0 = performance.now();
    await seedMembersCounty(d.db, members, new Date().toISOString().slice(0, 7));
    const { countyItem, branchItem } = await seedPlan(d, year);
    const [reads] = await query<{ n: number }>(d.db, sql`select count(*)::int as n from study_reads`);
    const seeded = (performance.now() - t0) / 1000;
    const people = await staff(d);
    const rows: (string | number)[][] = [];
    await withConsole(d, async (signIn) => {
      for (const [who, staffId, orgId] of people) {
        const browser = await signIn(staffId);
        const pages: [string, string][] = [
          ['plan by month', `/console/study?org=${orgId}&year=${year}`],
          ['county item: readers', `/console/study/item/${countyItem}`],
          ...(who === 'branch secretary' ? [['branch item: readers', `/console/study/item/${branchItem}`] as [string, string]] : []),
          ['补课 list page', `/console/study/makeup?org=${orgId}`],
          ...(who === 'county admin' ? [] : [['补课 list .xlsx', `/console/study/makeup/${orgId}.xlsx`] as [string, string]]),
        ];
        for (const [page, url] of pages) {
          const [p50, pMax, size] = await timed(browser, url);
          rows.push([who, page, Math.round(size / 1024), p50.toFixed(1), pMax.toFixed(1)]);
        }
      }
    });
    printTable(`Study library on PostgreSQL, ${members.toLocaleString('en')} members, ${reads!.n.toLocaleString('en')} reads (seeded in ${seeded.toFixed(1)} s)`,
      ['who', 'page', 'KiB', 'page median ms', 'page max ms'], rows);
  });
}
