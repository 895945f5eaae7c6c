import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { query } from '../../src/db/query.js';
import { loadConfig } from '../../src/config.js';
import { runReportCycle } from '../../src/schedules/reportCycle.js';
import { dueChaseLooks } from '../../src/schedules/overdue.js';
import { openTestDatabase } from '../support/db.js';
import { seedCountyWithZones, type SeededCounty } from '../support/county.js';

/**
 * The hourly chase reads only the members whose next look has come. It must queue exactly what a job that looked at
 * every member every hour queues: two identical counties live through January, the same things happen to both at
 * the same instants, and the job runs on both at the same instants; in one, every look is made due before each
 * run (the full scan). Their outboxes must match message for message.
 */
const config = loadConfig({});
const START = Date.parse('2026-12-31T13:00:00Z');
const END = Date.parse('2027-02-02T00:00:00Z');
const STEP = 3 * 3_600_000;

type Event = (db: Database['db'], county: SeededCounty) => Promise<unknown>;
const at = (iso: string) => Date.parse(iso);
const report = (mod: number, period: string, iso: string): Event => (db) =>
  db.execute(sql`insert into reports (member_id, kind, period, submitted_at) select person_id, 'monthly', ${period}, ${iso}::timestamptz
                 from members where person_id % 7 = ${mod} on conflict do nothing`);

/** What happens in January, each at an instant between runs. */
const EVENTS: [number, Event][] = [
  [at('2027-01-03T02:00:00Z'), report(1, '2027-01', '2027-01-03T02:00:00Z')],
  // A township brings its reminder day forward to the 6th, after the default's looks were stored.
  [at('2027-01-04T05:00:00Z'), (db, c) => db.execute(sql`insert into report_cycle_settings (org_id, reminder_day) values (${c.townshipIds[0]!}, 6)`)],
  [at('2027-01-08T01:00:00Z'), (db) => db.execute(sql`update persons set timezone = 'America/Los_Angeles' where id = (select min(person_id) from members where person_id % 5 = 1 and status <> 'lost_contact')`)],
  [at('2027-01-11T04:00:00Z'), report(2, '2027-01', '2027-01-11T04:00:00Z')],
  [at('2027-01-12T09:00:00Z'), (db) => db.execute(sql`insert into tracking_entries (member_id, at, kind) select person_id, '2027-01-12T09:00:00Z', 'call' from members where person_id % 7 = 3`)],
  [at('2027-01-13T10:00:00Z'), (db) => db.execute(sql`update members set status = 'mobile' where status = 'lost_contact' and person_id % 4 = 1`)],
  [at('2027-01-14T07:00:00Z'), (db) => db.execute(sql`update identities set person_id = chat_id::int where person_id is null`)],
  [at('2027-01-16T11:00:00Z'), (db, c) => db.execute(sql`update members set home_org_id = ${c.branchIds[8]!} where person_id % 7 = 4 and person_id % 3 = 0`)],
  [at('2027-01-20T06:00:00Z'), report(4, '2027-01', '2027-01-20T06:00:00Z')],
  // A report for last month, late: it does not end January's chase.
  [at('2027-01-21T06:00:00Z'), report(5, '2026-12', '2027-01-21T06:00:00Z')],
  [at('2027-01-25T00:00:00Z'), (db, c) => db.execute(sql`delete from report_cycle_settings where org_id = ${c.townshipIds[0]!}`)],
  [at('2027-01-28T03:00:00Z'), report(6, '2027-02', '2027-01-28T03:00:00Z')],
];

async function county(): Promise<{ database: Database; county: SeededCounty }> {
  const database = await openTestDatabase();
  const c = await seedCountyWithZones(database.db, 150, new Date('2026-12-31T16:00:00Z'));
  const db = database.db;
  // Accounts for everyone but one member in ten (they link on the 14th), the liaisons, and a secretary per township.
  await db.execute(sql`insert into identities (platform, external_user_id, chat_id, person_id, linked_at)
                       select 'telegram', id::text, id::text, case when id % 10 = 3 and name like '党员%' then null else id end, now() from persons`);
  await db.execute(sql`insert into liaison_assignments (member_id, liaison_id) select person_id, (select min(id) from persons where name like '联络员%') from members where person_id % 9 = 0 on conflict do nothing`);
  for (const [i, township] of c.townshipIds.entries()) {
    const [s] = await query<{ id: number }>(db, sql`insert into persons (name) values (${`书记${i}`}) returning id`);
    await db.execute(sql`insert into staff_roles (person_id, role, org_id) values (${s!.id}, 'secretary', ${township})`);
    await db.execute(sql`insert into identities (platform, external_user_id, chat_id, person_id, linked_at) values ('telegram', ${`s${s!.id}`}, ${`s${s!.id}`}, ${s!.id}, now())`);
  }
  return { database, county: c };
}

async function outbox(db: Database['db']) {
  return await query<Record<string, unknown>>(db, sql`
    select idempotency_key, person_id, purpose, payload::text as payload, next_attempt_at, created_at from outbox_messages order by idempotency_key`);
}

let incremental: { database: Database; county: SeededCounty };
let full: { database: Database; county: SeededCounty };
const looked = { incremental: 0, full: 0 };
beforeAll(async () => {
  incremental = await county();
  full = await county();
  let next = 0;
  for (let t = START; t <= END; t += STEP) {
    for (; next < EVENTS.length && EVENTS[next]![0] <= t; next++) {
      await EVENTS[next]![1](incremental.database.db, incremental.county);
      await EVENTS[next]![1](full.database.db, full.county);
    }
    const now = new Date(t);
    looked.incremental += (await runReportCycle(incremental.database.db, now, config)).looked;
    await full.database.db.execute(sql`update report_chases set next_look_at = '-infinity'`);
    looked.full += (await runReportCycle(full.database.db, now, config)).looked;
  }
}, 600_000);
afterAll(async () => {
  await incremental?.database.close();
  await full?.database.close();
});

describe('the report chase looks only at members whose next look has come', () => {
  it('queues exactly what looking at every member every run queues', async () => {
    const a = await outbox(incremental.database.db);
    const b = await outbox(full.database.db);
    expect(b.filter((r) => r.purpose === 'reminder').length).toBeGreaterThan(20);
    expect(b.filter((r) => r.purpose === 'followup').length).toBeGreaterThan(5);
    expect(b.filter((r) => r.purpose === 'digest').length).toBeGreaterThan(3);
    expect(a).toEqual(b);
  });

  it('looks at each member a few times a month, not every run', () => {
    const runs = Math.floor((END - START) / STEP) + 1;
    expect(looked.full).toBeGreaterThan(runs * 100);
    expect(looked.incremental).toBeLessThan(looked.full / 20);
  });

  it('after a run, nobody is due until a stage begins or something changes', async () => {
    const db = incremental.database.db;
    const now = new Date(END);
    expect(await dueChaseLooks(db, now)).toEqual([]);
    const [m] = await query<{ id: number }>(db, sql`select person_id as id from members where status <> 'lost_contact' order by person_id limit 1`);
    await db.execute(sql`update persons set timezone = 'Asia/Dubai' where id = ${m!.id}`);
    expect((await dueChaseLooks(db, now)).map((l) => l.memberId)).toEqual([m!.id]);
  });
});
