import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonFacts } from '../../src/bot/flow.js';
import { t } from '../../src/bot/i18n/index.js';
import type { Database } from '../../src/db/client.js';
import { members, organisations, staffRoles } from '../../src/db/schema/index.js';
import { yearCountsByOrg } from '../../src/features/evaluation/openList.js';
import { missingList, NAMED_AT_MOST, ORGS_AT_MOST } from '../../src/features/evaluation/views.js';
import { inSubtree, missingParts, yearRecords } from '../../src/features/evaluation/yearRecord.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * The secretary's 民主评议 list over many members: counted in the database, it must say what reading every member's
 * year record said (missingParts over yearRecords, the way it was computed before), and stay one short message.
 */
const now = new Date('2026-11-20T04:00:00Z');
const YEAR = 2026;
let database: Database;
let admin: number;
const org: Record<'county' | 'east' | 'west' | 'small' | 'elsewhere', { id: number; path: string }> = {} as never;
const branches: { id: number; path: string }[] = [];

const facts = (): PersonFacts => ({
  personId: admin, language: 'zh-CN', timezone: 'Asia/Shanghai', isMember: false, isStaff: true, locationConsent: 'never',
  lastRegionCode: undefined, monthlyReportedThisPeriod: false, thoughtReportedThisPeriod: false, openHelpRequests: [],
});

/** The list's reply, rendered as the secretary reads it. */
async function list(orgId: number, maxPerFile?: number) {
  const [r] = await missingList(database.db, facts(), YEAR, orgId, now, maxPerFile);
  return { key: r!.key, args: r!.args!, text: t('zh-CN', r!.key, r!.args) };
}

/** What the list said before, from every record read: its counts, and the open members in its order. */
async function asBefore(path: string) {
  const records = await yearRecords(database.db, YEAR, inSubtree(path));
  const open = records.map((r) => ({ r, missing: missingParts(r) })).filter((x) => x.missing.length > 0);
  const count = (part: string) => open.filter((x) => x.missing.includes(part as never)).length;
  return {
    records, open,
    counts: { total: records.length, examples: records.filter((r) => r.recognition !== null).length, self: count('self'), home: count('home'), inflow: count('inflow'), result: count('result') },
  };
}

const missingText = (x: { missing: string[] }) => x.missing.map((part) => t('zh-CN', 'evaluation-missing', { part })).join('、');

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  org.county = await addOrg(db, '评议县', 'county', null);
  org.east = await addOrg(db, '东镇党委', 'township', org.county.id);
  org.west = await addOrg(db, '西镇党委', 'township', org.county.id);
  const other = await addOrg(db, '外县', 'county', null);
  org.elsewhere = await addOrg(db, '外村党支部', 'branch', other.id);
  // Twelve branches of different sizes (20, 30, … 130 members), so that the ones with most left to do differ.
  for (let i = 0; i < 12; i++) {
    const branch = await addOrg(db, `第${i + 1}村党支部`, 'branch', i < 6 ? org.east.id : org.west.id);
    branches.push(branch);
    // Names repeat (37 of them), so the order falls back on the member's id as yearRecords' does.
    await db.execute(sql`
      with p as (insert into persons (name) select '党员' || lpad(((g * 7 + ${i}) % 37)::text, 2, '0') from generate_series(1, ${20 + 10 * i}) g returning id)
      insert into members (person_id, home_org_id, status) select id, ${branch.id}, 'mobile' from p`);
  }
  org.small = await addOrg(db, '小村党支部', 'branch', org.east.id);
  // From another county, attached to the county's branches: on their list, counted under the branch they are attached to.
  await db.execute(sql`
    with p as (insert into persons (name) select '外来' || g from generate_series(1, 15) g returning id)
    insert into members (person_id, home_org_id, status) select id, ${org.elsewhere.id}, 'mobile' from p`);
  await db.execute(sql`
    update members m set inflow_org_id = b.id from (select id, row_number() over (order by id) - 1 as i from organisations where path like ${`${org.county.path}%`} and kind = 'branch' and id <> ${org.small.id}) b
    where (m.home_org_id = ${org.elsewhere.id} and b.i = m.person_id % 12) or (m.person_id % 11 = 0 and m.home_org_id <> ${org.elsewhere.id} and b.i = (m.person_id + 5) % 12)`);
  // The year begun for most: each part done for some, in patterns that do not line up.
  await db.execute(sql`
    insert into evaluations (member_id, year, self_rating, self_text, self_at, home_opinion, inflow_opinion, result, result_reason)
    select m.person_id, ${YEAR},
      case when m.person_id % 5 <> 0 then 'good' end, case when m.person_id % 5 <> 0 then '好' end, case when m.person_id % 5 <> 0 then ${now.toISOString()}::timestamptz end,
      case when m.person_id % 3 <> 0 then '意见' end,
      case when m.person_id % 2 = 0 then '流入地意见' end,
      case when m.person_id % 4 <> 1 then 'qualified' end, case when m.person_id % 4 <> 1 then '合格' end
    from members m where m.person_id % 9 <> 0 and m.home_org_id in (${sql.join(branches.map((b) => sql`${b.id}`), sql`, `)}, ${org.elsewhere.id})`);
  // Another year's evaluation counts for nothing in this one.
  await db.execute(sql`insert into evaluations (member_id, year, self_at, home_opinion, result, result_reason) select person_id, ${YEAR - 1}, now(), 'x', 'excellent', 'x' from members where person_id % 9 = 0`);
  // 先进: some this year (one member twice), one revoked, one of last year.
  await db.execute(sql`
    insert into recognitions (member_id, year, reason, proposed_by_org_id, recorded_at, revoked_at, revoke_reason)
    select person_id, case when person_id % 29 = 0 then ${YEAR - 1}::int else ${YEAR}::int end, '帮助工友', home_org_id, now(),
      case when person_id % 23 = 0 then now() end, case when person_id % 23 = 0 then '弄错了' end
    from members where person_id % 7 = 0 or person_id % 23 = 0 or person_id % 29 = 0`);
  await db.execute(sql`insert into recognitions (member_id, year, reason, proposed_by_org_id, recorded_at) select person_id, ${YEAR}, '再次', home_org_id, now() from members where person_id % 14 = 0`);
  // The small branch: two members with something left, one done.
  const small = async (name: string) => {
    const id = await addPerson(db, name);
    await db.insert(members).values({ personId: id, homeOrgId: org.small.id, status: 'mobile' });
    return id;
  };
  await small('小甲');
  const done = await small('小乙');
  await small('小丙');
  await db.execute(sql`insert into evaluations (member_id, year, self_at, home_opinion, result, result_reason) values (${done}, ${YEAR}, now(), '好', 'excellent', '好')`);
  admin = await addPerson(db, '评议县管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: org.county.id });
}, 60_000);
afterAll(() => database.close());

describe('the 民主评议 list over many members', () => {
  it('counts in the database what the members’ records say, for the county, a township and a branch', async () => {
    for (const o of [org.county, org.east, org.west, branches[7]!, org.small]) {
      const before = await asBefore(o.path);
      const { key, args } = await list(o.id);
      expect(key).toBe('evaluation-list');
      expect({ total: args.total, examples: args.examples, self: args.self, home: args.home, inflow: args.inflow, result: args.result }).toEqual(before.counts);
    }
    // The seed is what it means to be: every part missing for some, inflow members among them, a 先进 or two.
    const county = (await asBefore(org.county.path)).counts;
    expect(Math.min(county.self, county.home, county.inflow, county.result, county.examples)).toBeGreaterThan(0);
  });

  it('counts each organisation’s members under the one they belong to in the subtree', async () => {
    const before = await asBefore(org.county.path);
    const homes = new Map((await database.db.select().from(members)).map((m) => [m.personId, m]));
    const paths = new Map((await database.db.select().from(organisations)).map((o) => [o.id, o.path]));
    const expected = new Map<number, { total: number; open: number }>();
    for (const r of before.records) {
      const m = homes.get(r.memberId)!;
      const at = paths.get(m.homeOrgId)!.startsWith(org.county.path) ? m.homeOrgId : m.inflowOrgId!;
      const e = expected.get(at) ?? { total: 0, open: 0 };
      e.total += 1;
      e.open += missingParts(r).length > 0 ? 1 : 0;
      expected.set(at, e);
    }
    const counted = await yearCountsByOrg(database.db, org.county.path, YEAR);
    expect(new Map(counted.map((c) => [c.orgId, { total: c.total, open: c.open }]))).toEqual(expected);
  });

  it('stays one short message: the counts, the organisations with most left, the first names, and where the rest are', async () => {
    const before = await asBefore(org.county.path);
    expect(before.open.length).toBeGreaterThan(NAMED_AT_MOST * 10);
    const { text } = await list(org.county.id);
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(1 + 1 + ORGS_AT_MOST + 1 + NAMED_AT_MOST + 1);
    // The organisations with most members missing a part, most first, with how many of how many.
    const counted = await yearCountsByOrg(database.db, org.county.path, YEAR);
    const top = [...counted].sort((a, b) => b.open - a.open || (a.path < b.path ? -1 : 1)).slice(0, ORGS_AT_MOST);
    expect(lines[1]).toBe(t('zh-CN', 'evaluation-list-by-org', { count: ORGS_AT_MOST }));
    expect(lines.slice(2, 2 + ORGS_AT_MOST)).toEqual(top.map((c) => t('zh-CN', 'evaluation-list-org', { org: c.org, count: c.open, total: c.total })));
    expect(top[0]!.open).toBeGreaterThan(top.at(-1)!.open);
    // Then the first names in the records' order (branch, then name), with their branch and what is missing.
    const named = lines.slice(3 + ORGS_AT_MOST, 3 + ORGS_AT_MOST + NAMED_AT_MOST);
    expect(named).toEqual(before.open.slice(0, NAMED_AT_MOST).map(({ r, missing }) => `• ${r.name}（${r.homeOrg}）：${missingText({ missing })}`));
    expect(lines.at(-1)).toBe(t('zh-CN', 'evaluation-list-more', { count: before.open.length - NAMED_AT_MOST, org: '评议县', year: '2026', split: 'no' }));
    expect(lines.at(-1)).toContain('/export 评议 评议县 2026年');
  });

  it('tells a county past one file to look and export township by township', async () => {
    const { text } = await list(org.county.id, 100);
    expect(text.split('\n').at(-1)).toContain('一个表放不下');
    expect(text).not.toContain('/export 评议 评议县');
  });

  it('names a branch’s members without a breakdown, only the first ones past the cap', async () => {
    const branch = branches[7]!;
    const before = await asBefore(branch.path);
    expect(before.open.length).toBeGreaterThan(NAMED_AT_MOST);
    const lines = (await list(branch.id)).text.split('\n');
    expect(lines[1]).toBe(t('zh-CN', 'evaluation-list-first', { count: NAMED_AT_MOST }));
    expect(lines.slice(2, -1)).toEqual(before.open.slice(0, NAMED_AT_MOST).map((x) => `• ${x.r.name}：${missingText(x)}`));
    expect(lines.at(-1)).toContain(`还有 ${before.open.length - NAMED_AT_MOST} 人`);
  });

  it('lists everyone as before when few are missing something', async () => {
    const before = await asBefore(org.small.path);
    const { text } = await list(org.small.id);
    const names = before.open.map((x) => `• ${x.r.name}：${missingText(x)}`);
    expect(names.sort()).toEqual(['• 小丙：未自评、缺联络员/支部意见、未定等次', '• 小甲：未自评、缺联络员/支部意见、未定等次']);
    expect(text).toBe(t('zh-CN', 'evaluation-list', { org: '小村党支部', year: '2026', total: 3, examples: 0, self: 2, home: 2, inflow: 0, result: 2, lines: names.join('\n') }));
  });

  it('names everyone up to the cap, and only past it says how many more', async () => {
    const branch = await addOrg(database.db, '整数村党支部', 'branch', org.west.id);
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) await database.db.insert(members).values({ personId: await addPerson(database.db, `整数${i}`), homeOrgId: branch.id, status: 'mobile' });
    };
    await add(NAMED_AT_MOST);
    const all = (await list(branch.id)).text.split('\n');
    expect(all.slice(1)).toEqual((await asBefore(branch.path)).open.map((x) => `• ${x.r.name}：${missingText(x)}`));
    await add(1);
    const cut = (await list(branch.id)).text.split('\n');
    expect(cut.length).toBe(1 + 1 + NAMED_AT_MOST + 1);
    expect(cut.at(-1)).toContain('还有 1 人');
  });
});
