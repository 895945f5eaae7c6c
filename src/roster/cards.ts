import { asc, desc, eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { excel } from './excel.js';
import type { DbOrTx } from '../db/client.js';
import { certificates, liaisonAssignments, members, organisations, persons, trackingEntries } from '../db/schema/index.js';
import { t, type Language } from '../bot/i18n/index.js';
import { localDay } from '../bot/period.js';
import { cardContents } from './cardContent.js';
import { EXPORT_FIELDS, FIELD_LABELS } from './columns.js';
import { shownOnRecord } from './diff.js';
import { candidatesWhere } from './export.js';
import { addTableSheet, toBuffer } from './sheet.js';
import { maskIdNumber } from './values.js';

export interface CardOptions {
  lang?: Language;
  /** 身份证号 in full only for the member's own secretary (and the command line); masked otherwise. */
  showIdNumber?: boolean;
}

/**
 * 一档双卡 for one member: the registration card (登记卡) with the roster's facts, places by name, and the tracking
 * card (跟踪管理卡) with every contact, report, visit, help request and change, and what each one said.
 * The caller has already passed `authorize('member.card')`.
 */
export async function exportMemberCards(db: DbOrTx, memberId: number, opts: CardOptions | Language = {}): Promise<Buffer> {
  const { lang = 'zh-CN', showIdNumber = false } = typeof opts === 'string' ? { lang: opts } : opts;
  const [m] = await db.select({ m: members }).from(members).where(eq(members.personId, memberId));
  // The member alone, as the roster reads people: their whole branch was read to find them.
  const [record] = m ? await candidatesWhere(db, eq(members.personId, memberId)) : [];
  if (!m || !record) throw new Error(`member ${memberId} not found`);
  const [inflow] = m.m.inflowOrgId === null ? [] : await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, m.m.inflowOrgId));
  const [liaison] = await db.select({ name: persons.name }).from(liaisonAssignments).innerJoin(persons, eq(persons.id, liaisonAssignments.liaisonId)).where(eq(liaisonAssignments.memberId, memberId));
  const [cert] = await db.select().from(certificates).where(eq(certificates.memberId, memberId)).orderBy(desc(certificates.issuedOn)).limit(1);
  const workbook = new (await excel()).Workbook();
  const facts: [string, string][] = [
    ...EXPORT_FIELDS.map((f): [string, string] => {
      const v = shownOnRecord(record, f);
      return [FIELD_LABELS[f], f === 'idNumber' && !showIdNumber ? maskIdNumber(v) : v];
    }),
    ['流入地党组织', inflow?.name ?? ''], ['联络员', liaison?.name ?? ''],
    ['流动党员活动证', cert ? `${cert.number}（${cert.issuedOn} 至 ${cert.validUntil}）` : ''],
  ];
  const card = addTableSheet(workbook, '登记卡', ['项目', '内容'], facts);
  card.insertRow(1, ['流动党员登记卡']).font = { bold: true, size: 14 };
  card.mergeCells(1, 1, 1, 2);
  const entries = await db
    .select({ e: trackingEntries, actor: persons.name })
    .from(trackingEntries)
    .leftJoin(persons, eq(persons.id, trackingEntries.actorId))
    .where(eq(trackingEntries.memberId, memberId))
    .orderBy(asc(trackingEntries.at), asc(trackingEntries.id));
  const [person] = await db.select({ timezone: persons.timezone }).from(persons).where(eq(persons.id, memberId));
  const contents = await cardContents(db, memberId, entries.map((x) => x.e), lang);
  const tracking = addTableSheet(workbook, '跟踪管理卡', ['日期', '类别', '记录人', '内容'], entries.map(({ e, actor }, i) => [
    localDay(e.at, person?.timezone ?? 'Asia/Shanghai'), t(lang, 'card-entry-kind', { kind: e.kind }), actor ?? '', contents[i] ?? '',
  ]));
  tracking.insertRow(1, [`流动党员跟踪管理卡：${record.name}`]).font = { bold: true, size: 14 };
  tracking.mergeCells(1, 1, 1, 4);
  return toBuffer(workbook);
}
