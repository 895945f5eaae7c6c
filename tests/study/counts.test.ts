import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { makeUpList } from '../../src/features/study/makeUpList.js';
import { studyPlan } from '../../src/features/study/plan.js';
import { itemReaders } from '../../src/features/study/progress.js';
import { openTestDatabase } from '../support/db.js';

/**
 * The study pages' fast paths (per-organisation read counts kept by triggers, branches walked in path order)
 * answer as the straightforward queries over study_reads and members do, on a small county seeded with
 * every case: targeted items, reads by members an item is not for, a member with no occupation, a retired
 * item, a make-up session, members moved and deleted.
 */
let d: Database;
let admin: number;
let county: { id: number; path: string };
const YEAR = 2026;
const FESTIVAL = '2027-02-06';
const TODAY = '2026-11-30';

async function seed(): Promise<void> {
  const db = d.db;
  await db.execute(sql`insert into organisations (name, kind, path) values ('县', 'county', '/')`);
  await db.execute(sql`update organisations set path = '/' || id || '/' where kind = 'county'`);
  await db.execute(sql`insert into organisations (name, kind, parent_id, path) select '镇' || g, 'township', c.id, c.path from generate_series(1, 2) g, organisations c where c.kind = 'county'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'township'`);
  await db.execute(sql`insert into organisations (name, kind, parent_id, path) select t.name || '支部' || g, 'branch', t.id, t.path from generate_series(1, 3) g, organisations t where t.kind = 'township'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'branch'`);
  await db.execute(sql`insert into persons (name) select '党员' || lpad(g::text, 3, '0') from generate_series(1, 90) g`);
  // Members of the branches and two of a township itself; every seventh has no occupation.
  await db.execute(sql`
    with b as (select id, row_number() over (order by id) - 1 as i from organisations where kind = 'branch'),
         t as (select min(id) as id from organisations where kind = 'township')
    insert into members (person_id, home_org_id, status, occupation)
    select p.id, case when p.id % 45 = 0 then (select id from t) else (select b.id from b where b.i = p.id % 6) end, 'mobile',
           case when p.id % 7 = 0 then null else (array['快递员','建筑工人','餐饮服务'])[1 + p.id % 3] end
    from persons p`);
  await db.execute(sql`
    insert into study_items (org_id, category, title, target_occupations, publish_on, created_at, retired_at)
    select o.id, 'policy_law', o.name || '材料' || g, case when g = 2 then array['快递员'] else array[]::text[] end,
           make_date(${YEAR}, 1 + (o.id * 3 + g * 4) % 12, 1 + g), now(), case when g = 3 and o.kind = 'branch' then now() end
    from organisations o, generate_series(1, 3) g`);
  // Reads one statement at a time and in bulk, some by members an item is not for.
  await db.execute(sql`
    insert into study_reads (item_id, member_id, read_at)
    select si.id, m.person_id, now() from study_items si join organisations so on so.id = si.org_id
    join organisations home on home.path like so.path || '%' join members m on m.home_org_id = home.id
    where (m.person_id * 7 + si.id) % 5 < 2`);
  const [one] = await query<{ id: number }>(db, sql`select min(id) as id from study_items`);
  for (const member of [3, 4, 5]) await db.execute(sql`insert into study_reads (item_id, member_id, read_at) values (${one!.id}, ${member}, now()) on conflict do nothing`);
  const [session] = await query<{ id: number }>(db, sql`insert into make_up_sessions (org_id, held_on, created_at) select id, '2026-06-30', now() from organisations where kind = 'branch' order by id limit 1 returning id`);
  await db.execute(sql`insert into make_up_attendance (session_id, member_id) select ${session!.id}, person_id from members where person_id % 6 = 0 and person_id < 40`);
  await db.execute(sql`insert into holiday_answers (member_id, holiday_on, coming_home, arrive_on, answered_at) select person_id, ${FESTIVAL}, person_id % 2 = 0, '2027-01-30', now() from members where person_id % 4 = 1`);
  const [p] = await query<{ id: number }>(db, sql`insert into persons (name) values ('县管理员') returning id`);
  admin = p!.id;
  [county] = await query<{ id: number; path: string }>(db, sql`select id, path from organisations where kind = 'county'`) as [{ id: number; path: string }];
  await db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${admin}, 'org_admin', ${county.id})`);
}

const keptCounts = () => query<{ item: number; org: number; n: number }>(d.db, sql`
  select item_id as item, org_id as org, reads as n from study_read_counts where reads <> 0 order by 1, 2`);
const countedCounts = () => query<{ item: number; org: number; n: number }>(d.db, sql`
  select sr.item_id as item, m.home_org_id as org, count(*)::int as n from study_reads sr join members m on m.person_id = sr.member_id
  group by 1, 2 order by 1, 2`);

/** The plan's counts, the readers and the make-up list as the straightforward queries give them. */
async function straightforward(org: { id: number; path: string }) {
  const plan = await query<{ id: number; audience: number; read: number }>(d.db, sql`
    select si.id,
      (select count(*)::int from members m join organisations home on home.id = m.home_org_id where home.path like ${`${org.path}%`}
        and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))) as audience,
      (select count(*)::int from study_reads sr join members m on m.person_id = sr.member_id join organisations home on home.id = m.home_org_id
        where sr.item_id = si.id and home.path like ${`${org.path}%`}) as read
    from study_items si join organisations so on so.id = si.org_id
    where ${org.path} like so.path || '%' and si.retired_at is null and extract(year from si.publish_on) = ${YEAR}
    order by si.publish_on, si.id`);
  const readers = async (itemId: number, orgPath: string) => {
    // The members under both the item's organisation and the one chosen (the admin runs the whole county).
    const audience = sql`from organisations home join members m on m.home_org_id = home.id join study_items si on si.id = ${itemId}
      join organisations so on so.id = si.org_id and home.path like so.path || '%' join persons p on p.id = m.person_id left join study_reads sr on sr.item_id = si.id and sr.member_id = m.person_id
      where home.path like ${`${orgPath}%`} and (sr.member_id is not null or cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))`;
    const [c] = await query<{ total: number; read: number }>(d.db, sql`select count(*)::int as total, count(sr.member_id)::int as read ${audience}`);
    const rows = await query(d.db, sql`select m.person_id as "memberId", p.name, home.name as branch, sr.read_at as "readAt" ${audience}
      order by sr.read_at is not null, home.path, p.name, m.person_id limit 7`);
    return { total: c!.total, read: c!.read, rows };
  };
  const makeUp = await query<{ memberId: number; missed: string[] }>(d.db, sql`
    select m.person_id as "memberId", array_agg(si.title order by si.publish_on, si.id) as missed
    from members m join organisations home on home.id = m.home_org_id join persons p on p.id = m.person_id
    join study_items si on si.retired_at is null and si.publish_on >= ${`${YEAR}-01-01`}::date and si.publish_on <= ${TODAY}::date
    join organisations so on so.id = si.org_id and home.path like so.path || '%'
    where home.path like ${`${org.path}%`} and (cardinality(si.target_occupations) = 0 or m.occupation = any(si.target_occupations))
      and not exists (select 1 from study_reads sr where sr.item_id = si.id and sr.member_id = m.person_id)
      and not exists (select 1 from make_up_attendance a join make_up_sessions s on s.id = a.session_id where a.member_id = m.person_id and s.held_on >= si.publish_on)
    group by home.path, m.person_id, p.name order by home.path, p.name, m.person_id`);
  return { plan, readers, makeUp };
}

async function expectSameAnswers(): Promise<void> {
  expect(await keptCounts()).toEqual(await countedCounts());
  const orgs = await query<{ id: number; path: string }>(d.db, sql`select id, path from organisations where kind <> 'branch' or id % 2 = 0 order by id`);
  const items = await query<{ id: number }>(d.db, sql`select id from study_items order by id`);
  for (const org of orgs) {
    const want = await straightforward(org);
    const plan = [...(await studyPlan(d.db, admin, org, YEAR)).values()].flat().map((i) => ({ id: i.id, audience: i.audience, read: i.read }));
    expect(plan).toEqual(want.plan);
    expect(want.plan.some((i) => i.read > 0)).toBe(true);
    for (const item of items) expect(await itemReaders(d.db, admin, item.id, { orgPath: org.path, limit: 7 })).toEqual(await want.readers(item.id, org.path));
    for (const limit of [undefined, 5, 1000]) {
      const list = await makeUpList(d.db, admin, org, FESTIVAL, TODAY, limit === undefined ? {} : { limit });
      const shown = list.branches.flatMap((b) => b.members.map((m) => ({ memberId: m.memberId, missed: m.missed })));
      expect(shown).toEqual(want.makeUp.slice(0, limit));
      expect(list.total).toBe(want.makeUp.length);
    }
  }
}

beforeAll(async () => {
  d = await openTestDatabase();
  await seed();
});
afterAll(async () => d?.close());

describe('the study pages’ fast paths', () => {
  it('answer as the straightforward queries on a seeded county', async () => {
    expect((await countedCounts()).length).toBeGreaterThan(10);
    await expectSameAnswers();
  });

  it('keep the read counts as reads go, members move or leave, and items are deleted', async () => {
    await d.db.execute(sql`delete from study_reads where (member_id + item_id) % 3 = 0`);
    await d.db.execute(sql`update members set home_org_id = (select max(id) from organisations where kind = 'branch') where person_id % 10 = 1`);
    await d.db.execute(sql`update members set occupation = '快递员' where person_id % 10 = 2`);
    await d.db.execute(sql`update study_reads set item_id = (select max(id) from study_items) where member_id = 8 and item_id = (select min(id) from study_items) and not exists (select 1 from study_reads r where r.member_id = 8 and r.item_id = (select max(id) from study_items))`);
    await d.db.execute(sql`delete from persons where id in (12, 13, 14)`);
    await d.db.execute(sql`delete from study_items where id = (select min(id) from study_items where org_id = (select max(id) from organisations))`);
    await d.db.execute(sql`insert into study_reads (item_id, member_id, read_at) select si.id, m.person_id, now() from study_items si, members m where m.person_id % 11 = 0 on conflict do nothing`);
    await expectSameAnswers();
  });
});
