import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { StaffRole } from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { monthPeriod } from '../../bot/period.js';
import type { OrgSummary } from '../../bot/views/home.js';
import { inScope, openHelpInScope, orgMonth } from './read.js';

/**
 * The App Home's summaries (one per organisation the person is secretary or organisation admin of) read from
 * the rollup: a county's in milliseconds instead of counting a million members on each look. Each says when
 * its figures were computed (`asOf`). Undefined when this month has not been computed yet: the caller counts live.
 */
export async function rollupSummaries(db: DbOrTx, staffId: number, now: Date, timezone: string): Promise<OrgSummary[] | undefined> {
  const held = await query<{ orgId: number; orgName: string; role: StaffRole }>(db, sql`
    select so.id as "orgId", so.name as "orgName", sr.role
    from staff_roles sr join organisations so on so.id = sr.org_id
    where sr.person_id = ${staffId} and sr.role in ('secretary', 'org_admin') and so.archived_at is null
    order by so.path, sr.role`);
  if (held.length === 0) return [];
  const months = await orgMonth(db, [...new Set(held.map((h) => Number(h.orgId)))], monthPeriod(now, timezone));
  if (months.size === 0) return undefined;
  const summaries: OrgSummary[] = [];
  for (const h of held) {
    // Every organisation asked for is in a computed month (with zeros when nobody was in it then).
    const m = months.get(Number(h.orgId))!;
    summaries.push({
      orgId: Number(h.orgId),
      orgName: h.orgName,
      role: h.role,
      members: inScope(m, 'members'),
      mobile: inScope(m, 'mobile'),
      laidOff: inScope(m, 'laid_off'),
      lostContact: inScope(m, 'lost_contact'),
      probationary: inScope(m, 'probationary'),
      reportedThisMonth: inScope(m, 'reported'),
      overdue: inScope(m, 'overdue'),
      notContactedThisMonth: inScope(m, 'not_contacted'),
      thoughtReportsThisQuarter: inScope(m, 'thought_reported'),
      openHelpRequests: openHelpInScope(m),
      asOf: m.computedAt,
    });
  }
  return summaries;
}
