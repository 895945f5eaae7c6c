import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { query } from '../src/db/query.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_1 = '建秀志小国伟晓春海明丽永红玉文金德桂立英云军华';
const GIVEN_2 = '国英强红华平军明芳杰敏静磊勇艳娟涛超霞刚丹';
/** Cities spread over provinces, so that a province or city filter keeps a realistic share. */
const PLACES = ['441900', '440305', '440106', '330106', '320505', '510104', '310115', '110105', '420106', '350203'];

const pgArray = (chars: string) => `{${[...chars].map((c) => `"${c}"`).join(',')}}`;

/**
 * A county for the members list benchmark, in SQL so 100,000 members take seconds: 20 townships × 50
 * branches, invented Chinese names (surname + two characters), one liaison per 30 members (1% with none),
 * 80% reported this month, 3% lost contact, 1 in 40 probationary, 2% with an open help request, destinations
 * over ten cities. Initials are left for fillNameInitials, as a database upgraded to this version would be.
 */
export async function seedMembersCounty(db: Db, members: number, period: string): Promise<{ countyId: number }> {
  await db.execute(sql`insert into organisations (name, kind, path) values ('基准县委组织部', 'county', '/')`);
  await db.execute(sql`update organisations set path = '/' || id || '/' where kind = 'county'`);
  await db.execute(sql`
    insert into organisations (name, kind, parent_id, path)
    select '第' || g || '镇党委', 'township', c.id, c.path from generate_series(1, 20) g, organisations c where c.kind = 'county'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'township'`);
  await db.execute(sql`
    insert into organisations (name, kind, parent_id, path)
    select t.name || '第' || g || '村党支部', 'branch', t.id, t.path from generate_series(1, 50) g, organisations t where t.kind = 'township'`);
  await db.execute(sql`update organisations set path = path || id || '/' where kind = 'branch'`);
  const liaisons = Math.max(1, Math.ceil(members / 30));
  const name = (g: string) => sql.raw(`(${sqlArray(SURNAMES)})[1 + ${g} % ${[...SURNAMES].length}] || (${sqlArray(GIVEN_1)})[1 + (${g} / ${[...SURNAMES].length}) % ${[...GIVEN_1].length}] || (${sqlArray(GIVEN_2)})[1 + (${g} / ${[...SURNAMES].length * [...GIVEN_1].length}) % ${[...GIVEN_2].length}]`);
  await db.execute(sql`insert into persons (name, phone) select ${name('(g * 7)')}, '139' || lpad(g::text, 8, '0') from generate_series(1, ${liaisons}) g`);
  const [first] = await query<{ id: number }>(db, sql`select coalesce(max(id), 0) + 1 as id from persons`);
  await db.execute(sql`insert into persons (name, phone) select ${name('g')}, '138' || lpad(g::text, 8, '0') from generate_series(1, ${members}) g`);
  await db.execute(sql`
    with b as (select id, row_number() over (order by id) - 1 as i from organisations where kind = 'branch')
    insert into members (person_id, home_org_id, status, category_while_lost, lost_contact_since, occupation, destination_region_code, probationary)
    select p.id, b.id,
      case when p.id % 33 = 0 then 'lost_contact' when p.id % 5 = 0 then 'laid_off' when p.id % 7 = 0 then 'resident' else 'mobile' end,
      case when p.id % 33 = 0 then 'mobile' end,
      case when p.id % 33 = 0 then now() end,
      (array['建筑工人','电子厂工人','快递员','餐饮服务','个体经营'])[1 + p.id % 5],
      case when p.id % 7 = 0 then null else (${`{${PLACES.join(',')}}`}::text[])[1 + (p.id / 3) % ${PLACES.length}] end,
      p.id % 40 = 0
    from persons p join b on b.i = p.id % 1000
    where p.id >= ${first!.id}`);
  await db.execute(sql`
    insert into liaison_assignments (member_id, liaison_id)
    select m.person_id, ${sql.raw('(select min(id) from persons)')} + ((m.person_id - ${first!.id}) / 30) % ${liaisons}
    from members m where m.person_id % 100 <> 1`);
  await db.execute(sql`
    insert into staff_roles (person_id, role, org_id)
    select distinct on (la.liaison_id) la.liaison_id, 'liaison', m.home_org_id
    from liaison_assignments la join members m on m.person_id = la.member_id order by la.liaison_id`);
  await db.execute(sql`
    insert into reports (member_id, kind, period, submitted_at, late, work, has_difficulty, studied)
    select person_id, 'monthly', ${period}, now(), false, 'working', false, true from members where person_id % 5 <> 1`);
  await db.execute(sql`
    insert into help_requests (member_id, category, description, urgency, status, created_at, updated_at)
    select person_id, 'wages', '工资拖欠', 'normal', 'open', now(), now() from members where person_id % 50 = 3`);
  await db.execute(sql`analyze`);
  const [county] = await query<{ id: number }>(db, sql`select id from organisations where kind = 'county'`);
  return { countyId: county!.id };
}

function sqlArray(chars: string): string {
  return `'${pgArray(chars)}'::text[]`;
}
