import type { DbOrTx } from '../../db/client.js';
import { button, reply } from '../flow.js';
import { notifyPerson } from '../notify.js';
import { helpLadder, nameOf } from './routing.js';

/** '2026-Q4' → year 2026, quarter 4, for "第四季度". */
export function quarterOf(period: string): { year: string; quarter: number } {
  const [year, q] = period.split('-Q');
  // The year as text: a number would be shown with a thousands separator (2,026).
  return { year: year ?? '', quarter: Number(q) };
}

/** The buttons under a thought report wherever staff meet it: read it, and answer the member. */
export const thoughtReportButtons = (reportId: number) => [[button('staff-button-read-thought', `thought:read:${reportId}`), button('staff-button-reply-thought', `thought:reply:${reportId}`)]];

/**
 * A thought report handed in is news for the member's liaison and branch secretary: "赵小红 交了第四季度思想汇报",
 * with a button to read it and one to answer. Handing it in again (a rewrite) tells them again.
 */
export async function announceThoughtReport(db: DbOrTx, memberId: number, reportId: number, period: string, photos: number, now: Date): Promise<number> {
  const ladder = await helpLadder(db, memberId);
  const people = [...new Set([...(ladder.liaisonId !== undefined ? [ladder.liaisonId] : []), ...ladder.secretaryIds])];
  const notice = reply('staff-thought-handed-in', { args: { name: await nameOf(db, memberId), ...quarterOf(period), photos }, buttons: thoughtReportButtons(reportId) });
  let told = 0;
  for (const p of people) {
    if (await notifyPerson(db, p, notice, { key: `thought-in:${reportId}:${now.getTime()}:${p}`, purpose: 'notify', now })) told++;
  }
  return told;
}
