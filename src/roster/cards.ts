import { asc, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import { certificates, liaisonAssignments, memberProfiles, members, organisations, persons, trackingEntries } from '../db/schema/index.js';
import { t, type Language } from '../bot/i18n/index.js';
import { localDay } from '../bot/period.js';
import { STATUS_LABELS } from './columns.js';
import { addTableSheet, toBuffer } from './sheet.js';

/**
 * 一档双卡 for one member: the registration card (登记卡) and the tracking card (跟踪管理卡) with every
 * contact, report, visit, help request and change. The caller has already passed `authorize('member.card')`.
 */
export async function exportMemberCards(db: DbOrTx, memberId: number, lang: Language = 'zh-CN'): Promise<Buffer> {
  const [row] = await db
    .select({ p: persons, m: members, profile: memberProfiles, branch: organisations.name })
    .from(members)
    .innerJoin(persons, eq(persons.id, members.personId))
    .innerJoin(organisations, eq(organisations.id, members.homeOrgId))
    .leftJoin(memberProfiles, eq(memberProfiles.memberId, members.personId))
    .where(eq(members.personId, memberId));
  if (!row) throw new Error(`member ${memberId} not found`);
  const { p, m, profile, branch } = row;
  const [inflow] = m.inflowOrgId === null ? [] : await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, m.inflowOrgId));
  const [liaison] = await db.select({ name: persons.name }).from(liaisonAssignments).innerJoin(persons, eq(persons.id, liaisonAssignments.liaisonId)).where(eq(liaisonAssignments.memberId, memberId));
  const [cert] = await db.select().from(certificates).where(eq(certificates.memberId, memberId)).orderBy(desc(certificates.issuedOn)).limit(1);
  const workbook = new ExcelJS.Workbook();
  const facts: [string, string][] = [
    ['姓名', p.name], ['性别', profile?.gender ?? ''], ['手机号码', p.phone ?? ''], ['所在支部', branch], ['党员类别', STATUS_LABELS[m.status]],
    ['外出时间', m.departedOn ?? ''], ['外出地点', profile?.destination ?? m.destinationRegionCode ?? ''], ['工作单位', m.employer ?? ''],
    ['职业', m.occupation ?? ''], ['联系方式', profile?.contact ?? ''], ['是否预备党员', m.probationary ? '是' : '否'], ['预备期满时间', m.probationEndsOn ?? ''],
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
  const tracking = addTableSheet(workbook, '跟踪管理卡', ['日期', '类别', '记录人', '内容'], entries.map(({ e, actor }) => [
    localDay(e.at, p.timezone), t(lang, 'card-entry-kind', { kind: e.kind }), actor ?? '', e.note ?? '',
  ]));
  tracking.insertRow(1, [`流动党员跟踪管理卡：${p.name}`]).font = { bold: true, size: 14 };
  tracking.mergeCells(1, 1, 1, 4);
  return toBuffer(workbook);
}
