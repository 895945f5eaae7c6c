import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { reports } from '../db/schema/index.js';
import { button, reply, type PersonFacts, type Reply } from './flow.js';
import { localDay } from './period.js';
import { describeRegion } from './regions/index.js';

/** 我的情况: what the branch knows about me, at a glance. */
export async function myStatus(db: DbOrTx, facts: PersonFacts): Promise<Reply[]> {
  if (!facts.isMember) return [reply('status-not-member')];
  const [last] = await db
    .select({ submittedAt: reports.submittedAt })
    .from(reports)
    .where(and(eq(reports.memberId, facts.personId), eq(reports.kind, 'monthly')))
    .orderBy(desc(reports.submittedAt))
    .limit(1);
  const requests = facts.openHelpRequests
    .map((r) => ({ key: 'status-help-line', args: { id: r.id, category: r.category, status: r.status } }));
  const replies: Reply[] = [
    reply('status-summary', {
      args: {
        placeState: facts.lastRegionCode ? 'known' : facts.locationConsent === 'granted' ? 'unknown' : 'no-consent',
        place: facts.lastRegionCode ? describeRegion(facts.lastRegionCode, facts.language) : '-',
        reported: facts.monthlyReportedThisPeriod ? 'yes' : 'no',
        lastReport: last ? localDay(last.submittedAt, facts.timezone) : '-',
        openRequests: requests.length,
      },
      buttons: [
        ...(facts.monthlyReportedThisPeriod ? [] : [[button('menu-checkin', 'menu:checkIn')]]),
        // Where the consent said it could be withdrawn: here, in one tap (it deletes the stored places, as /withdraw does).
        [facts.locationConsent === 'granted' ? button('status-button-withdraw', 'menu:withdraw') : button('status-button-consent', 'menu:consent')],
      ],
    }),
    ...requests.map((r) => reply(r.key, { args: r.args })),
  ];
  // Requests the branch marked solved wait for the member's word.
  for (const r of facts.openHelpRequests.filter((x) => x.status === 'resolved')) {
    replies.push(reply('help-ask-confirm', { args: { id: r.id }, buttons: [[button('help-button-solved', `hr:confirm:${r.id}`), button('help-button-not-solved', `hr:reopen:${r.id}`)]] }));
  }
  return replies;
}
