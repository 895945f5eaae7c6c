import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myMembers } from '../../src/features/caseload/myMembers.js';
import { visibleMembers } from '../../src/features/access/scope.js';
import { t } from '../../src/bot/i18n/index.js';
import type { Database } from '../../src/db/client.js';
import { liaisonAssignments, members, persons, reports, staffRoles } from '../../src/db/schema/index.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * Issue 17: /members counted in SQL. The reply keeps both counts (everyone in scope, and who has not reported for
 * their own month) and lists the first 50 by name then id, then how many more, as /caseload says it. Held to a
 * count made the plain way over the same rows: every visible member read, each one's month worked out in JS.
 */
let d: Database;
const now = new Date('2026-11-30T20:00:00Z'); // 1 December in Shanghai, still 30 November in Berlin
const staff = { county: 0, township: 0, branch: 0, liaison: 0, idle: 0 };

beforeAll(async () => {
  d = await openTestDatabase();
  const db = d.db;
  const county = await addOrg(db, '大县委组织部', 'county', null);
  const township = await addOrg(db, '大镇党委', 'township', county.id);
  const fifty = await addOrg(db, '五十村党支部', 'branch', township.id);
  const one = await addOrg(db, '一人村党支部', 'branch', township.id);
  const other = await addOrg(db, '别村党支部', 'branch', county.id);
  for (const k of Object.keys(staff) as (keyof typeof staff)[]) staff[k] = await addPerson(db, `${k}书记`);
  await db.insert(staffRoles).values([
    { personId: staff.county, role: 'org_admin', orgId: county.id },
    { personId: staff.township, role: 'secretary', orgId: township.id },
    { personId: staff.branch, role: 'secretary', orgId: fifty.id },
    { personId: staff.liaison, role: 'liaison', orgId: other.id },
    { personId: staff.idle, role: 'liaison', orgId: other.id },
  ]);
  // 50 in one branch (the cap exactly), 1 in the next (the township: 51), 70 elsewhere in the county (121).
  // One name repeats (党员007: the 11th and the 49th of the first branch), so the order's second key, the id, shows; Berlin and Shanghai alternate.
  const homes = [...Array<number>(50).fill(fifty.id), one.id, ...Array<number>(70).fill(other.id)];
  const people = await db.insert(persons).values(homes.map((_, i) => ({
    name: `党员${String(i === 48 ? 7 : (i * 37) % 121).padStart(3, '0')}`, timezone: i % 2 ? 'Europe/Berlin' : 'Asia/Shanghai',
  }))).returning({ id: persons.id });
  const ids = people.map((p) => p.id);
  await db.insert(members).values(ids.map((id, i) => ({ personId: id, homeOrgId: homes[i]!, status: 'mobile' as const, createdAt: now })));
  // Shanghai's month is 2026-12, Berlin's 2026-11: a third reported for their own month, a third for the other one (not
  // this month for them), a third not at all; a thought report is no monthly report.
  const period = (i: number, own: boolean) => ((i % 2 === 1) === own ? '2026-11' : '2026-12');
  await db.insert(reports).values(ids.flatMap((id, i) => (i % 3 === 2 ? [] : [{ memberId: id, kind: 'monthly' as const, period: period(i, i % 3 === 0), submittedAt: now }])));
  await db.insert(reports).values(ids.filter((_, i) => i % 3 === 2).map((id) => ({ memberId: id, kind: 'thought' as const, period: '2026-Q4', submittedAt: now, body: '-' })));
  // A liaison's caseload across branches: three members.
  await db.insert(liaisonAssignments).values([ids[0]!, ids[50]!, ids[100]!].map((memberId) => ({ memberId, liaisonId: staff.liaison })));
});
afterAll(() => d.close());

/** The plain way: every visible member read, each one's month in their own timezone, the reports looked up in JS. */
async function naive(staffId: number) {
  const visible = await visibleMembers(d.db, staffId);
  const monthly = await d.db.select({ memberId: reports.memberId, kind: reports.kind, period: reports.period }).from(reports);
  const monthOf = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  const reported = (m: (typeof visible)[number]) => monthly.some((r) => r.memberId === m.personId && r.kind === 'monthly' && r.period === monthOf(m.timezone));
  return { total: visible.length, overdue: visible.filter((m) => !reported(m)).length, lines: visible.map((m) => `${reported(m) ? '✓' : '✗'} ${m.name}`) };
}

describe('/members counted in SQL', () => {
  it.each(['county', 'township', 'branch', 'liaison'] as const)('gives the %s the same counts as reading every member', async (who) => {
    const expected = await naive(staff[who]);
    const [r] = await myMembers(d.db, staff[who], now, 'zh-CN');
    expect(r!.key).toBe('staff-members');
    expect(r!.args).toMatchObject({ total: expected.total, overdue: expected.overdue });
    const more = expected.total > 50 ? [t('zh-CN', 'staff-list-more', { count: expected.total - 50 })] : [];
    expect(String(r!.args!.lines).split('\n')).toEqual([...expected.lines.slice(0, 50), ...more]);
  });

  it('lists 50 with no tail at exactly 50, and says how many more past it', async () => {
    const branch = await myMembers(d.db, staff.branch, now, 'zh-CN');
    expect(branch[0]!.args).toMatchObject({ total: 50 });
    expect(String(branch[0]!.args!.lines).split('\n')).toHaveLength(50);
    const township = String((await myMembers(d.db, staff.township, now, 'zh-CN'))[0]!.args!.lines).split('\n');
    expect(township).toHaveLength(51);
    expect(township[50]).toBe(t('zh-CN', 'staff-list-more', { count: 1 }));
    const county = await myMembers(d.db, staff.county, now, 'en');
    expect(county[0]!.args).toMatchObject({ total: 121 });
    expect(String(county[0]!.args!.lines).split('\n').at(-1)).toBe('… and 71 more');
  });

  it('orders by name, then by id where names repeat', async () => {
    const lines = String((await myMembers(d.db, staff.branch, now, 'zh-CN'))[0]!.args!.lines).split('\n');
    const names = lines.map((l) => l.slice(2));
    expect(names).toEqual([...names].sort());
    const twins = (await visibleMembers(d.db, staff.branch)).filter((m) => m.name === '党员007');
    expect(twins).toHaveLength(2);
    // The two 党员007, both in Shanghai: the first by id reported for Berlin's month (not theirs), the second for their own.
    expect(lines.filter((l) => l.endsWith('党员007'))).toEqual(['✗ 党员007', '✓ 党员007']);
  });

  it('tells a staff person with nobody in scope so', async () => {
    expect((await myMembers(d.db, staff.idle, now, 'zh-CN'))[0]!.key).toBe('staff-no-members');
  });
});
