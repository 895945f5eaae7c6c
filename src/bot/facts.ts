import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { helpRequests, locationConsents, locationRecords, members, persons, reports, staffRoles } from '../db/schema/index.js';
import type { PersonFacts } from './flow.js';
import { monthPeriod, quarterPeriod } from './period.js';

export const OPEN_HELP_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'reopened'] as const;

/** Everything a step may need to know about the person, read once per message. */
export async function loadFacts(db: DbOrTx, personId: number, now: Date): Promise<PersonFacts | undefined> {
  const [person] = await db.select().from(persons).where(eq(persons.id, personId));
  if (!person) return undefined;
  const [member] = await db.select({ id: members.personId }).from(members).where(eq(members.personId, personId));
  const [staff] = await db.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, personId)).limit(1);
  const facts: PersonFacts = {
    personId,
    language: person.language,
    timezone: person.timezone,
    isMember: Boolean(member),
    isStaff: Boolean(staff),
    locationConsent: 'never',
    lastRegionCode: undefined,
    monthlyReportedThisPeriod: false,
    thoughtReportedThisPeriod: false,
    openHelpRequests: [],
  };
  if (!member) return facts;

  const [consentRow] = await db.select().from(locationConsents).where(eq(locationConsents.memberId, personId));
  if (consentRow?.grantedAt && !consentRow.withdrawnAt) facts.locationConsent = 'granted';
  else if (consentRow?.withdrawnAt) facts.locationConsent = 'withdrawn';

  const [lastLocation] = await db
    .select({ code: locationRecords.regionCode })
    .from(locationRecords)
    .where(eq(locationRecords.memberId, personId))
    .orderBy(desc(locationRecords.recordedAt))
    .limit(1);
  facts.lastRegionCode = lastLocation?.code;

  const month = monthPeriod(now, person.timezone);
  const quarter = quarterPeriod(now, person.timezone);
  const current = await db
    .select({ kind: reports.kind, period: reports.period })
    .from(reports)
    .where(and(eq(reports.memberId, personId), inArray(reports.period, [month, quarter])));
  facts.monthlyReportedThisPeriod = current.some((r) => r.kind === 'monthly' && r.period === month);
  facts.thoughtReportedThisPeriod = current.some((r) => r.kind === 'thought' && r.period === quarter);

  facts.openHelpRequests = await db
    .select({ id: helpRequests.id, category: helpRequests.category, status: helpRequests.status })
    .from(helpRequests)
    .where(and(eq(helpRequests.memberId, personId), inArray(helpRequests.status, [...OPEN_HELP_STATUSES])))
    .orderBy(helpRequests.id);
  return facts;
}
