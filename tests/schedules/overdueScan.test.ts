import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import type { DbOrTx } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { dueChaseLooks, type OverdueMember } from '../../src/schedules/overdue.js';

/** Every member's look is due on a county no job has looked at yet: the overdue among them are all the overdue. */
async function overdueMembers(db: DbOrTx, now: Date): Promise<OverdueMember[]> {
  return (await dueChaseLooks(db, now)).filter((m) => m.overdue).map(({ overdue: _o, version: _v, ...m }) => m);
}
import { openTestDatabase } from '../support/db.js';
import { seedCountyWithZones } from '../support/county.js';

/** The question asked the plain way, each member's month computed for that member: what the fast scan must equal. */
async function overduePerMember(db: DbOrTx, now: Date): Promise<OverdueMember[]> {
  const at = now.toISOString();
  return await query<OverdueMember>(db, sql`
      select m.person_id as "memberId", p.name, p.timezone, o.path as "orgPath", la.liaison_id as "liaisonId", lp.name as "liaisonName",
             to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') as period,
             extract(day from ${at}::timestamptz at time zone p.timezone)::int as "localDay"
      from members m
      join persons p on p.id = m.person_id
      join organisations o on o.id = m.home_org_id
      left join liaison_assignments la on la.member_id = m.person_id
      left join persons lp on lp.id = la.liaison_id
      where m.status <> 'lost_contact'
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'monthly'
               and r.period = to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM'))
        and not exists (select 1 from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message', 'visit')
               and te.at >= (date_trunc('month', ${at}::timestamptz at time zone p.timezone) at time zone p.timezone))
      order by m.person_id`);
}

// Around the turn of November: Shanghai is in December hours before Los Angeles is.
const EDGE = new Date('2026-11-30T16:00:00Z');
const INSTANTS = [
  new Date('2026-11-15T03:00:00Z'), // mid-month everywhere
  new Date('2026-11-30T15:59:59Z'), // one second before Shanghai's December
  EDGE, // Shanghai's December begins; Berlin, Dubai, Los Angeles still in November
  new Date('2026-11-30T18:00:00Z'), // Urumqi's December begins too
  new Date('2026-12-01T07:59:59Z'), // Los Angeles the last second of November
  new Date('2026-12-01T08:00:00Z'), // every zone in December
  new Date('2026-12-10T08:00:00Z'),
];

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await seedCountyWithZones(database.db, 400, EDGE);
});
afterAll(async () => database?.close());

describe('the hourly overdue scan, computed once per time zone', () => {
  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))('returns the same members as the per-member query at %s', async (_label, at) => {
    const fast = await overdueMembers(database.db, at);
    const plain = await overduePerMember(database.db, at);
    expect(plain.length).toBeGreaterThan(10);
    expect(fast.map((m) => ({ ...m, localDay: Number(m.localDay) }))).toEqual(plain.map((m) => ({ ...m, localDay: Number(m.localDay) })));
  });

  it('sees the months of the zones differ at the turn of the month, and a member reported for their own month drops out', async () => {
    const before = await overdueMembers(database.db, EDGE);
    const periods = new Set(before.map((m) => `${m.timezone}:${m.period}`));
    expect(periods).toContain('Asia/Shanghai:2026-12');
    expect(periods).toContain('America/Los_Angeles:2026-11');
    const la = before.find((m) => m.timezone === 'America/Los_Angeles')!;
    await database.db.execute(sql`insert into reports (member_id, kind, period, submitted_at) values (${la.memberId}, 'monthly', '2026-11', ${EDGE.toISOString()}::timestamptz)`);
    const sh = before.find((m) => m.timezone === 'Asia/Shanghai')!;
    // A November report does not stop Shanghai's December chase.
    await database.db.execute(sql`insert into reports (member_id, kind, period, submitted_at) values (${sh.memberId}, 'monthly', '2026-11', ${EDGE.toISOString()}::timestamptz) on conflict do nothing`);
    const after = (await overdueMembers(database.db, EDGE)).map((m) => m.memberId);
    expect(after).not.toContain(la.memberId);
    expect(after).toContain(sh.memberId);
    expect(after).toEqual((await overduePerMember(database.db, EDGE)).map((m) => m.memberId));
  });

  it('finds nobody on an empty database', async () => {
    const empty = await openTestDatabase();
    try {
      expect(await overdueMembers(empty.db, EDGE)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
