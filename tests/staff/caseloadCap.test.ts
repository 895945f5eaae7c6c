import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseloadReply } from '../../src/features/caseload/caseload.js';
import { t } from '../../src/bot/i18n/index.js';
import type { Database } from '../../src/db/client.js';
import { helpRequests, members, persons, reports, staffRoles, trackingEntries } from '../../src/db/schema/index.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * Issue 17: /caseload counted in SQL. A county admin's caseload is every member of the county: the reply keeps every
 * count and lists the first 50 members with something to do, then says how many more; a member's month and quarter
 * are their own timezone's.
 */
let d: Database;
let admin = 0;
const now = new Date('2026-11-30T20:00:00Z'); // 1 December in Shanghai, still 30 November in Berlin
const ids: number[] = [];
const helpIds: number[] = [];

beforeAll(async () => {
  d = await openTestDatabase();
  const db = d.db;
  const county = await addOrg(db, '大县委组织部', 'county', null);
  const branch = await addOrg(db, '大村党支部', 'branch', county.id);
  admin = await addPerson(db, '县管理员');
  await db.insert(staffRoles).values({ personId: admin, role: 'org_admin', orgId: county.id });
  const people = await db.insert(persons).values(Array.from({ length: 70 }, (_, i) => ({ name: `党员${String(i).padStart(2, '0')}`, timezone: i % 2 ? 'Europe/Berlin' : 'Asia/Shanghai' }))).returning({ id: persons.id });
  ids.push(...people.map((p) => p.id));
  await db.insert(members).values(ids.map((id, i) => ({ personId: id, homeOrgId: branch.id, status: i === 3 ? 'lost_contact' as const : 'mobile' as const, createdAt: now })));
  // Members 0-59 reported for their own month; 60-69 did not. Shanghai's month is 2026-12, Berlin's 2026-11.
  await db.insert(reports).values(ids.slice(0, 60).map((id, i) => ({ memberId: id, kind: 'monthly' as const, period: i % 2 ? '2026-11' : '2026-12', submittedAt: now })));
  // Members 0-59 but 10 were called this month (their own), 0-9 visited this quarter (an hour ago: Berlin's Q4, Shanghai's too).
  await db.insert(trackingEntries).values(ids.slice(0, 60).filter((_, i) => i !== 10).map((id) => ({ memberId: id, at: new Date(now.getTime() - 3_600_000), kind: 'call' as const, details: {} })));
  await db.insert(trackingEntries).values(ids.slice(0, 10).map((id) => ({ memberId: id, at: new Date(now.getTime() - 3_600_000), kind: 'visit' as const, details: {} })));
  // A Shanghai member called at 23:00 on 30 November, Shanghai time: last month for them (UTC's month is November too).
  await db.insert(trackingEntries).values({ memberId: ids[10]!, at: new Date('2026-11-30T15:00:00Z'), kind: 'call', details: {} });
  const requests = await db.insert(helpRequests).values([
    { memberId: ids[2]!, category: 'wages', description: '-', createdAt: now, updatedAt: now },
    { memberId: ids[2]!, category: 'wages', description: '-', status: 'in_progress', createdAt: now, updatedAt: now },
    { memberId: ids[4]!, category: 'wages', description: '-', status: 'confirmed', createdAt: now, updatedAt: now },
  ]).returning({ id: helpRequests.id });
  helpIds.push(requests[0]!.id, requests[1]!.id);
});
afterAll(() => d.close());

// The plan for a large scope (a table of the scope, each time zone's calendar once) is asked of the same seed.
describe.each([['probed member by member', undefined], ['from an analysed table of the scope, as above 100,000', 1]] as const)('/caseload for a whole county, %s', (_plan, largeAbove) => {
  it('keeps every count and lists the first 50 members with something to do, then how many more', async () => {
    const [r] = await caseloadReply(d.db, admin, now, 'zh-CN', largeAbove);
    expect(r!.key).toBe('staff-caseload');
    // 10 visited this quarter; 59 called this month; 60 reported (their own month); 1 lost; one member with open requests.
    expect(r!.args).toMatchObject({ total: 70, overdue: 10, uncontacted: 11, unvisited: 60, lost: 1, help: 1 });
    const lines = String(r!.args!.lines).split('\n');
    // 62 with something to do: the 60 not visited, the lost one and the one with requests (a confirmed one is done).
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe(t('zh-CN', 'staff-list-more', { count: 12 }));
    expect(lines.slice(0, 5)).toEqual([`党员02 🆘${helpIds.join(',')}`, '党员03 ❗', '党员10 ☎🏠', '党员11 🏠', '党员12 🏠']);
    expect(lines[48]).toBe('党员56 🏠');
    expect(lines[49]).toBe('党员57 🏠');
  });

  it('offers to log a call for the first five not contacted or lost, and the help list', async () => {
    const [r] = await caseloadReply(d.db, admin, now, 'en', largeAbove);
    const payloads = r!.buttons!.flat().map((b) => b.payload);
    expect(payloads).toEqual([ids[3], ids[10], ids[60], ids[61], ids[62]].flatMap((id) => [`contact:call:${id}`, `contact:visit:${id}`]).concat('hr:list'));
    expect(String(r!.args!.lines).split('\n').at(-1)).toBe('… and 12 more');
  });
});
