import type { FastifyInstance } from 'fastify';
import { parseDate } from '../../../bot/dates.js';
import { loadFacts } from '../../../bot/facts.js';
import { reply as chatReply, type Reply } from '../../../bot/flow.js';
import { parseId } from '../../../bot/ids.js';
import { localDay } from '../../../bot/period.js';
import type { DbOrTx } from '../../../db/client.js';
import { CONTACT_KINDS, logContact, type ContactKind } from '../../../features/caseload/contacts.js';
import { issueCertificate, recordHandOver, registerDeparture, registerReturn } from '../../../features/mobility/mobility.js';
import { assignStaff } from '../../../features/staffing/assign.js';
import { attachToInflow } from '../../../features/twoWay/twoWay.js';
import { pageContext, type ConsoleDeps, type PageContext } from '../../context.js';
import { staffTimezone } from './page.js';
import { done, fieldOf, memberIdOf, refuse, textOf } from './respond.js';

/** What the form said, ready for the domain function; or what is wrong with it, in the chat's words. */
type Parsed<T> = { ok: T } | { problem: Reply };
const problem = (key: string, args: Record<string, string> = {}): { problem: Reply } => ({ problem: chatReply(key, { args }) });

interface MemberAction<T> {
  name: string;
  parse(body: unknown): Parsed<T>;
  /** The same domain function the chat command calls: it authorizes, audits and notifies. */
  run(tx: DbOrTx, ctx: PageContext, memberId: number, input: T): Promise<Reply[]>;
  /** The answers that mean it was done; anything else is a refusal shown on the record. */
  success: readonly string[];
}

/** A date field as the chat takes one (YYYY-MM-DD, a day the calendar has). */
function dateField(body: unknown, name: string): Parsed<string> {
  const word = fieldOf(body, name);
  if (!word) return problem('staff-missing-date');
  const date = parseDate(word);
  return date ? { ok: date } : problem('staff-not-a-date', { word });
}

/** A date that may be left out: today, as the chat's /return and /cert handover take it. */
function dayOrToday(body: unknown, name: string): Parsed<string | undefined> {
  return fieldOf(body, name) ? dateField(body, name) : { ok: undefined };
}

/** Today on the staff person's calendar (the chat uses their time zone too). */
const todayFor = async (tx: DbOrTx, ctx: PageContext) => localDay(ctx.now, await staffTimezone(tx, ctx.staff.personId));

const optional = (body: unknown, name: string) => fieldOf(body, name).slice(0, 200) || undefined;

/** Registers a member action: parse, then the domain function in one transaction, then the notice or the refusal. */
export function memberAction<T>(app: FastifyInstance, deps: ConsoleDeps, a: MemberAction<T>): void {
  app.post(`/members/:id/${a.name}`, async (req, reply) => {
    const ctx = pageContext(req, reply, deps);
    const memberId = memberIdOf(req);
    if (memberId === undefined) return ctx.problem(404, 'console-not-found');
    const parsed = a.parse(req.body);
    if ('problem' in parsed) return refuse(ctx, memberId, [parsed.problem], 400);
    const replies = await deps.database.db.transaction((tx) => a.run(tx, ctx, memberId, parsed.ok));
    if (replies.length > 0 && replies.every((r) => a.success.includes(r.key))) return done(reply, `/members/${memberId}`, textOf(ctx, replies));
    return refuse(ctx, memberId, replies, 409);
  });
}

export function registerActions(app: FastifyInstance, deps: ConsoleDeps): void {
  const homeVisitDueDays = deps.config.HOME_VISIT_DUE_DAYS;
  if (homeVisitDueDays === undefined) throw new Error('console record: HOME_VISIT_DUE_DAYS missing from the configuration');
  memberAction<{ kind: ContactKind; note: string }>(app, deps, {
    name: 'contact',
    parse: (body) => {
      const kind = fieldOf(body, 'kind') as ContactKind;
      return CONTACT_KINDS.includes(kind) ? { ok: { kind, note: fieldOf(body, 'note') } } : problem('console-bad-request');
    },
    run: async (tx, ctx, memberId, i) => logContact(tx, (await loadFacts(tx, ctx.staff.personId, ctx.now))!, i.kind, memberId, ctx.now, i.note),
    success: ['contact-logged'],
  });
  memberAction<{ role: 'liaison' | 'helper'; personId: number }>(app, deps, {
    name: 'assign',
    parse: (body) => {
      const role = fieldOf(body, 'role');
      const personId = parseId(fieldOf(body, 'personId'));
      if (role !== 'liaison' && role !== 'helper') return problem('staff-missing-role', { word: role });
      return personId ? { ok: { role, personId } } : problem('staff-missing-person');
    },
    run: (tx, ctx, memberId, i) => assignStaff(tx, ctx.staff.personId, memberId, i.role, i.personId, ctx.now),
    success: ['staff-assigned'],
  });
  registerMobility(app, deps, homeVisitDueDays);
  memberAction<number | null>(app, deps, {
    name: 'attach',
    parse: (body) => {
      const word = fieldOf(body, 'inflowOrgId');
      const id = parseId(word);
      return word === '' ? { ok: null } : id !== undefined ? { ok: id } : problem('staff-missing-org');
    },
    run: (tx, ctx, memberId, orgId) => attachToInflow(tx, ctx.staff.personId, memberId, orgId, ctx.now),
    success: ['staff-attached', 'staff-detached'],
  });
}

/** 外出登记, 返乡, the 活动证 and its hand-over: mobility.ts, as /depart, /return and /cert call it. */
function registerMobility(app: FastifyInstance, deps: ConsoleDeps, homeVisitDueDays: number): void {
  memberAction<{ departedOn: string; destination: string; employer?: string; occupation?: string; contact?: string }>(app, deps, {
    name: 'departure',
    parse: (body) => {
      const on = dateField(body, 'departedOn');
      if ('problem' in on) return on;
      const destination = fieldOf(body, 'destination').slice(0, 200);
      if (!destination) return problem('staff-missing-destination');
      const extra = Object.fromEntries((['employer', 'occupation', 'contact'] as const).flatMap((f) => (optional(body, f) ? [[f, optional(body, f)!]] : [])));
      return { ok: { departedOn: on.ok, destination, ...extra } };
    },
    run: (tx, ctx, memberId, i) => registerDeparture(tx, ctx.staff.personId, memberId, i, ctx.now),
    success: ['staff-departure-registered'],
  });
  memberAction<string | undefined>(app, deps, {
    name: 'return',
    parse: (body) => dayOrToday(body, 'returnedOn'),
    run: async (tx, ctx, memberId, on) => registerReturn(tx, ctx.staff.personId, memberId, on ?? (await todayFor(tx, ctx)), ctx.now, { homeVisitDueDays }),
    success: ['staff-return-registered'],
  });
  memberAction<{ number: string; issuedOn: string; validUntil: string; inflowOrgId?: number }>(app, deps, {
    name: 'certificate',
    parse: (body) => {
      const number = fieldOf(body, 'number').slice(0, 50);
      if (!number) return problem('staff-missing-cert-number');
      const [from, until] = [dateField(body, 'issuedOn'), dateField(body, 'validUntil')];
      if ('problem' in from) return from;
      if ('problem' in until) return until;
      const org = parseId(fieldOf(body, 'inflowOrgId'));
      return { ok: { number, issuedOn: from.ok, validUntil: until.ok, ...(org ? { inflowOrgId: org } : {}) } };
    },
    run: (tx, ctx, memberId, i) => issueCertificate(tx, ctx.staff.personId, memberId, i, ctx.now),
    success: ['staff-certificate-issued', 'staff-certificate-issued-long'],
  });
  memberAction<string | undefined>(app, deps, {
    name: 'handover',
    parse: (body) => dayOrToday(body, 'on'),
    run: async (tx, ctx, memberId, on) => recordHandOver(tx, ctx.staff.personId, memberId, on ?? (await todayFor(tx, ctx)), ctx.now),
    success: ['staff-certificate-handed-over'],
  });
}
