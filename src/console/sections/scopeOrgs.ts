import { and, eq, isNull, like, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations, persons } from '../../db/schema/index.js';
import { managedOrgs } from '../../features/access/authorize.js';
import type { ConsoleStaff } from '../../features/console/auth.js';
import { localDate } from '../../bot/period.js';

/** A county's organisations fit a picker; past this many, the first ones by tree order are offered. */
const MAX_CHOICES = 500;

export interface OrgChoice {
  id: number;
  name: string;
  /** How far below the person's own organisation, for indenting the picker. */
  depth: number;
}

/** The organisations a secretary or admin runs and everything below them (open ones), in tree order. */
export async function orgsInScope(db: DbOrTx, staffId: number): Promise<OrgChoice[]> {
  const managed = await managedOrgs(db, staffId);
  if (managed.length === 0) return [];
  const rows = await db.select({ id: organisations.id, name: organisations.name, path: organisations.path }).from(organisations)
    .where(and(isNull(organisations.archivedAt), or(...managed.map((m) => like(organisations.path, `${m.path}%`)))))
    .orderBy(organisations.path).limit(MAX_CHOICES);
  const top = Math.min(...managed.map((m) => m.path.split('/').length));
  return rows.map((r) => ({ id: r.id, name: r.name, depth: Math.max(0, r.path.split('/').length - top) }));
}

/** The organisations a person runs, and the one a page asks for by `?org=` (the first of them when none is asked). */
export async function askedOrgInScope(db: DbOrTx, staffId: number, asked: unknown): Promise<{ orgs: OrgChoice[]; orgId: number | undefined }> {
  const orgs = await orgsInScope(db, staffId);
  return { orgs, orgId: asked === undefined ? orgs[0]?.id : idParam(asked) };
}

export const isManager = (staff: ConsoleStaff): boolean => staff.roles.some((r) => r.role === 'secretary' || r.role === 'org_admin');

export async function staffTimezone(db: DbOrTx, personId: number): Promise<string> {
  const [p] = await db.select({ timezone: persons.timezone }).from(persons).where(eq(persons.id, personId));
  return p?.timezone ?? 'Asia/Shanghai';
}

/** 'YYYY-MM-DD HH:mm' on the person's own clock. */
export function localDateTime(at: Date, timezone: string): string {
  const d = localDate(at, timezone);
  const minute = new Intl.DateTimeFormat('en-US', { timeZone: timezone, minute: '2-digit' }).format(at).padStart(2, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.year}-${pad(d.month)}-${pad(d.day)} ${pad(d.hour)}:${minute}`;
}

/** A route's or a form's positive whole number, or undefined for anything else (which then looks like a page that is not there). */
export function idParam(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  return n && n > 0 ? n : undefined;
}
