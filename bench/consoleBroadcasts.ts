import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { fillNameInitials } from '../src/db/nameInitials.js';
import { query } from '../src/db/query.js';
import { loadConfig } from '../src/config.js';
import { audienceSample, checkedTarget, countAudience } from '../src/features/broadcasts/audience.js';
import type { TypedFilter } from '../src/features/broadcasts/filter.js';
import { placesOf } from '../src/features/broadcasts/filter.js';
import { createNotice } from '../src/features/broadcasts/notices.js';
import { seedMembersCounty } from './consoleMembersSeed.js';
import { withConsole } from './consoleMembersPage.js';
import { medianMs, onBothDatabases } from './harness.js';
import { printTable } from './table.js';

/**
 * The broadcast composer at county scale (issue 15): what the live preview costs as a county admin changes the
 * filters over 100,000 members (the count, the reachable count and twelve names; the query alone, then the whole
 * /console/broadcasts/live fragment through Fastify), and queuing a notice to one township (about 5,000 members,
 * 8 in 9 with a Telegram account) in one transaction. `BENCH_MEMBERS` sets the size; `BENCH_PGLITE=1` also runs PGlite.
 */

const CASES: { name: string; fields: Record<string, string>; filter: TypedFilter }[] = [
  { name: 'everyone', fields: {}, filter: {} },
  { name: '流动党员', fields: { status: 'mobile' }, filter: { statuses: ['mobile'] } },
  { name: '流动党员 + 地点=广东', fields: { status: 'mobile', place: '广东' }, filter: withPlace({ statuses: ['mobile'] }, '广东') },
  { name: '本月未报到', fields: { overdue: '1' }, filter: { overdue: true } },
  { name: '正式 + 快递员 + 排除 3 人', fields: { rank: 'full', occupation: '快递员', exclude: '王建国 李秀英 张志强' }, filter: { probationary: false, occupations: ['快递员'], excluded: ['王建国', '李秀英', '张志强'] } },
  { name: '下岗失业 + 未学习', fields: { status: 'laid_off', nostudy: '1' }, filter: { statuses: ['laid_off'], didNotStudy: true } },
];

function withPlace(f: TypedFilter, place: string): TypedFilter {
  placesOf(f, [place]);
  return f;
}

const median = async (run: () => Promise<unknown>): Promise<number> => (await medianMs(run))[0];

async function runOn(label: string, d: Database, members: number): Promise<void> {
  const now = new Date();
  const { countyId } = await seedMembersCounty(d.db, members, now.toISOString().slice(0, 7));
  await fillNameInitials(d.db);
  await d.db.execute(sql`
    insert into identities (platform, external_user_id, chat_id, person_id, linked_at, last_seen_at)
    select 'telegram', m.person_id::text, m.person_id::text, m.person_id, now(), now() from members m where m.person_id % 9 <> 4`);
  await d.db.execute(sql`analyze`);
  const [admin] = await query<{ id: number }>(d.db, sql`insert into persons (name, name_initials) values ('县管理员', 'xgly') returning id`);
  await d.db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${admin!.id}, 'org_admin', ${countyId})`);
  const rows: (string | number)[][] = [];
  await withConsole(d, async (signIn) => {
    const browser = await signIn(admin!.id);
    for (const c of CASES) {
      const filter = { ...c.filter, orgId: countyId };
      let shown = 0;
      const q = await median(async () => {
        const [counts] = await Promise.all([countAudience(d.db, filter, now), audienceSample(d.db, filter, now, 12)]);
        shown = counts.members;
      });
      const params = new URLSearchParams({ org: String(countyId), ...c.fields });
      const page = await median(async () => {
        const res = await browser.inject(`/console/broadcasts/live?${params}`);
        if (res.statusCode !== 200) throw new Error(`live preview: ${res.statusCode}`);
      });
      rows.push([c.name, shown, q.toFixed(1), page.toFixed(1)]);
    }
  });
  printTable(`Composer live preview on ${label}, ${members.toLocaleString('en')} members, county admin`, ['filters', 'members', 'query median ms', 'fragment median ms'], rows);
  await queueTownship(d, admin!.id, label, now);
}

/** 确认发送 to one township (a twentieth of the county), urgent so every row is due at once: one transaction. */
async function queueTownship(d: Database, adminId: number, label: string, now: Date): Promise<void> {
  const [township] = await query<{ id: number }>(d.db, sql`select min(id) as id from organisations where kind = 'township'`);
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const t0 = performance.now();
  const made = await d.db.transaction(async (tx) => {
    const target = await checkedTarget(tx, adminId, { orgId: township!.id, urgent: true }, now, { via: 'bench' });
    if (!target.ok) throw new Error('refused');
    return createNotice(tx, adminId, target, '基准测试通知', {}, now, { defaults: config, timezone: config.DEFAULT_TIMEZONE });
  });
  const seconds = (performance.now() - t0) / 1000;
  const q = made.queued!;
  printTable(`Queuing a notice to one township on ${label}`, ['members queued', 'unreachable', 'seconds', 'rows/s'], [[q.members, q.missed.length, seconds.toFixed(2), (q.members / seconds).toFixed(0)]]);
}

export async function consoleBroadcastsBench(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 100_000);
  await onBothDatabases('bench_console_broadcasts', (label, d) => runOn(label, d, members), Boolean(process.env.BENCH_PGLITE));
}
