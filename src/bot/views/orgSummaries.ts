import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { StaffRole } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import type { HomeOptions, OrgSummary } from './home.js';

/**
 * One summary per organisation where the person is secretary or organisation admin, over its whole subtree.
 * Counted in SQL, each member's month and quarter in their own time zone: a county admin's summary covers
 * up to a million members, which must not travel to the bot to be counted.
 */
export async function orgSummaries(db: DbOrTx, staffId: number, now: Date, opts: HomeOptions): Promise<OrgSummary[]> {
  const at = now.toISOString();
  const rows = await query<Record<string, number | string>>(db, sql`
      with held as (
        select so.id as org_id, so.name as org_name, sr.role, so.path
        from staff_roles sr join organisations so on so.id = sr.org_id
        where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin') and so.archived_at is null),
      scope as (
        select h.org_id, m.person_id, m.status, m.probationary,
          to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM') as month,
          to_char(${at}::timestamptz at time zone p.timezone, 'YYYY') || '-Q' || to_char(${at}::timestamptz at time zone p.timezone, 'Q') as quarter,
          extract(day from ${at}::timestamptz at time zone p.timezone)::int as day,
          date_trunc('month', ${at}::timestamptz at time zone p.timezone) at time zone p.timezone as month_start
        from held h
        join organisations o on o.path like h.path || '%'
        join members m on m.home_org_id = o.id or m.inflow_org_id = o.id
        join persons p on p.id = m.person_id),
      flags as (
        select s.*,
          (select true from reports r where r.member_id = s.person_id and r.kind = 'monthly' and r.period = s.month limit 1) is not null as reported,
          (select true from reports r where r.member_id = s.person_id and r.kind = 'thought' and r.period = s.quarter limit 1) is not null as thought,
          (select true from tracking_entries te where te.member_id = s.person_id and te.kind in ('call', 'message', 'visit') and te.at >= s.month_start limit 1) is not null as contacted,
          (select count(*) from help_requests hr where hr.member_id = s.person_id and hr.status in ('open', 'assigned', 'in_progress', 'resolved', 'reopened'))::int as open_requests
        from (select distinct on (org_id, person_id) * from scope) s)
      select h.org_id as "orgId", h.org_name as "orgName", h.role,
        count(f.person_id)::int as members,
        count(*) filter (where f.status = 'mobile')::int as mobile,
        count(*) filter (where f.status = 'laid_off')::int as "laidOff",
        count(*) filter (where f.status = 'lost_contact')::int as "lostContact",
        count(*) filter (where f.probationary)::int as probationary,
        count(*) filter (where f.reported)::int as "reportedThisMonth",
        count(*) filter (where not f.reported and f.day > ${opts.reportDueDay})::int as overdue,
        count(*) filter (where f.person_id is not null and not f.contacted)::int as "notContactedThisMonth",
        count(*) filter (where f.thought)::int as "thoughtReportsThisQuarter",
        coalesce(sum(f.open_requests), 0)::int as "openHelpRequests"
      from held h left join flags f on f.org_id = h.org_id
      group by h.org_id, h.org_name, h.role, h.path
      order by h.path`);
  return rows.map((r) => ({
    orgId: Number(r.orgId),
    orgName: String(r.orgName),
    role: r.role as StaffRole,
    members: Number(r.members),
    mobile: Number(r.mobile),
    laidOff: Number(r.laidOff),
    lostContact: Number(r.lostContact),
    probationary: Number(r.probationary),
    reportedThisMonth: Number(r.reportedThisMonth),
    overdue: Number(r.overdue),
    notContactedThisMonth: Number(r.notContactedThisMonth),
    thoughtReportsThisQuarter: Number(r.thoughtReportsThisQuarter),
    openHelpRequests: Number(r.openHelpRequests),
  }));
}

