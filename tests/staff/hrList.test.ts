import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRequestsReply } from '../../src/features/helpdesk/views.js';
import { visibleMembers } from '../../src/features/access/scope.js';
import type { Database } from '../../src/db/client.js';
import { HELP_STATUSES, helpRequests, liaisonAssignments, members, persons, staffRoles } from '../../src/db/schema/index.js';
import { openTestDatabase } from '../support/db.js';
import { addOrg, addPerson } from './fixture.js';

/**
 * `/hr` asks the scope of each open request's member and names only the listed ones. Held to the list made the plain
 * way: every visible member read, their requests still to be worked (not resolved, not confirmed) sorted in JS,
 * urgent first, then the oldest, then by number; 20 listed, the count and "…(+N)" for the rest.
 */
let d: Database;
const now = new Date('2026-11-30T20:00:00Z');
const staff = { county: 0, township: 0, branch: 0, twenty: 0, liaison: 0, quiet: 0 };
let holder = 0;
const OPEN = ['open', 'assigned', 'in_progress', 'reopened'];

beforeAll(async () => {
  d = await openTestDatabase();
  const db = d.db;
  const county = await addOrg(db, '大县委组织部', 'county', null);
  const township = await addOrg(db, '大镇党委', 'township', county.id);
  const busy = await addOrg(db, '忙村党支部', 'branch', township.id);
  const twenty = await addOrg(db, '二十村党支部', 'branch', township.id);
  const quiet = await addOrg(db, '静村党支部', 'branch', county.id);
  const elsewhere = await addOrg(db, '别县委组织部', 'county', null);
  for (const k of Object.keys(staff) as (keyof typeof staff)[]) staff[k] = await addPerson(db, `${k}书记`);
  holder = await addPerson(db, '接办人老周');
  await db.insert(staffRoles).values([
    { personId: staff.county, role: 'org_admin', orgId: county.id },
    { personId: staff.township, role: 'secretary', orgId: township.id },
    { personId: staff.branch, role: 'secretary', orgId: busy.id },
    { personId: staff.twenty, role: 'secretary', orgId: twenty.id },
    { personId: staff.liaison, role: 'liaison', orgId: quiet.id },
    { personId: staff.quiet, role: 'secretary', orgId: quiet.id },
  ]);
  // Ten members a branch (the quiet branch's have nothing open) and five in another county.
  const homes = [...Array<number>(10).fill(busy.id), ...Array<number>(10).fill(twenty.id), ...Array<number>(10).fill(quiet.id), ...Array<number>(5).fill(elsewhere.id)];
  const people = await db.insert(persons).values(homes.map((_, i) => ({ name: `党员${String(i).padStart(2, '0')}` }))).returning({ id: persons.id });
  const ids = people.map((p) => p.id);
  await db.insert(members).values(ids.map((id, i) => ({ personId: id, homeOrgId: homes[i]!, status: 'mobile' as const, createdAt: now })));
  // The busy branch: 30 requests over every status, some urgent, created out of order (several at the same moment, so
  // the number decides). The twenty branch: exactly 20 still to be worked. The other county: three.
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
  await db.insert(helpRequests).values(Array.from({ length: 30 }, (_, i) => ({
    memberId: ids[i % 10]!, category: 'wages' as const, description: `第${i}件`, urgency: i % 7 === 3 ? 'urgent' as const : 'normal' as const,
    status: HELP_STATUSES[i % HELP_STATUSES.length]!, assigneeId: i % 4 === 1 ? holder : null, createdAt: at((i * 13) % 9), updatedAt: now,
  })));
  await db.insert(helpRequests).values(Array.from({ length: 20 }, (_, i) => ({ memberId: ids[10 + (i % 10)]!, category: 'medical' as const, description: '-', createdAt: at(i), updatedAt: now })));
  await db.insert(helpRequests).values(ids.slice(30, 33).map((memberId) => ({ memberId, category: 'legal' as const, description: '-', createdAt: now, updatedAt: now })));
  // A liaison of the quiet branch whose caseload reaches one member of the busy branch.
  await db.insert(liaisonAssignments).values({ memberId: ids[3]!, liaisonId: staff.liaison });
});
afterAll(() => d.close());

/** The plain way: every visible member read, all requests read, filtered and sorted in JS. */
async function naive(staffId: number): Promise<number[]> {
  const visible = new Set((await visibleMembers(d.db, staffId)).map((m) => m.personId));
  const all = await d.db.select().from(helpRequests);
  return all.filter((r) => visible.has(r.memberId) && OPEN.includes(r.status))
    .sort((a, b) => Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent') || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
    .map((r) => r.id);
}

const listedIds = (lines: string) => lines.split('\n').flatMap((l) => [...l.matchAll(/求助 (\d+) ·/g)].map((m) => Number(m[1])));

describe('/hr counted and named in SQL', () => {
  it.each(['county', 'township', 'branch', 'twenty', 'liaison'] as const)('gives the %s the same requests, count and order as reading every member', async (who) => {
    const expected = await naive(staff[who]);
    expect(expected.length).toBeGreaterThan(0);
    const [r] = await openRequestsReply(d.db, staff[who], 'zh-CN', now);
    expect(r!.key).toBe('staff-help-list');
    expect(r!.args!.count).toBe(expected.length);
    const lines = String(r!.args!.lines);
    expect(listedIds(lines)).toEqual(expected.slice(0, 20));
    expect(lines.split('\n').filter((l) => l.startsWith('…(+'))).toEqual(expected.length > 20 ? [`…(+${expected.length - 20})`] : []);
    // The first five carry their buttons, in the same order.
    expect(r!.buttons!.flat().map((b) => b.payload).filter((p) => p.startsWith('hr:show:'))).toEqual(expected.slice(0, 5).map((id) => `hr:show:${id}`));
  });

  it('lists exactly 20 with no tail, and past 20 says how many more', async () => {
    const [twenty] = await openRequestsReply(d.db, staff.twenty, 'zh-CN', now);
    expect(twenty!.args!.count).toBe(20);
    expect(String(twenty!.args!.lines).split('\n').filter((l) => l.startsWith('…'))).toEqual([]);
    const [township] = await openRequestsReply(d.db, staff.township, 'zh-CN', now);
    // The busy branch's 30 over six statuses leave 20 to be worked; with the twenty branch's, 40.
    expect(township!.args!.count).toBe(40);
    expect(String(township!.args!.lines).split('\n').at(-1)).toBe('…(+20)');
  });

  it('names who holds a request', async () => {
    const [r] = await openRequestsReply(d.db, staff.branch, 'zh-CN', now);
    expect(String(r!.args!.lines)).toContain('接办人老周');
  });

  it('tells a scope with nothing open so', async () => {
    expect((await openRequestsReply(d.db, staff.quiet, 'zh-CN', now))[0]!.key).toBe('staff-help-none-open');
  });
});
