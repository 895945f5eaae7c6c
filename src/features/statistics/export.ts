import type ExcelJS from 'exceljs';
import { excel } from '../../roster/excel.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { t, type Language } from '../../bot/i18n/index.js';
import { addTableSheet, toBuffer } from '../../roster/sheet.js';
import { statisticsAndRows, type OrgSummaryRow } from './statistics.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function summaryRow(name: string, s: OrgSummaryRow): (string | number)[] {
  const y = s.year;
  return [
    name, s.members, s.mobile, pct(s.mobileShare), s.reportedOnTimeThisMonth, s.lostContact, s.foundAgainThisYear, s.helpRequests, s.probationaryDue,
    y.recognised, y.laidOff, y.trained, y.inTraining, y.reemployed,
  ];
}

const SUMMARY_HEADER = [
  '单位', '党员总数', '流动党员', '流动党员占比', '本月按时报到', '失去联系', '本年找回', '求助件数', '预备党员到期',
  '本年先进', '下岗失业党员', '本年参加培训', '正在培训', '本年再就业',
];

/** 流动党员情况统计表: the subtree total, one row per branch, by destination, by occupation, help by category, the courses and openings open. */
export async function exportStatistics(db: DbOrTx, orgId: number, now: Date, lang: Language = 'zh-CN'): Promise<Buffer> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new Error(`organisation ${orgId} not found`);
  const { total, rows } = await statisticsAndRows(db, orgId, now);
  const perBranch = rows.map((b) => summaryRow(b.name, b.row));
  const workbook = new (await excel()).Workbook();
  const summary = addTableSheet(workbook, '汇总', SUMMARY_HEADER, [summaryRow(`${org.name}（合计）`, { ...total, helpRequests: total.help.reduce((a, h) => a + h.total, 0) }), ...perBranch.filter((r) => r[0] !== org.name)]);
  summary.insertRow(1, [`${org.name} 流动党员情况统计表（${total.period}）`]).font = { bold: true, size: 14 };
  summary.mergeCells(1, 1, 1, SUMMARY_HEADER.length);
  addTableSheet(workbook, '按外出地点', ['外出地点', '人数'], total.byDestination.map((d) => [d.destination, d.count]));
  addTableSheet(workbook, '按职业', ['职业', '人数'], total.byOccupation.map((d) => [d.occupation, d.count]));
  addTableSheet(workbook, '求助', ['求助类别', '件数', '已解决', '平均办结小时'], total.help.map((h) => [t(lang, 'stats-help-category', { category: h.category }), h.total, h.resolved, h.meanHoursToResolve ?? '-']));
  addTableSheet(workbook, '培训和岗位', ['类别', '名称', '地点', '开始日期'], total.year.openOffers.map((o) => [o.kind === 'training' ? '培训' : '岗位', o.title, o.place, o.startsOn]));
  return toBuffer(workbook);
}
