import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';

/**
 * Generates a county for scale runs, in SQL so a million rows take seconds: 20 townships × 50 branches,
 * `members` members spread over them (about 4% in other time zones than Asia/Shanghai), one liaison per 30 members,
 * 80% reported this month, 3% lost contact, a few locations and help requests. Names are generated ('member-123'), never real-looking.
 */
/** 20 townships × 50 branches. The counts are constants in the joins: a join on `% count(*) over ()`
 * cannot be hashed, and at a million members it ran for minutes. */
const BRANCHES = 1000;

export async function seedCounty(db: Db, members: number, period: string): Promise<void> {
  await db.execute(sql`insert into organisations (name, kind, path) values ('bench county', 'county', '/')`);
  await db.execute(sql`update organisations set path = '/' || id || '/' where kind = 'county'`);
  await db.execute(sql`
    insert into organisations (name, kind, parent_id, path)
    select 'township-' || g, 'township', c.id, c.path from generate_series(1, 20) g, organisations c where c.kind = 'county'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'township'`);
  await db.execute(sql`
    insert into organisations (name, kind, parent_id, path)
    select 'branch-' || t.id || '-' || g, 'branch', t.id, t.path from generate_series(1, 50) g, organisations t where t.kind = 'township'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'branch'`);
  const liaisons = Math.max(1, Math.ceil(members / 30));
  await db.execute(sql`insert into persons (name) select 'liaison-' || g from generate_series(1, ${liaisons}) g`);
  // Most members keep the default clock; some live in other time zones, where the month turns at another hour.
  await db.execute(sql`
    insert into persons (name, timezone)
    select 'member-' || g, case when g % 50 = 7 then 'Asia/Urumqi' when g % 97 = 3 then 'Europe/Berlin' when g % 89 = 5 then 'Asia/Dubai' else 'Asia/Shanghai' end
    from generate_series(1, ${members}) g`);
  await db.execute(sql`
    with b as (select id, row_number() over (order by id) - 1 as i from organisations where kind = 'branch')
    insert into members (person_id, home_org_id, status, occupation, destination_region_code, probationary)
    select p.id, b.id,
      case when p.id % 33 = 0 then 'lost_contact' when p.id % 5 = 0 then 'laid_off' when p.id % 3 = 0 then 'resident' else 'mobile' end,
      (array['建筑工人','电子厂工人','快递员','餐饮服务','个体经营'])[1 + p.id % 5],
      (array['441900','440300','330100','320500','510100'])[1 + p.id % 5],
      p.id % 40 = 0
    from persons p join b on b.i = p.id % ${BRANCHES}
    where p.name like 'member-%'`);
  await db.execute(sql`
    with l as (select id, row_number() over (order by id) - 1 as i from persons where name like 'liaison-%')
    insert into liaison_assignments (member_id, liaison_id)
    select m.person_id, l.id from members m join l on l.i = (m.person_id / 30) % ${liaisons}`);
  await db.execute(sql`
    insert into staff_roles (person_id, role, org_id)
    select distinct on (la.liaison_id) la.liaison_id, 'liaison', m.home_org_id
    from liaison_assignments la join members m on m.person_id = la.member_id order by la.liaison_id`);
  await db.execute(sql`
    insert into reports (member_id, kind, period, submitted_at, late, work, has_difficulty, studied)
    select person_id, 'monthly', ${period}, now(), false, 'working', false, true from members where person_id % 5 <> 1`);
  // Liaisons' calls: one member in seven was called (some this month, some last), and the card holds older entries.
  await db.execute(sql`
    insert into tracking_entries (member_id, at, kind)
    select person_id, now() - (person_id % 45) * interval '1 day', 'call' from members where person_id % 7 = 2`);
  await db.execute(sql`
    insert into help_requests (member_id, category, description, urgency, status, created_at, updated_at)
    select person_id, 'wages', 'generated', 'normal', 'open', now(), now() from members where person_id % 50 = 0`);
  // What autovacuum would have done by the time anyone looks: statistics, and the visibility map that lets the
  // liaison's and branch's lists read from indexes alone (without it the planner scans members and hashes).
  await db.execute(sql`vacuum analyze`);
}
