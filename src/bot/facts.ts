import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { helpRequests } from '../db/schema/index.js';
import type { Language } from '../db/schema/people.js';
import { query } from '../db/query.js';
import type { PersonFacts } from './flow.js';
import { monthPeriod, quarterPeriod } from './period.js';

export const OPEN_HELP_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'reopened'] as const;

export interface FactsRow {
  language: Language;
  timezone: string;
  isMember: boolean;
  isStaff: boolean;
  laidOff: boolean | null;
  grantedAt: string | null;
  withdrawnAt: string | null;
  lastRegionCode: string | null;
  reportedMonths: string[] | null;
  reportedQuarters: string[] | null;
}

/**
 * Everything a step may need to know about the person, read on every message: so in one statement (plus
 * one for open help requests, only for members), not one query per fact.
 */
export async function loadFacts(db: DbOrTx, personId: number, now: Date): Promise<PersonFacts | undefined> {
  // The periods are computed in SQL in the person's own time zone, like everywhere else.
  const at = now.toISOString();
  const [row] = await query<FactsRow>(db, sql`
      select p.language, p.timezone,
        m.person_id is not null as "isMember", m.status = 'laid_off' as "laidOff",
        exists (select 1 from staff_roles sr where sr.person_id = p.id) as "isStaff",
        lc.granted_at as "grantedAt", lc.withdrawn_at as "withdrawnAt",
        (select lr.region_code from location_records lr where lr.member_id = p.id order by lr.recorded_at desc limit 1) as "lastRegionCode",
        (select array_agg(r.period) from reports r where r.member_id = p.id and r.kind = 'monthly'
           and r.period = to_char(${at}::timestamptz at time zone p.timezone, 'YYYY-MM')) as "reportedMonths",
        (select array_agg(r.period) from reports r where r.member_id = p.id and r.kind = 'thought'
           and r.period = to_char(${at}::timestamptz at time zone p.timezone, 'YYYY') || '-Q' || to_char(${at}::timestamptz at time zone p.timezone, 'Q')) as "reportedQuarters"
      from persons p
      left join members m on m.person_id = p.id
      left join location_consents lc on lc.member_id = p.id
      where p.id = ${personId}`);
  if (!row) return undefined;
  const facts = factsOf(personId, row, now);
  if (!facts.isMember) return facts;
  facts.openHelpRequests = await db
    .select({ id: helpRequests.id, category: helpRequests.category, status: helpRequests.status })
    .from(helpRequests)
    .where(and(eq(helpRequests.memberId, personId), inArray(helpRequests.status, [...OPEN_HELP_STATUSES])))
    .orderBy(helpRequests.id);
  return facts;
}

/** The facts as read (here, or by the turn's first statement, bot_turn_begin), help requests apart. */
export function factsOf(personId: number, row: FactsRow, now: Date): PersonFacts {
  return {
    personId,
    language: row.language,
    timezone: row.timezone,
    isMember: row.isMember,
    isStaff: row.isStaff,
    locationConsent: row.grantedAt && !row.withdrawnAt ? 'granted' : row.withdrawnAt ? 'withdrawn' : 'never',
    lastRegionCode: row.lastRegionCode ?? undefined,
    monthlyReportedThisPeriod: (row.reportedMonths ?? []).includes(monthPeriod(now, row.timezone)),
    thoughtReportedThisPeriod: (row.reportedQuarters ?? []).includes(quarterPeriod(now, row.timezone)),
    openHelpRequests: [],
    ...(row.laidOff ? { laidOff: true } : {}),
  };
}
