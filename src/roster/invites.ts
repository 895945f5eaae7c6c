import { and, eq, like, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { excel } from './excel.js';
import type { DbOrTx } from '../db/client.js';
import { members, organisations, persons } from '../db/schema/index.js';
import { createInviteCode, formatCode } from '../bot/invites.js';
import { localDay } from '../bot/period.js';
import { addTableSheet, toBuffer } from './sheet.js';

/**
 * Fresh one-time codes for every member of the subtree who has not linked an account yet, as a sheet to
 * print and hand out. Only hashes are stored, so the sheet is the one place the codes exist.
 */
export async function exportBulkInvites(db: DbOrTx, orgPath: string, createdBy: number | null, now: Date, ttlDays: number): Promise<{ file: Buffer; count: number; memberIds: number[] }> {
  const unlinked = await db
    .select({ id: persons.id, name: persons.name, phone: persons.phone, branch: organisations.name, tz: persons.timezone })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .innerJoin(organisations, eq(organisations.id, members.homeOrgId))
    .where(and(like(organisations.path, `${orgPath}%`), sql`not exists (select 1 from identities i where i.person_id = ${persons.id})`))
    .orderBy(organisations.path, persons.id);
  const rows: string[][] = [];
  for (const m of unlinked) {
    const { code, expiresAt } = await createInviteCode(db, m.id, createdBy, now, ttlDays);
    rows.push([m.name, m.branch, m.phone ?? '', formatCode(code), localDay(expiresAt, m.tz)]);
  }
  const workbook = new (await excel()).Workbook();
  addTableSheet(workbook, '邀请码', ['姓名', '所在支部', '手机号码', '邀请码', '有效期至'], rows);
  return { file: await toBuffer(workbook), count: rows.length, memberIds: unlinked.map((m) => m.id) };
}
