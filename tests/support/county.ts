import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';

/** Time zones of the seeded county's members: the month turns at other instants in each. */
export const COUNTY_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Dubai'] as const;

export interface SeededCounty {
  countyId: number;
  townshipIds: number[];
  branchIds: number[];
  /** An inflow organisation outside the county's tree, and one inside it (a township's), members attached to both. */
  outsideInflowId: number;
  insideInflowId: number;
  memberIds: number[];
}

/**
 * A small county for comparing scans with their plain versions: 3 townships × 3 branches, `members` members in
 * five time zones, every status, probationary members, destinations, liaisons, reports for the months either side
 * of `edge` (at the edge instant itself, one second before, in the member's own month and the one after), calls
 * and visits on both sides of each zone's month start, open and closed help requests of several ages, members
 * found again. Deterministic: the same call seeds the same county.
 */
export async function seedCountyWithZones(db: Db, members: number, edge: Date): Promise<SeededCounty> {
  const [county] = await query<{ id: number }>(db, sql`insert into organisations (name, kind, path) values ('测试县委', 'county', '/') returning id`);
  const countyId = county!.id;
  await db.execute(sql`update organisations set path = '/' || id || '/' where id = ${countyId}`);
  const townshipIds: number[] = [];
  const branchIds: number[] = [];
  for (let t = 1; t <= 3; t++) {
    const [tw] = await query<{ id: number }>(db, sql`
      insert into organisations (name, kind, parent_id, path) select ${`乡镇${t}`}, 'township', id, path from organisations where id = ${countyId} returning id`);
    await db.execute(sql`update organisations set path = path || id || '/' where id = ${tw!.id}`);
    townshipIds.push(tw!.id);
    for (let b = 1; b <= 3; b++) {
      const [br] = await query<{ id: number }>(db, sql`
        insert into organisations (name, kind, parent_id, path) select ${`支部${t}-${b}`}, 'branch', id, path from organisations where id = ${tw!.id} returning id`);
      await db.execute(sql`update organisations set path = path || id || '/' where id = ${br!.id}`);
      branchIds.push(br!.id);
    }
  }
  const [outside] = await query<{ id: number }>(db, sql`insert into organisations (name, kind, path) values ('流入地党委', 'inflow', '/') returning id`);
  await db.execute(sql`update organisations set path = '/' || id || '/' where id = ${outside!.id}`);
  const [inside] = await query<{ id: number }>(db, sql`
    insert into organisations (name, kind, parent_id, path) select '县内流入党支部', 'inflow', id, path from organisations where id = ${townshipIds[0]!} returning id`);
  await db.execute(sql`update organisations set path = path || id || '/' where id = ${inside!.id}`);

  const zones = sql.raw(`array[${COUNTY_ZONES.map((z) => `'${z}'`).join(',')}]`);
  const liaisons = await query<{ id: number }>(db, sql`insert into persons (name) select '联络员' || g from generate_series(1, 4) g returning id`);
  const memberRows = await query<{ id: number }>(db, sql`
    insert into persons (name, timezone) select '党员' || g, (${zones})[1 + g % 5] from generate_series(1, ${members}) g returning id`);
  const memberIds = memberRows.map((r) => r.id);
  const branchArray = sql.raw(`array[${branchIds.join(',')}]`);
  await db.execute(sql`
    insert into members (person_id, home_org_id, inflow_org_id, status, probationary, probation_ends_on, destination_region_code, category_while_lost)
    select p.id, (${branchArray})[1 + p.id % ${branchIds.length}::int],
      case when p.id % 11 = 0 then ${outside!.id}::int when p.id % 13 = 0 then ${inside!.id}::int end,
      (array['mobile','mobile','resident','laid_off','returned','lost_contact'])[1 + p.id % 6],
      p.id % 4 = 0,
      case when p.id % 8 = 0 then ${edge.toISOString()}::date + (p.id % 120 - 20) end,
      (array['441900','440300','330100','320500',null])[1 + p.id % 5],
      case when p.id % 6 = 5 then 'mobile' end
    from persons p where p.name like '党员%'`);
  const liaisonArray = sql.raw(`array[${liaisons.map((l) => l.id).join(',')}]`);
  await db.execute(sql`insert into liaison_assignments (member_id, liaison_id) select person_id, (${liaisonArray})[1 + person_id % 4] from members where person_id % 9 <> 0`);

  // Reports for the months either side of the edge, in each member's own calendar; some stamped at the edge itself.
  await db.execute(sql`
    insert into reports (member_id, kind, period, submitted_at, late)
    select m.person_id, 'monthly', to_char((${edge.toISOString()}::timestamptz + s.shift) at time zone p.timezone, 'YYYY-MM'), ${edge.toISOString()}::timestamptz + s.shift, false
    from members m join persons p on p.id = m.person_id
    join (values (0, interval '0'), (1, interval '-1 second'), (2, interval '-20 days'), (3, interval '10 days')) s(k, shift) on s.k = m.person_id % 7
    on conflict do nothing`);
  await db.execute(sql`
    insert into reports (member_id, kind, period, submitted_at)
    select person_id, 'thought', to_char(${edge.toISOString()}::timestamptz at time zone 'Asia/Shanghai', 'YYYY') || '-Q' || to_char(${edge.toISOString()}::timestamptz at time zone 'Asia/Shanghai', 'Q'), ${edge.toISOString()}::timestamptz
    from members where person_id % 5 = 2`);
  // Calls and visits either side of each member's month start (exactly at it, one second before), and older ones.
  await db.execute(sql`
    insert into tracking_entries (member_id, at, kind)
    select m.person_id, (date_trunc('month', ${edge.toISOString()}::timestamptz at time zone p.timezone) at time zone p.timezone) + s.shift, s.kind
    from members m join persons p on p.id = m.person_id
    join (values (0, interval '0', 'call'), (1, interval '-1 second', 'visit'), (2, interval '3 days', 'message'), (3, interval '-40 days', 'call'), (4, interval '2 hours', 'note'))
      s(k, shift, kind) on s.k = m.person_id % 10`);
  // Found again this month (a lost member who reported), and one last year.
  await db.execute(sql`
    insert into tracking_entries (member_id, at, kind, details)
    select person_id, ${edge.toISOString()}::timestamptz - (person_id % 3) * interval '20 days', 'status_change', '{"from":"lost_contact","to":"mobile","found":true}'::jsonb
    from members where person_id % 17 = 0`);
  await db.execute(sql`
    insert into help_requests (member_id, category, description, urgency, status, created_at, updated_at, resolved_at)
    select person_id, (array['wages','legal','medical','housing'])[1 + person_id % 4], 'generated', 'normal',
      (array['open','assigned','in_progress','resolved','confirmed','reopened'])[1 + person_id % 6],
      ${edge.toISOString()}::timestamptz - (person_id % 50) * interval '1 day', ${edge.toISOString()}::timestamptz, null
    from members where person_id % 3 = 0`);
  return { countyId, townshipIds, branchIds, outsideInflowId: outside!.id, insideInflowId: inside!.id, memberIds };
}
