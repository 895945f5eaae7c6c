import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { query } from '../../db/query.js';
import { orgHolidays, organisations } from '../../db/schema/index.js';
import { reply, type PersonFacts, type Reply } from '../../bot/flow.js';
import { t } from '../../bot/i18n/index.js';
import { localDay } from '../../bot/period.js';
import { authorize, isAllowed, managedOrgs } from '../access/authorize.js';

export interface HolidayRow { id: number; name: string; on: string; org: string; orgId: number; mayRemove: boolean }

/**
 * The holidays before which the organisation's members away are asked whether they come home: its own, those of the
 * organisations above it (they hold for it too) and of the branches below it, from a month ago on. Decided and
 * audited as `membership.manage`, like /holiday; a holiday may be removed by whoever runs the organisation that set it.
 */
export async function holidayRows(db: DbOrTx, staffId: number, orgId: number | undefined, today: string, now: Date, via: 'chat' | 'console' = 'chat') {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined || !(await authorize(db, staffId, 'membership.manage', { kind: 'org', id }, now, { list: 'holidays', via }))) return undefined;
  const [org] = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations).where(eq(organisations.id, id));
  if (!org) return undefined;
  const rows = await query<Omit<HolidayRow, 'mayRemove'>>(db, sql`
    select h.id, h.name, h.on::text as on, o.name as org, o.id as "orgId"
    from org_holidays h join organisations o on o.id = h.org_id
    where (${org.path} like o.path || '%' or o.path like ${`${org.path}%`}) and h.on >= ${today}::date - 30
    order by h.on, o.path, h.id limit 200`);
  const out: HolidayRow[] = [];
  for (const r of rows) out.push({ ...r, mayRemove: await isAllowed(db, staffId, 'membership.manage', { kind: 'org', id: r.orgId }) });
  return { org: { id: org.id, name: org.name }, rows: out };
}

/** `/holiday` alone (or with an organisation): the holidays members are asked about, the Spring Festival first. */
export async function holidayList(db: DbOrTx, facts: PersonFacts, orgId: number | undefined, springFestival: string, now: Date): Promise<Reply[]> {
  const found = await holidayRows(db, facts.personId, orgId, localDay(now, facts.timezone), now);
  if (!found) return [reply('staff-org-out-of-scope')];
  const lines = [t(facts.language, 'holiday-line-spring', { date: springFestival }), ...found.rows.map((h) => t(facts.language, 'holiday-line', { date: h.on, name: h.name, org: h.org }))];
  return [reply('holiday-list', { args: { org: found.org.name, lines: lines.map((l) => `• ${l}`).join('\n') } })];
}

/** A holiday taken off (`/holiday 日期 删除`, or the console's button): members are no longer asked before it. */
export async function removeHoliday(db: DbOrTx, facts: PersonFacts, holidayId: number, now: Date): Promise<Reply[]> {
  const [h] = await db.select().from(orgHolidays).where(eq(orgHolidays.id, holidayId));
  if (!h || !(await authorize(db, facts.personId, 'membership.manage', { kind: 'org', id: h.orgId }, now, { holidayRemoved: h.on }))) return [reply('staff-org-out-of-scope')];
  await db.delete(orgHolidays).where(eq(orgHolidays.id, holidayId));
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, h.orgId));
  return [reply('holiday-removed', { args: { org: org?.name ?? '', name: h.name, date: h.on } })];
}

/** The holiday an organisation set on a day (the one the person runs, or the one named). */
export async function holidayOn(db: DbOrTx, staffId: number, on: string, orgId: number | undefined): Promise<number | undefined> {
  const id = orgId ?? (await managedOrgs(db, staffId))[0]?.id;
  if (id === undefined) return undefined;
  const [h] = await db.select({ id: orgHolidays.id }).from(orgHolidays).where(and(eq(orgHolidays.orgId, id), eq(orgHolidays.on, on)));
  return h?.id;
}
