import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { organisations, persons, STAFF_ROLES, staffRoles, type StaffRole } from '../db/schema/index.js';
import { dropStaffRole, grantStaffRole } from '../features/staffing/roles.js';
import { audit, usage, type AdminIo } from './adminIo.js';
import { notFound, orgByWord, personByWord } from './adminLookup.js';

export const STAFF_USAGE = `staff grant|revoke <人 person> <${STAFF_ROLES.join('|')}> <组织 org> | staff list [组织 org]`;

/** `staff grant|revoke|list`: the same role changes the chat's /revoke makes, the person's menu following. */
export async function staff(io: AdminIo, database: Database, args: string[]): Promise<number> {
  const [verb, personWord, roleWord, orgWord] = args;
  if (verb === 'list' && args.length <= 2) return list(io, database, personWord);
  if ((verb !== 'grant' && verb !== 'revoke') || !personWord || !orgWord || args.length !== 4) return usage(io, STAFF_USAGE);
  if (!(STAFF_ROLES as readonly string[]).includes(roleWord!)) return usage(io, `未知角色 unknown role: ${roleWord}\n${STAFF_USAGE}`);
  const role = roleWord as StaffRole;
  const person = await personByWord(database.db, personWord);
  // A role in a closed organisation can still be taken away, never given.
  const org = await orgByWord(database.db, orgWord, { archived: verb === 'revoke' });
  if (typeof person === 'string' || typeof org === 'string') {
    await audit(database, io, `staff.${verb}`, { role, refused: typeof person === 'string' ? `person ${person}` : `org ${org}` });
    io.err.write(typeof person === 'string' ? notFound('人员 person', personWord, person) : notFound('组织 organisation', orgWord, org as 'none' | 'many' | 'archived'));
    return 1;
  }
  const now = io.clock.now();
  const changed = await database.db.transaction((tx) => (verb === 'grant' ? grantStaffRole : dropStaffRole)(tx, person.id, role, org.id, now));
  await audit(database, io, `staff.${verb}`, { personId: person.id, role, orgId: org.id, changed });
  const done = verb === 'grant' ? ['已授予 granted', '已有此角色 already held'] : ['已取消 revoked', '并无此角色 not held'];
  io.out.write(`${changed ? done[0] : done[1]}: ${person.name} (id ${person.id}) ${role} @ ${org.name} (id ${org.id})\n`);
  return 0;
}

async function list(io: AdminIo, database: Database, orgWord: string | undefined): Promise<number> {
  const org = orgWord === undefined ? undefined : await orgByWord(database.db, orgWord, { archived: true });
  if (typeof org === 'string') {
    await audit(database, io, 'staff.list', { refused: `org ${org}` });
    io.err.write(notFound('组织 organisation', orgWord!, org));
    return 1;
  }
  const rows = await database.db
    .select({ personId: persons.id, person: persons.name, role: staffRoles.role, orgId: organisations.id, org: organisations.name })
    .from(staffRoles).innerJoin(persons, eq(persons.id, staffRoles.personId)).innerJoin(organisations, eq(organisations.id, staffRoles.orgId))
    .where(org ? eq(staffRoles.orgId, org.id) : undefined)
    .orderBy(asc(organisations.id), asc(staffRoles.role), asc(persons.id));
  for (const r of rows) io.out.write(`${r.person} (id ${r.personId})\t${r.role}\t${r.org} (id ${r.orgId})\n`);
  if (!rows.length) io.out.write('无 none\n');
  await audit(database, io, 'staff.list', org ? { orgId: org.id } : {});
  return 0;
}
