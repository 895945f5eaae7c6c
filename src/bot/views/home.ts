import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  helperAssignments, helpRequests, identities, liaisonAssignments, locationConsents, locationRecords, members, persons, reports,
  staffRoles, type HelpCategory, type HelpStatus, type Language, type MemberStatus, type Platform, type StaffRole,
} from '../../db/schema/index.js';
import { query } from '../../db/query.js';
import { OPEN_HELP_STATUSES } from '../facts.js';
import { localDate, monthPeriod, quarterPeriod } from '../period.js';
import { orgSummaries } from './orgSummaries.js';

/**
 * Read models for a person's "home" screen (Slack App Home, and any platform that has one): plain data,
 * no platform types. A member sees their own record; a liaison or helper their caseload; a secretary or
 * organisation admin a summary of each organisation they hold the role for.
 */

export interface MemberRecord {
  personId: number;
  name: string;
  status: MemberStatus;
  /** The last recorded region (GB/T 2260 code), only with consent. */
  regionCode: string | undefined;
  locationConsent: 'granted' | 'withdrawn' | 'never';
  reportedThisMonth: boolean;
  lastMonthlyReportAt: Date | undefined;
  thoughtReportedThisQuarter: boolean;
  openHelpRequests: { id: number; category: HelpCategory; status: HelpStatus; createdAt: Date }[];
}

export interface CaseloadEntry {
  personId: number;
  name: string;
  status: MemberStatus;
  reportedThisMonth: boolean;
  /** Not reported this month and past the due day in the member's time zone. */
  overdue: boolean;
  lastMonthlyReportAt: Date | undefined;
  /** Last call, message or visit logged by anyone (一月一访). */
  lastContactAt: Date | undefined;
  contactedThisMonth: boolean;
  visitedThisQuarter: boolean;
  openHelpRequests: number;
}

export interface Caseload {
  entries: CaseloadEntry[];
  total: number;
  overdue: number;
  notReported: number;
  notContactedThisMonth: number;
  withOpenRequest: number;
}

export interface OrgSummary {
  orgId: number;
  orgName: string;
  role: StaffRole;
  members: number;
  mobile: number;
  laidOff: number;
  lostContact: number;
  probationary: number;
  reportedThisMonth: number;
  overdue: number;
  notContactedThisMonth: number;
  thoughtReportsThisQuarter: number;
  openHelpRequests: number;
  /** When the figures were computed, when they come from the rollup tables; undefined when counted live. */
  asOf?: Date;
}

export interface HomeData {
  personId: number;
  name: string;
  language: Language;
  timezone: string;
  roles: StaffRole[];
  member: MemberRecord | undefined;
  caseload: Caseload | undefined;
  branches: OrgSummary[];
}

export interface HomeOptions {
  /** A monthly report is overdue after this day of the month (REPORT_DUE_DAY). */
  reportDueDay: number;
  /**
   * The summaries from precomputed figures (the rollups feature, handed in by main), or undefined when there are
   * none yet for this month: then they are counted live.
   */
  precomputedSummaries?(db: DbOrTx, staffId: number, now: Date): Promise<OrgSummary[] | undefined>;
}

/** The person behind a linked platform account, if any. */
export async function personOfAccount(db: DbOrTx, platform: Platform, externalUserId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ personId: identities.personId })
    .from(identities)
    .where(and(eq(identities.platform, platform), eq(identities.externalUserId, externalUserId)));
  return row?.personId ?? undefined;
}

export async function homeFor(db: DbOrTx, personId: number, now: Date, opts: HomeOptions): Promise<HomeData | undefined> {
  const [person] = await db.select({ name: persons.name, language: persons.language, timezone: persons.timezone }).from(persons).where(eq(persons.id, personId));
  if (!person) return undefined;
  const roleRows = await db.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, personId));
  const roles = [...new Set(roleRows.map((r) => r.role))];
  const member = await memberRecord(db, personId, now);
  const assigned = await caseloadIds(db, personId);
  const caseload = assigned.length || roles.includes('liaison') || roles.includes('helper') ? await caseloadOf(db, assigned, now, opts) : undefined;
  const branches = roles.includes('secretary') || roles.includes('org_admin') ? await summariesFor(db, personId, now, opts) : [];
  return { personId, name: person.name, language: person.language, timezone: person.timezone, roles, member, caseload, branches };
}

async function summariesFor(db: DbOrTx, staffId: number, now: Date, opts: HomeOptions): Promise<OrgSummary[]> {
  return (await opts.precomputedSummaries?.(db, staffId, now)) ?? (await orgSummaries(db, staffId, now, opts));
}

export async function memberRecord(db: DbOrTx, personId: number, now: Date): Promise<MemberRecord | undefined> {
  const [row] = await db
    .select({ name: persons.name, timezone: persons.timezone, status: members.status })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .where(eq(members.personId, personId));
  if (!row) return undefined;
  const [consent] = await db.select().from(locationConsents).where(eq(locationConsents.memberId, personId));
  const locationConsent = consent?.grantedAt && !consent.withdrawnAt ? 'granted' : consent?.withdrawnAt ? 'withdrawn' : 'never';
  const [place] =
    locationConsent === 'granted'
      ? await db.select({ code: locationRecords.regionCode }).from(locationRecords).where(eq(locationRecords.memberId, personId)).orderBy(desc(locationRecords.recordedAt)).limit(1)
      : [];
  const [lastMonthly] = await db
    .select({ at: reports.submittedAt, period: reports.period })
    .from(reports)
    .where(and(eq(reports.memberId, personId), eq(reports.kind, 'monthly')))
    .orderBy(desc(reports.submittedAt))
    .limit(1);
  const [thought] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.memberId, personId), eq(reports.kind, 'thought'), eq(reports.period, quarterPeriod(now, row.timezone))));
  const open = await db
    .select({ id: helpRequests.id, category: helpRequests.category, status: helpRequests.status, createdAt: helpRequests.createdAt })
    .from(helpRequests)
    .where(and(eq(helpRequests.memberId, personId), inArray(helpRequests.status, [...OPEN_HELP_STATUSES])))
    .orderBy(helpRequests.id);
  return {
    personId,
    name: row.name,
    status: row.status,
    regionCode: place?.code,
    locationConsent,
    reportedThisMonth: lastMonthly?.period === monthPeriod(now, row.timezone),
    lastMonthlyReportAt: lastMonthly?.at,
    thoughtReportedThisQuarter: Boolean(thought),
    openHelpRequests: open,
  };
}

/** Members assigned to this person as liaison (联络员) or helper (一帮一). */
async function caseloadIds(db: DbOrTx, staffId: number): Promise<number[]> {
  const liaison = await db.select({ id: liaisonAssignments.memberId }).from(liaisonAssignments).where(eq(liaisonAssignments.liaisonId, staffId));
  const helper = await db.select({ id: helperAssignments.memberId }).from(helperAssignments).where(eq(helperAssignments.helperId, staffId));
  return [...new Set([...liaison, ...helper].map((r) => r.id))];
}

interface MemberFacts {
  personId: number;
  name: string;
  status: MemberStatus;
  timezone: string;
  probationary: boolean;
  homeOrgId: number;
}

/** Per member: reports, contacts and open requests, for the caseload and the summaries. */
async function entriesFor(db: DbOrTx, list: MemberFacts[], now: Date, opts: HomeOptions): Promise<(CaseloadEntry & { thoughtThisQuarter: boolean; probationary: boolean; homeOrgId: number })[]> {
  if (list.length === 0) return [];
  const ids = list.map((m) => m.personId);
  const lastReports = await query<{ memberId: number; kind: string; at: Date | string; period: string }>(db, sql`
      select distinct on (member_id, kind) member_id as "memberId", kind, submitted_at as "at", period
      from reports where member_id in ${ids}
      order by member_id, kind, submitted_at desc`);
  const lastContacts = await query<{ memberId: number; kind: string; at: Date | string }>(db, sql`
      select distinct on (member_id, kind) member_id as "memberId", kind, at
      from tracking_entries where member_id in ${ids} and kind in ('call', 'message', 'visit')
      order by member_id, kind, at desc`);
  const openCounts = await db
    .select({ memberId: helpRequests.memberId, n: sql<number>`count(*)::int` })
    .from(helpRequests)
    .where(and(inArray(helpRequests.memberId, ids), inArray(helpRequests.status, [...OPEN_HELP_STATUSES])))
    .groupBy(helpRequests.memberId);
  // Looked up by member, not searched: a county has tens of thousands of members.
  const reportOf = new Map(lastReports.map((r) => [`${Number(r.memberId)}:${r.kind}`, r]));
  const contactsOf = new Map<number, { kind: string; at: Date }[]>();
  for (const c of lastContacts) contactsOf.set(Number(c.memberId), [...(contactsOf.get(Number(c.memberId)) ?? []), { kind: c.kind, at: new Date(c.at) }]);
  const openOf = new Map(openCounts.map((o) => [o.memberId, o.n]));
  return list.map((m) => {
    const month = monthPeriod(now, m.timezone);
    const quarter = quarterPeriod(now, m.timezone);
    const monthly = reportOf.get(`${m.personId}:monthly`);
    const thought = reportOf.get(`${m.personId}:thought`);
    const contacts = contactsOf.get(m.personId) ?? [];
    const lastContact = contacts.reduce<Date | undefined>((a, c) => (!a || c.at > a ? c.at : a), undefined);
    const visit = contacts.find((c) => c.kind === 'visit');
    const reportedThisMonth = monthly?.period === month;
    return {
      personId: m.personId,
      name: m.name,
      status: m.status,
      reportedThisMonth,
      overdue: !reportedThisMonth && localDate(now, m.timezone).day > opts.reportDueDay,
      lastMonthlyReportAt: monthly ? new Date(monthly.at) : undefined,
      lastContactAt: lastContact,
      contactedThisMonth: Boolean(lastContact && monthPeriod(lastContact, m.timezone) === month),
      visitedThisQuarter: Boolean(visit && quarterPeriod(visit.at, m.timezone) === quarter),
      openHelpRequests: openOf.get(m.personId) ?? 0,
      thoughtThisQuarter: thought?.period === quarter,
      probationary: m.probationary,
      homeOrgId: m.homeOrgId,
    };
  });
}

async function memberFacts(db: DbOrTx, ids: number[]): Promise<MemberFacts[]> {
  if (ids.length === 0) return [];
  return db
    .select({ personId: members.personId, name: persons.name, status: members.status, timezone: persons.timezone, probationary: members.probationary, homeOrgId: members.homeOrgId })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .where(inArray(members.personId, ids))
    .orderBy(persons.name, members.personId);
}

export async function caseloadOf(db: DbOrTx, memberIds: number[], now: Date, opts: HomeOptions): Promise<Caseload> {
  const all = await entriesFor(db, await memberFacts(db, memberIds), now, opts);
  // Who needs something first: overdue, then not contacted, then open requests, then the rest.
  const urgency = (e: CaseloadEntry) => (e.overdue ? 0 : !e.contactedThisMonth ? 1 : e.openHelpRequests ? 2 : 3);
  const entries = all
    .map(({ thoughtThisQuarter: _t, probationary: _p, homeOrgId: _h, ...e }) => e)
    .sort((a, b) => urgency(a) - urgency(b) || a.name.localeCompare(b.name, 'zh-CN') || a.personId - b.personId);
  return {
    entries,
    total: entries.length,
    overdue: entries.filter((e) => e.overdue).length,
    notReported: entries.filter((e) => !e.reportedThisMonth).length,
    notContactedThisMonth: entries.filter((e) => !e.contactedThisMonth).length,
    withOpenRequest: entries.filter((e) => e.openHelpRequests > 0).length,
  };
}
