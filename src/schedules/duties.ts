import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { query } from '../db/query.js';
import { button, reply } from '../bot/flow.js';
import { notifyPerson } from '../bot/notify.js';
import { localDate, localDay, monthPeriod } from '../bot/period.js';
import { trackingEntries, members } from '../db/schema/index.js';
import { promptsThisWeek } from './prompts.js';
import type { ScheduleConfig } from './settings.js';
import { pacingResolver } from '../features/settings/index.js';
import { groupBy, sendSecretaryDigests } from './secretaryDigest.js';
import { daysAnywhere, nextOffPeak } from './timing.js';
import { eq, and, ne } from 'drizzle-orm';

/** The day of the month on which liaisons are told who they have not contacted yet (一月一访). */
const DUTIES_DAY = 20;

/** Quarterly thought report (思想汇报): one reminder in the quarter's last month, within the weekly cap. */
export async function runThoughtReminders(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<number> {
  if (!daysAnywhere(now).some((d) => d.month % 3 === 0 && d.dayOfMonth >= config.REMINDER_DAY)) return 0;
  // Each member's own day and quarter; those with the quarter's report or already reminded are left out here, by index:
  // read into JS with every thought report and every key, a county of 1,000,000 took 14.5 s and 1.8 GB each hour of
  // the reminder days after everyone had been reminded.
  const at = now.toISOString();
  const due = await query<{ memberId: number; timezone: string; orgPath: string; quarter: string }>(db, sql`
      select m.person_id as "memberId", p.timezone, o.path as "orgPath", l.quarter
      from members m join persons p on p.id = m.person_id join organisations o on o.id = m.home_org_id
      cross join lateral (select to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-"Q"Q') as quarter,
        extract(month from ${at}::timestamptz at time zone p.timezone)::int as month,
        extract(day from ${at}::timestamptz at time zone p.timezone)::int as day) l
      where m.status <> 'lost_contact' and l.month % 3 = 0 and l.day >= ${config.REMINDER_DAY}
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.kind = 'thought' and r.period = l.quarter)
        and not exists (select 1 from outbox_messages ob where ob.idempotency_key = 'reminder:thought:' || l.quarter || ':' || m.person_id)`);
  if (due.length === 0) return 0;
  const prompts = await promptsThisWeek(db, due.map((r) => r.memberId), now);
  const pacingAt = await pacingResolver(db, config);
  let queued = 0;
  for (const r of due) {
    const pacing = pacingAt(r.orgPath);
    if ((prompts.get(r.memberId) ?? 0) >= pacing.cap) continue;
    const ok = await notifyPerson(db, r.memberId, reply('reminder-thought', { buttons: [[button('menu-thought', 'menu:thoughtReport')]] }), {
      key: `reminder:thought:${r.quarter}:${r.memberId}`, purpose: 'reminder', now, notBefore: nextOffPeak(now, r.timezone, pacing.window),
    });
    if (ok) {
      prompts.set(r.memberId, (prompts.get(r.memberId) ?? 0) + 1);
      queued++;
    }
  }
  return queued;
}

/** 一月一访 and the quarterly home visit: each liaison gets the members they have not yet contacted. */
export async function runLiaisonDuties(db: DbOrTx, now: Date): Promise<number> {
  const rows = await query<{ memberId: number; name: string; liaisonId: number; timezone: string; contacted: boolean; visited: boolean }>(db, sql`
      select m.person_id as "memberId", p.name, la.liaison_id as "liaisonId", lp.timezone,
        exists (select 1 from tracking_entries te where te.member_id = m.person_id and te.kind in ('call', 'message', 'visit')
                and te.at >= (date_trunc('month', ${now.toISOString()}::timestamptz at time zone lp.timezone) at time zone lp.timezone)) as contacted,
        exists (select 1 from tracking_entries te where te.member_id = m.person_id and te.kind = 'visit'
                and te.at >= (date_trunc('quarter', ${now.toISOString()}::timestamptz at time zone lp.timezone) at time zone lp.timezone)) as visited
      from liaison_assignments la
      join members m on m.person_id = la.member_id
      join persons p on p.id = m.person_id
      join persons lp on lp.id = la.liaison_id
      order by la.liaison_id, p.name`);
  let sent = 0;
  for (const [liaisonId, list] of groupBy(rows, (r) => r.liaisonId)) {
    const tz = list[0]!.timezone;
    if (localDate(now, tz).day < DUTIES_DAY) continue;
    const notContacted = list.filter((r) => !r.contacted);
    const notVisited = list.filter((r) => !r.visited);
    if (notContacted.length === 0 && notVisited.length === 0) continue;
    const ok = await notifyPerson(
      db,
      liaisonId,
      reply('digest-liaison-duties', {
        args: {
          notContacted: notContacted.length,
          notVisited: notVisited.length,
          contactLines: notContacted.map((r) => `• ${r.name}`).join('\n') || '—',
          visitLines: notVisited.map((r) => `• ${r.name}`).join('\n') || '—',
        },
        buttons: notContacted.slice(0, 6).map((r) => [button('digest-button-log-call', `contact:call:${r.memberId}`, { name: r.name })]),
      }),
      { key: `digest:duties:${monthPeriod(now, tz)}:${liaisonId}`, purpose: 'digest', now },
    );
    if (ok) sent++;
  }
  return sent;
}

/** Probationary members whose probation ends soon (转正) are put before their secretary once a month. */
export async function runProbationNotices(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<number> {
  const until = new Date(now.getTime() + config.PROBATION_NOTICE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await query<{ memberId: number; name: string; orgPath: string; endsOn: string }>(db, sql`
      select m.person_id as "memberId", p.name, o.path as "orgPath", m.probation_ends_on::text as "endsOn"
      from members m join persons p on p.id = m.person_id join organisations o on o.id = m.home_org_id
      where m.probationary and m.probation_ends_on is not null and m.probation_ends_on <= ${until}::date
      order by m.probation_ends_on`);
  const period = monthPeriod(now, config.DEFAULT_TIMEZONE);
  return sendSecretaryDigests(db, rows, now, (list, secretaryId) => ({
    message: reply('digest-probation-due', { args: { count: list.length, lines: list.map((r) => `• ${r.name}：${r.endsOn}`).join('\n') } }),
    key: `digest:probation:${period}:${secretaryId}`,
  }));
}

/**
 * 失联: no report and no logged contact for the configured months. The member is marked lost contact (the
 * twice-yearly search campaign works from that list), the card says when, and the secretary is told.
 * A later report or logged contact marks them found again (see markFoundIfLost).
 */
export async function runLostContact(db: DbOrTx, now: Date, config: ScheduleConfig): Promise<number> {
  const cutoff = new Date(now.getTime() - config.LOST_CONTACT_MONTHS * 30 * 86_400_000).toISOString();
  const lost = await query<{ memberId: number; name: string; orgPath: string }>(db, sql`
      select m.person_id as "memberId", p.name, o.path as "orgPath"
      from members m join persons p on p.id = m.person_id join organisations o on o.id = m.home_org_id
      where m.status <> 'lost_contact' and m.created_at < ${cutoff}::timestamptz
        and not exists (select 1 from reports r where r.member_id = m.person_id and r.submitted_at >= ${cutoff}::timestamptz)
        and not exists (select 1 from tracking_entries te where te.member_id = m.person_id
                        and te.kind in ('call', 'message', 'visit', 'onboarded') and te.at >= ${cutoff}::timestamptz)`);
  const marked: typeof lost = [];
  for (const m of lost) {
    // The category moves aside while the status says lost contact, so finding the member restores it.
    const changed = await db
      .update(members)
      .set({ status: 'lost_contact', lostContactSince: now, categoryWhileLost: sql`${members.status}` })
      .where(and(eq(members.personId, m.memberId), ne(members.status, 'lost_contact')))
      .returning({ id: members.personId });
    if (changed.length === 0) continue;
    await db.insert(trackingEntries).values({ memberId: m.memberId, at: now, kind: 'status_change', details: { to: 'lost_contact' } });
    marked.push(m);
  }
  // One message per secretary with everyone newly lost in the branches they run, not one per member.
  const day = localDay(now, config.DEFAULT_TIMEZONE);
  await sendSecretaryDigests(db, marked, now, (list, secretaryId) => ({
    message: reply('digest-lost-contact', { args: { count: list.length, months: config.LOST_CONTACT_MONTHS, names: list.map((m) => m.name).join('、') } }),
    key: `lost:${day}:${secretaryId}`,
  }));
  return lost.length;
}
