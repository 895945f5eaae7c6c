import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { fillNameInitials } from '../src/db/nameInitials.js';
import { query } from '../src/db/query.js';
import { cursorKey, listMembers, PAGE_SIZE, type MemberListFilter } from '../src/features/members/list.js';
import { candidatesQuery, listPlan, scopeFirstQuery } from '../src/features/members/pageIds.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { timePage, withConsole } from './consoleMembersPage.js';
import { medianMs, onBothDatabases, onScratchPostgres } from './harness.js';
import { printTable } from './table.js';

/**
 * The console's members list at county scale (issue 14: each page under 300 ms at 100,000 members on
 * PostgreSQL and PGlite), for a county admin (everyone), a township secretary (5%) and a liaison (a caseload
 * of 30): the first page, a name search, a pinyin search, combinations of filters, and page 1000 (keyset: the
 * cursor is the 49,950th member). Each figure is timed twice: the query alone (listMembers) and the whole page through Fastify
 * (session check, filter choices, rendering). `BENCH_MEMBERS` sets the size; `BENCH_EXPLAIN=1` prints plans.
 */
interface Case {
  name: string;
  filter: MemberListFilter;
  deep?: boolean;
}


async function cases(d: Database, firstMemberId: number, members: number): Promise<Case[]> {
  const [someone] = await query<{ name: string }>(d.db, sql`select name from persons where id = ${firstMemberId + Math.floor(members / 2)}`);
  return [
    { name: 'first page', filter: {} },
    { name: `name search (${someone!.name})`, filter: { q: someone!.name } },
    { name: 'name part (建国)', filter: { q: '建国' } },
    { name: 'pinyin search (zjg)', filter: { q: 'zjg' } },
    { name: 'filters: 流动党员 + 本月未报到 + 广东省', filter: { category: 'mobile', overdue: true, place: '440000' } },
    { name: 'filters: lost contact + open help', filter: { lost: true, openHelp: true } },
    { name: 'page 1000', filter: {}, deep: true },
  ];
}

const median = (run: () => Promise<unknown>): Promise<[number, number]> => medianMs(run);

/** A county admin (everyone), a township secretary (one township of twenty: the walk that skips most names) and a liaison (30). */
async function staff(d: Database, countyId: number): Promise<[string, number][]> {
  const [admin] = await query<{ id: number }>(d.db, sql`insert into persons (name, name_initials) values ('县管理员', 'xgly') returning id`);
  await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${admin!.id}, 'org_admin', ${countyId})`);
  const [township] = await query<{ id: number }>(d.db, sql`insert into persons (name, name_initials) values ('镇书记', 'zsj') returning id`);
  await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) select ${township!.id}, 'secretary', min(id) from organisations where kind = 'township'`);
  const [liaison] = await query<{ id: number }>(d.db, sql`select liaison_id as id from liaison_assignments order by member_id limit 1`);
  return [['county admin', admin!.id], ['township secretary', township!.id], ['liaison', liaison!.id]];
}

async function runOn(label: string, d: Database, members: number): Promise<void> {
  const now = new Date();
  const t0 = performance.now();
  const { countyId } = await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
  const seeded = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const filled = await fillNameInitials(d.db);
  const fillS = (performance.now() - t1) / 1000;
  await d.db.execute(sql`analyze persons`);
  const [firstMember] = await query<{ id: number }>(d.db, sql`select min(person_id) as id from members`);
  const people = await staff(d, countyId);
  // The cursor of page 1000: the last member of page 999 in the admin's (everyone's) order.
  const [deep] = await query<{ id: number }>(d.db, sql`select p.id from persons p join members m on m.person_id = p.id
    order by p.name_initials collate "C", p.name collate "C", p.id offset ${999 * PAGE_SIZE - 1} limit 1`);
  const rows: (string | number)[][] = [];
  await withConsole(d, async (signIn) => {
    for (const [who, staffId] of people) {
      const browser = await signIn(staffId);
      for (const c of await cases(d, firstMember!.id, members)) {
        const cursor = c.deep && deep ? { after: deep.id } : {};
        let shown = 0;
        const [q50, qMax] = await median(async () => (shown = (await listMembers(d.db, staffId, c.filter, cursor, now)).rows.length));
        const [p50, pMax] = await median(() => timePage(browser, c.filter, cursor));
        rows.push([who, c.name, shown, q50.toFixed(1), qMax.toFixed(1), p50.toFixed(1), pMax.toFixed(1)]);
        if (process.env.BENCH_EXPLAIN) await explain(d, staffId, c, cursor, now);
      }
    }
  });
  printTable(`Members list on ${label}, ${members.toLocaleString('en')} members (seeded in ${seeded.toFixed(1)} s; initials of ${filled.toLocaleString('en')} people filled in ${fillS.toFixed(1)} s)`,
    ['who', 'page', 'rows', 'query median ms', 'query max ms', 'page median ms', 'page max ms'], rows);
}

async function explain(d: Database, staffId: number, c: Case, cursor: { after?: number }, now: Date): Promise<void> {
  const at = { from: await cursorKey(d.db, cursor.after), limit: PAGE_SIZE + 1 };
  const plan = await listPlan(d.db, staffId);
  // Order-first: the first round of the walk (the scope is then asked of its names by primary key).
  const statement = plan === 'scope-first' ? scopeFirstQuery(staffId, c.filter, now, at) : candidatesQuery(c.filter, now, at, 100);
  const lines = await query<Record<string, string>>(d.db, sql`explain analyze ${statement}`);
  process.stdout.write(`\n--- ${c.name} (staff ${staffId}, ${plan})\n${lines.map((r) => Object.values(r)[0]).join('\n')}\n`);
}

export async function consoleMembersBench(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
  await onBothDatabases('bench_console_members', (label, d) => runOn(label, d, members));
}

/** The same on a scratch PostgreSQL database only (the `console` bench calls it). */
export async function consoleMembersOnPostgres(members: number): Promise<void> {
  await onScratchPostgres('bench_console_members', (pg) => runOn('PostgreSQL', pg, members));
}
