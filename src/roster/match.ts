import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { duesAmounts, memberProfiles, members, organisations, persons, staffRoles } from '../db/schema/index.js';
import { textArray } from './bulk.js';
import type { RosterRow, RowProblem } from './types.js';

/** A person already on record whom a row might stand for, with what the roster shows of them. */
export interface Candidate {
  id: number;
  name: string;
  phone: string | null;
  idNumber: string | null;
  birthDate: string | null;
  member: (typeof members.$inferSelect & { homePath: string; homeName: string }) | null;
  profile: { gender: string | null; contact: string | null; destination: string | null } | null;
  /** 月缴党费 on record, in fen (the amount the dues feature reads); null when none is set. */
  duesFen: number | null;
  /** A person who is no member yet (a secretary on their own branch's roster) may be made one within scope. */
  staffPaths: string[];
}

export type Match =
  | { kind: 'match'; candidate: Candidate; attach: boolean }
  /** No one: a new person. `sameName`: the target branch has a member of that name whom the row contradicts. */
  | { kind: 'none'; sameName?: boolean }
  | { kind: 'outside'; personId: number }
  | { kind: 'conflict'; problem: RowProblem; onRecord: string };

/** The people a chunk of rows could match, loaded in one query through the indexes on 身份证号, phone and name. */
export async function loadCandidates(db: DbOrTx, rows: RosterRow[]): Promise<CandidateIndex> {
  const ids = [...new Set(rows.flatMap((r) => (r.idNumber ? [r.idNumber] : [])))];
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  const names = [...new Set(rows.map((r) => r.name).filter(Boolean))];
  // One array parameter per key: a list of 500 bound one by one costs PGlite more than the lookup itself.
  const anyOf = (column: AnyPgColumn, values: string[]) => (values.length ? [sql`${column} = any(${textArray(values)}::text[])`] : []);
  const keys = [...anyOf(persons.idNumber, ids), ...anyOf(persons.phone, phones), ...anyOf(persons.name, names)];
  if (keys.length === 0) return new CandidateIndex([]);
  const found = await db
    .select({ p: persons, m: members, homePath: organisations.path, homeName: organisations.name, profile: memberProfiles, duesFen: duesAmounts.monthlyFen })
    .from(persons)
    .leftJoin(members, eq(members.personId, persons.id))
    .leftJoin(organisations, eq(organisations.id, members.homeOrgId))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, persons.id))
    .leftJoin(duesAmounts, eq(duesAmounts.memberId, persons.id))
    .where(or(...keys));
  const nonMembers = found.filter((f) => !f.m).map((f) => f.p.id);
  const roles = nonMembers.length === 0 ? [] : await db
    .select({ personId: staffRoles.personId, path: organisations.path })
    .from(staffRoles).innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(and(inArray(staffRoles.personId, nonMembers), sql`${staffRoles.role} in ('secretary', 'org_admin', 'liaison', 'helper')`));
  return new CandidateIndex(found.map((f) => ({
    id: f.p.id, name: f.p.name, phone: f.p.phone, idNumber: f.p.idNumber, birthDate: f.p.birthDate,
    member: f.m ? { ...f.m, homePath: f.homePath ?? '', homeName: f.homeName ?? '' } : null,
    profile: f.profile ? { gender: f.profile.gender, contact: f.profile.contact, destination: f.profile.destination } : null,
    duesFen: f.duesFen,
    staffPaths: roles.filter((r) => r.personId === f.p.id).map((r) => r.path),
  })));
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
const sameDay = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

export class CandidateIndex {
  private readonly byId = new Map<string, Candidate>();
  private readonly byName = new Map<string, Candidate[]>();
  private readonly byPhone = new Map<string, Candidate[]>();

  constructor(candidates: Candidate[]) {
    for (const c of candidates.sort((a, b) => a.id - b.id)) {
      if (c.idNumber) this.byId.set(c.idNumber, c);
      push(this.byName, c.name, c);
      if (c.phone) push(this.byPhone, c.phone, c);
    }
  }

  /**
   * Which person a row is: 身份证号 first, then name + phone, then name + birth date, then the name alone when
   * exactly one member of the target branch has it and nothing on record contradicts the row. Only people inside
   * the importer's scope are matched; a match outside is `outside`, and the caller says nothing more about it.
   * A row that would put an existing record under another name, or take another member's phone, is a conflict.
   */
  decide(row: RosterRow, inScope: (c: Candidate) => boolean, targetOrgId: number): Match {
    const result = this.keyMatch(row, inScope, targetOrgId);
    if (result.kind === 'outside' || result.kind === 'conflict' || !row.phone) return result;
    const self = result.kind === 'match' ? result.candidate.id : undefined;
    const owner = (this.byPhone.get(row.phone) ?? []).find((c) => c.id !== self && c.name !== row.name && c.member && inScope(c));
    return owner ? { kind: 'conflict', problem: 'conflict-phone', onRecord: owner.name } : result;
  }

  private keyMatch(row: RosterRow, inScope: (c: Candidate) => boolean, targetOrgId: number): Match {
    const found = (c: Candidate): Match => ({ kind: 'match', candidate: c, attach: !c.member });
    if (row.idNumber) {
      const c = this.byId.get(row.idNumber);
      if (c) {
        if (!inScope(c)) return { kind: 'outside', personId: c.id };
        return c.name === row.name ? found(c) : { kind: 'conflict', problem: 'conflict-name', onRecord: c.name };
      }
    }
    const sameName = this.byName.get(row.name) ?? [];
    let keyed = row.phone ? sameName.filter((c) => c.phone === row.phone) : [];
    if (keyed.length === 0 && row.birthDate) keyed = sameName.filter((c) => c.birthDate && sameDay(c.birthDate, row.birthDate!));
    if (keyed.length > 0) {
      const mine = keyed.filter(inScope);
      if (mine.length === 0) return { kind: 'outside', personId: keyed[0]!.id };
      const c = mine[0]!;
      // The row's number was not found on anyone, so a number on record here is another one.
      if (row.idNumber && c.idNumber) return { kind: 'conflict', problem: 'conflict-id-number', onRecord: c.name };
      return found(c);
    }
    const here = sameName.filter((c) => c.member?.homeOrgId === targetOrgId && inScope(c));
    const byNameOnly = here.filter((c) =>
      !(row.idNumber && c.idNumber) && !(row.phone && c.phone) && !(row.birthDate && c.birthDate && !sameDay(c.birthDate, row.birthDate)));
    if (byNameOnly.length === 1) return found(byNameOnly[0]!);
    return here.length > 0 ? { kind: 'none', sameName: true } : { kind: 'none' };
  }
}
