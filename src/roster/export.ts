import { asc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import { memberProfiles, members, organisations, persons } from '../db/schema/index.js';
import { ROSTER_COLUMNS, STATUS_LABELS } from './columns.js';
import { addTableSheet, toBuffer } from './sheet.js';

/** The roster rows of an organisation subtree, in the import layout, so that export → import is the identity. */
export async function rosterRows(db: DbOrTx, orgPath: string): Promise<string[][]> {
  const rows = await db
    .select({ p: persons, m: members, profile: memberProfiles, branch: organisations.name })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .innerJoin(organisations, eq(organisations.id, members.homeOrgId))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.personId))
    .where(like(organisations.path, `${orgPath}%`))
    .orderBy(asc(organisations.path), asc(persons.id));
  return rows.map(({ p, m, profile, branch }) => [
    p.name, profile?.gender ?? '', p.phone ?? '', branch, STATUS_LABELS[m.status], m.departedOn ?? '', profile?.destination ?? '',
    m.employer ?? '', m.occupation ?? '', profile?.contact ?? '', m.probationary ? '是' : '否', m.probationEndsOn ?? '',
  ]);
}

export async function exportRoster(db: DbOrTx, orgId: number): Promise<Buffer> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new Error(`organisation ${orgId} not found`);
  const workbook = new ExcelJS.Workbook();
  addTableSheet(workbook, '花名册', [...ROSTER_COLUMNS], await rosterRows(db, org.path));
  return toBuffer(workbook);
}
